/**
 * cyrb53 over the payload's bytes, four at a time: a fast, well-mixed 53-bit hash. Used only to
 * recognise a redelivered payload without keeping its bytes; a collision would at worst count one
 * reading as a duplicate of a reading with the very same device, timestamp and length.
 *
 * It reads the bytes as received rather than the decoded text: this runs for every message, and
 * a word at a time it costs a quarter of the character-by-character loop.
 */
export function payloadHash(bytes: Uint8Array): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const words = bytes.length & ~3;
  let i = 0;
  for (; i < words; i += 4) {
    const word = (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24);
    h1 = Math.imul(h1 ^ word, 2654435761);
    h2 = Math.imul(h2 ^ word, 1597334677);
  }
  for (; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    h1 = Math.imul(h1 ^ byte, 2654435761);
    h2 = Math.imul(h2 ^ byte, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
