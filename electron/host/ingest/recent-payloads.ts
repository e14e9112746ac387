/**
 * The last few payloads of one device, remembered by timestamp, length and hash rather than by text.
 * Numbers in fixed rings: this runs for every message, and building and comparing key strings was a
 * tenth of the ingest's time and much of its garbage.
 */
export class RecentPayloads {
  private readonly hashes: Float64Array;
  private readonly lengths: Uint32Array;
  private readonly stamps: Array<string | number | undefined>;
  private next = 0;
  private size = 0;

  constructor(capacity: number) {
    this.hashes = new Float64Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.stamps = new Array<string | number | undefined>(capacity).fill(undefined);
  }

  /** True when this very payload was seen; otherwise remembers it (forgetting the oldest) and returns false. */
  seenBefore(stamp: string | number, length: number, hash: number): boolean {
    for (let i = 0; i < this.size; i += 1) {
      if (this.hashes[i] === hash && this.lengths[i] === length && this.stamps[i] === stamp) return true;
    }
    this.hashes[this.next] = hash;
    this.lengths[this.next] = length;
    this.stamps[this.next] = stamp;
    this.next = (this.next + 1) % this.hashes.length;
    if (this.size < this.hashes.length) this.size += 1;
    return false;
  }
}
