import { toHex, utf8Encode } from './bytes';
import { sha256 } from './sha256';

const BLOCK_SIZE = 64;

function bytesOf(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? utf8Encode(input) : input;
}

/** HMAC-SHA256 (RFC 2104) over the pure SHA-256; a string key or message is taken as UTF-8. */
export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Uint8Array {
  let k = bytesOf(key);
  if (k.length > BLOCK_SIZE) k = sha256(k);
  const inner = new Uint8Array(BLOCK_SIZE);
  const outer = new Uint8Array(BLOCK_SIZE);
  inner.set(k);
  outer.set(k);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    inner[i]! ^= 0x36;
    outer[i]! ^= 0x5c;
  }
  const data = bytesOf(message);
  const innerInput = new Uint8Array(BLOCK_SIZE + data.length);
  innerInput.set(inner);
  innerInput.set(data, BLOCK_SIZE);
  const innerHash = sha256(innerInput);
  const outerInput = new Uint8Array(BLOCK_SIZE + innerHash.length);
  outerInput.set(outer);
  outerInput.set(innerHash, BLOCK_SIZE);
  return sha256(outerInput);
}

/** HMAC-SHA256 as 64 lower-case hex digits. */
export function hmacSha256Hex(key: string | Uint8Array, message: string | Uint8Array): string {
  return toHex(hmacSha256(key, message));
}
