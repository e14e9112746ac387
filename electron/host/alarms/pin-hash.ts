import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Operator PINs are kept only as scrypt hashes: `scrypt$N$r$p$salt$hash` (salt and hash in base64).
// scrypt runs on libuv's thread pool, so a sign-in never stalls ingest on the main thread.

const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** A PIN is short by nature; this keeps a typo of a whole sentence out of the hash. */
export const MAX_PIN_LENGTH = 64;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, length, { N: n, r, p, maxmem: 256 * n * r }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, N, R, P, KEY_BYTES);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `text` has the shape hashPin writes (checked before trusting a hash from settings). */
export function isPinHash(text: string): boolean {
  return parsePinHash(text) !== null;
}

function parsePinHash(text: string): { n: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0) || (n & (n - 1)) !== 0 || n > 1 << 20) return null;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const key = Buffer.from(parts[5] as string, 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { n, r, p, salt, key };
}

/** Constant-time comparison of a PIN with a stored hash; a malformed hash never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (parsed === null || pin.length > MAX_PIN_LENGTH) return false;
  const key = await derive(pin, parsed.salt, parsed.n, parsed.r, parsed.p, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}
