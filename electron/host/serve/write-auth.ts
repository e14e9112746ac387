import { timingSafeEqual } from 'node:crypto';
import { ProtocolError, WRITE_METHODS } from '../../../shared/protocol';

// Writes beyond loopback need EMBERWATCH_TOKEN (DESIGN.md: 401 when it is missing or wrong): over
// REST as `Authorization: Bearer <token>`, over the WebSocket as the `token` parameter of the
// write (a browser cannot set headers on a WebSocket). On loopback the machine's own user is
// trusted, as serve mode's default listening address already assumes.

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || plain.startsWith('127.');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a REST request presents, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] as string) : null;
}

/**
 * Throws 401 unless the caller may write: a loopback peer, or one that presents the console's
 * token. A console listening beyond loopback always has a token (serve refuses to start without).
 */
export function checkWriteAccess(remoteAddress: string | undefined, presented: string | null | undefined, token: string | null): void {
  if (isLoopbackAddress(remoteAddress)) return;
  if (token === null) throw new ProtocolError('UNAUTHORIZED', 'writes from beyond this machine need EMBERWATCH_TOKEN, and none is set', 'TOKEN_REQUIRED');
  if (presented === null || presented === undefined || presented === '') {
    throw new ProtocolError('UNAUTHORIZED', 'this write needs Authorization: Bearer <EMBERWATCH_TOKEN>', 'TOKEN_REQUIRED');
  }
  if (!sameToken(presented, token)) throw new ProtocolError('UNAUTHORIZED', 'the token is wrong', 'TOKEN_WRONG');
}

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method);
}

/** A protocol session's guard (serve mode's WebSocket): writes from beyond loopback carry the token. */
export function sessionWriteGuard(remoteAddress: string | undefined, token: string | null): (method: string, params: unknown) => void {
  return (method, params) => {
    if (!isWriteMethod(method)) return;
    const presented = typeof params === 'object' && params !== null ? (params as { token?: unknown }).token : undefined;
    checkWriteAccess(remoteAddress, typeof presented === 'string' ? presented : null, token);
  };
}
