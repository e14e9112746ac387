/** Events per second over a sliding window of one-second buckets; O(1) per event. */
export class RateMeter {
  private readonly buckets: number[];
  private readonly windowS: number;
  private currentSecond = -1;

  constructor(windowS = 10) {
    this.windowS = windowS;
    this.buckets = new Array<number>(windowS).fill(0);
  }

  private advance(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (this.currentSecond < 0) this.currentSecond = second;
    const steps = Math.min(this.windowS, second - this.currentSecond);
    for (let i = 1; i <= steps; i += 1) this.buckets[(this.currentSecond + i) % this.windowS] = 0;
    if (second > this.currentSecond) this.currentSecond = second;
  }

  add(nowMs: number, count = 1): void {
    this.advance(nowMs);
    const slot = this.currentSecond % this.windowS;
    this.buckets[slot] = (this.buckets[slot] ?? 0) + count;
  }

  /** Mean rate over the completed seconds of the window (the running second is still filling). */
  perSecond(nowMs: number): number {
    this.advance(nowMs);
    let sum = 0;
    const slot = this.currentSecond % this.windowS;
    for (let i = 0; i < this.windowS; i += 1) if (i !== slot) sum += this.buckets[i] ?? 0;
    return sum / (this.windowS - 1);
  }
}
