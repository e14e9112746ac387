import { BreakerOpenError } from './circuit-breaker';

// What a failed cloud call means for the outbox and the breaker.
//   endpoint:    the cloud could not be used (network, timeout, throttling, credentials, a missing
//                table, a 5xx): retry later, and count it against the breaker.
//   item:        the cloud answered and refused this request for good (a malformed item): retrying
//                cannot help; the entry is set aside and the endpoint is fine.
//   conditional: a conditional write found a newer or other record there: already done.
//   paused:      the breaker refused the call without trying.

export type CloudErrorKind = 'endpoint' | 'item' | 'conditional' | 'paused';

const ITEM_ERRORS: ReadonlySet<string> = new Set([
  'ValidationException',
  'SerializationException',
  'ItemCollectionSizeLimitExceededException',
]);

export function classifyCloudError(error: unknown): CloudErrorKind {
  if (error instanceof BreakerOpenError) return 'paused';
  const name = error instanceof Error ? error.name : '';
  if (name === 'ConditionalCheckFailedException') return 'conditional';
  if (ITEM_ERRORS.has(name)) return 'item';
  return 'endpoint';
}

/** For the breaker: only endpoint failures count. */
export function isEndpointFailure(error: unknown): boolean {
  return classifyCloudError(error) === 'endpoint';
}
