import type { TimeseriesPoint } from '../../../shared/protocol';

const INITIAL_CAPACITY = 16;

/**
 * A device's most recent points, oldest first by arrival, at most `limit`. Kept in typed arrays,
 * not as an object per reading: at full rate a thousand devices' points were hundreds of thousands
 * of long-lived objects, and collecting them cost the ingest about 5 % of its time. The arrays
 * grow by doubling, so a device that reports rarely costs little.
 */
export class RecentPoints {
  private capacity = 0;
  private head = 0;
  private count = 0;
  private stamps: string[] = [];
  private times = new Float64Array(0);
  private temperatures = new Float64Array(0);
  private risks = new Float64Array(0);
  private arcs = new Float64Array(0);
  private voltages = new Float64Array(0);
  private currents = new Float64Array(0);

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.count;
  }

  /** One reading's point; separate arguments, so that the hot path makes no object per reading. */
  add(timestamp: string, timestampMs: number, temperature: number, riskScore: number | null, arcCount: number, voltage: number, current: number): void {
    if (this.count === this.capacity && this.capacity < this.limit) this.grow();
    let slot: number;
    if (this.count < this.capacity) {
      slot = (this.head + this.count) % this.capacity;
      this.count += 1;
    } else {
      // Full at the limit: the oldest goes.
      slot = this.head;
      this.head = (this.head + 1) % this.capacity;
    }
    this.stamps[slot] = timestamp;
    this.times[slot] = timestampMs;
    this.temperatures[slot] = temperature;
    this.risks[slot] = riskScore ?? Number.NaN;
    this.arcs[slot] = arcCount;
    this.voltages[slot] = voltage;
    this.currents[slot] = current;
  }

  /** The points in event-time order (arrival order where times are equal). */
  inTimeOrder(): ReadonlyArray<TimeseriesPoint> {
    const slots = Array.from({ length: this.count }, (_, i) => (this.head + i) % this.capacity);
    slots.sort((a, b) => (this.times[a] as number) - (this.times[b] as number));
    return slots.map((slot) => {
      const risk = this.risks[slot] as number;
      return {
        timestamp: this.stamps[slot] as string,
        temperature: this.temperatures[slot] as number,
        risk_score: Number.isNaN(risk) ? null : risk,
        arc_count: this.arcs[slot] as number,
        voltage: this.voltages[slot] as number,
        current: this.currents[slot] as number,
      };
    });
  }

  private grow(): void {
    const capacity = Math.min(this.limit, Math.max(INITIAL_CAPACITY, this.capacity * 2));
    const order = Array.from({ length: this.count }, (_, i) => (this.head + i) % Math.max(1, this.capacity));
    const move = (from: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const to = new Float64Array(capacity);
      order.forEach((slot, i) => (to[i] = from[slot] as number));
      return to;
    };
    this.stamps = order.map((slot) => this.stamps[slot] as string);
    this.times = move(this.times);
    this.temperatures = move(this.temperatures);
    this.risks = move(this.risks);
    this.arcs = move(this.arcs);
    this.voltages = move(this.voltages);
    this.currents = move(this.currents);
    this.capacity = capacity;
    this.head = 0;
  }
}
