/** The newest values of one measure, oldest first, in a fixed amount of memory. */
export class TrendRing {
  private readonly values: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(Math.max(1, Math.floor(capacity)));
  }

  push(value: number): void {
    const cap = this.values.length;
    if (this.size < cap) {
      this.values[(this.start + this.size) % cap] = value;
      this.size += 1;
    } else {
      this.values[this.start] = value;
      this.start = (this.start + 1) % cap;
    }
  }

  get length(): number {
    return this.size;
  }

  toArray(): number[] {
    const out = new Array<number>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.values[(this.start + i) % this.values.length] as number;
    return out;
  }
}
