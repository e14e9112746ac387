import { ProtocolError } from '../../../shared/protocol';

/**
 * An optional text parameter from a screen or a REST call: absent or blank is undefined, anything
 * but a string or a string over `max` characters is a 400 naming the parameter.
 */
export function optionalText(name: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ProtocolError('BAD_REQUEST', `${name} must be a string`);
  if (value.length > max) throw new ProtocolError('BAD_REQUEST', `${name} must be at most ${max} characters`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
