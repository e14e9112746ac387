import { ProtocolError } from '../../../shared/protocol';

// Parameters from a screen or a REST call are untrusted: a wrong type becomes a 400 with a reason,
// never an exception of another kind out of the host.

/** The station named by REST calls that give none. */
export const API_STATION = 'api';
const MAX_COMMENT = 2000;

export function asText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ProtocolError('BAD_REQUEST', `${name} must be a string`);
  return value;
}

export function cleanComment(comment: string | null | undefined): string | null {
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string') throw new ProtocolError('BAD_REQUEST', 'comment must be a string', 'INVALID_COMMENT');
  const trimmed = comment.trim();
  if (trimmed.length > MAX_COMMENT) throw new ProtocolError('BAD_REQUEST', `comment is longer than ${MAX_COMMENT} characters`, 'INVALID_COMMENT');
  return trimmed === '' ? null : trimmed;
}

export function stationName(value: unknown): string {
  const text = asText(value, 'station');
  const name = text === undefined ? '' : text.trim();
  if (name.length > 100) throw new ProtocolError('BAD_REQUEST', 'station must be at most 100 characters');
  return name === '' ? API_STATION : name;
}
