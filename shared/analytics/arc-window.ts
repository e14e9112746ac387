// The readings with arcs of the last ten minutes (event time), in time order, with their running
// sum. Readings without arcs are not kept: they add nothing to ARC_PATTERN_ANALYSIS's sums. The
// ring grows from a few slots up to `maxEntries`; a device arcing at every reading of a fast
// period fills it, and then its oldest entries are dropped — by then the sum is far above the
// HIGH_FREQUENCY line, so the pattern is unchanged (only total_arcs_10min undercounts).

const INITIAL_CAPACITY = 4;

export class ArcWindow {
  private times: Float64Array = new Float64Array(0);
  private counts: Float64Array = new Float64Array(0);
  private head = 0;
  private size = 0;
  /** Sum of the arcs held. */
  sum = 0;
  /** Readings with arcs held. */
  events = 0;

  constructor(private readonly maxEntries: number) {}

  get length(): number {
    return this.size;
  }

  get bytes(): number {
    return this.times.byteLength + this.counts.byteLength;
  }

  private at(i: number): number {
    return (this.head + i) % this.times.length;
  }

  private grow(): void {
    const capacity = Math.min(this.maxEntries, Math.max(INITIAL_CAPACITY, this.times.length * 2));
    const times = new Float64Array(capacity);
    const counts = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const j = this.at(i);
      times[i] = this.times[j] as number;
      counts[i] = this.counts[j] as number;
    }
    this.times = times;
    this.counts = counts;
    this.head = 0;
  }

  private dropOldest(): void {
    this.sum -= this.counts[this.head] as number;
    this.events -= 1;
    this.head = (this.head + 1) % this.times.length;
    this.size -= 1;
  }

  /** Forgets entries at or before `cutoffMs` (the window is (newest − 10 min, newest]). */
  expire(cutoffMs: number): void {
    while (this.size > 0 && (this.times[this.head] as number) <= cutoffMs) this.dropOldest();
    if (this.size === 0) {
      this.sum = 0;
      this.events = 0;
    }
  }

  /** Adds a reading with arcs, in time order (a late reading is inserted where its time belongs). */
  add(timeMs: number, count: number): void {
    if (this.size === this.times.length) {
      if (this.times.length < this.maxEntries) this.grow();
      else this.dropOldest();
    }
    // Walk back from the newest to the insertion point; in order this loop does not run.
    let i = this.size;
    while (i > 0 && (this.times[this.at(i - 1)] as number) > timeMs) {
      const from = this.at(i - 1);
      const to = this.at(i);
      this.times[to] = this.times[from] as number;
      this.counts[to] = this.counts[from] as number;
      i--;
    }
    const slot = this.at(i);
    this.times[slot] = timeMs;
    this.counts[slot] = count;
    this.size += 1;
    this.sum += count;
    this.events += 1;
  }

  /** Largest single count held. */
  maxCount(): number {
    let max = 0;
    for (let i = 0; i < this.size; i++) max = Math.max(max, this.counts[this.at(i)] as number);
    return max;
  }

  /** Gives back memory a quiet device no longer needs (called from the periodic work). */
  compact(): void {
    if (this.times.length <= INITIAL_CAPACITY || this.size * 4 > this.times.length) return;
    const capacity = Math.max(INITIAL_CAPACITY, this.size * 2);
    if (this.size === 0) {
      this.times = new Float64Array(0);
      this.counts = new Float64Array(0);
      this.head = 0;
      return;
    }
    const times = new Float64Array(capacity);
    const counts = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const j = this.at(i);
      times[i] = this.times[j] as number;
      counts[i] = this.counts[j] as number;
    }
    this.times = times;
    this.counts = counts;
    this.head = 0;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.sum = 0;
    this.events = 0;
  }
}
