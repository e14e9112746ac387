import { linearTrend, pairwiseSum } from './numeric';
import type { HistorySettings } from './config';

// Per-device recent readings for the risk modifier (the source system's `get_historical_context`,
// read from its RawData table). The table's key was device + timestamp; here each device has a
// ring of fixed typed arrays kept in timestamp order, holding at most the last `windowMs` of event
// time before the device's newest reading, and never more than `maxEntries`.
//
// Corrections to the source, as the golden vectors pin them: the window is measured from the
// reading's own timestamp (event time), the temperature trend runs over the readings in time
// order, and a reading with the timestamp of one already held replaces it.

const INITIAL_CAPACITY = 32;

/**
 * Closer than this to its threshold, a one-pass mean or slope is recomputed the careful way
 * (numpy's pairwise mean; the centred slope) before it is compared.
 */
const NEAR_THRESHOLD = 1e-9;

export class DeviceHistory {
  private capacity = INITIAL_CAPACITY;
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private count = 0;
  private times = new Float64Array(INITIAL_CAPACITY);
  private temps = new Float64Array(INITIAL_CAPACITY);
  private risks = new Float64Array(INITIAL_CAPACITY);
  private arcs = new Float64Array(INITIAL_CAPACITY);

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.count;
  }

  /** Physical slot of the i-th oldest entry. */
  private slot(i: number): number {
    return (this.head + i) & this.mask;
  }

  timeAt(i: number): number {
    return this.times[this.slot(i)] as number;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const move = (from: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const to = new Float64Array(capacity);
      for (let i = 0; i < this.count; i++) to[i] = from[(this.head + i) & this.mask] as number;
      return to;
    };
    this.times = move(this.times);
    this.temps = move(this.temps);
    this.risks = move(this.risks);
    this.arcs = move(this.arcs);
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.head = 0;
  }

  private dropOldest(): void {
    this.head = (this.head + 1) & this.mask;
    this.count--;
  }

  private makeRoom(): void {
    if (this.count >= this.maxEntries) this.dropOldest();
    else if (this.count === this.capacity) this.grow();
  }

  private write(i: number, time: number, temp: number, risk: number, arcs: number): void {
    const s = this.slot(i);
    this.times[s] = time;
    this.temps[s] = temp;
    this.risks[s] = risk;
    this.arcs[s] = arcs;
  }

  /** Index of the first entry whose time is ≥ `time` (binary search; entries are in time order). */
  private lowerBound(time: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Stores a reading and returns its index (0 = oldest). A reading with the time of one already
   * held replaces it in place; a late reading is inserted where its time belongs.
   */
  record(time: number, temp: number, risk: number, arcs: number): number {
    if (this.count === 0 || time > this.timeAt(this.count - 1)) {
      this.makeRoom();
      this.write(this.count, time, temp, risk, arcs);
      this.count++;
      return this.count - 1;
    }
    let at = this.lowerBound(time);
    if (at < this.count && this.timeAt(at) === time) {
      this.write(at, time, temp, risk, arcs);
      return at;
    }
    if (this.count >= this.maxEntries) {
      this.dropOldest();
      at--;
      if (at < 0) at = 0;
    } else if (this.count === this.capacity) {
      this.grow();
    }
    for (let i = this.count; i > at; i--) {
      const to = this.slot(i);
      const from = this.slot(i - 1);
      this.times[to] = this.times[from] as number;
      this.temps[to] = this.temps[from] as number;
      this.risks[to] = this.risks[from] as number;
      this.arcs[to] = this.arcs[from] as number;
    }
    this.count++;
    this.write(at, time, temp, risk, arcs);
    return at;
  }

  /** Drops entries older than `windowMs` before the newest one. */
  prune(windowMs: number): void {
    if (this.count === 0) return;
    const cutoff = this.timeAt(this.count - 1) - windowMs;
    while (this.count > 0 && this.timeAt(0) < cutoff) this.dropOldest();
  }

  /**
   * The risk modifier for the entry at index `last`: from the newest `sampleSize` entries up to it
   * that lie within `windowMs` before it, if there are at least `minReadings` of them.
   *
   * One pass gives the sums. A plain sum and the uncentred slope can differ from numpy's pairwise
   * mean and the centred slope in the last bits, which only matters right at a threshold: there
   * the value is recomputed the careful way before it is compared.
   */
  modifierAt(last: number, s: HistorySettings, scratch: Float64Array): number {
    const time = this.timeAt(last);
    const fromTime = time - s.windowMs;
    const look = s.sampleSize > s.minReadings ? s.sampleSize : s.minReadings;
    const times = this.times;
    const mask = this.mask;
    let found = 0;
    if (last === this.count - 1 && this.timeAt(0) >= fromTime) {
      // The newest reading, with everything older than its window already pruned.
      found = last + 1 < look ? last + 1 : look;
    } else {
      for (let i = last; i >= 0 && found < look; i--) {
        if ((times[(this.head + i) & mask] as number) < fromTime) break;
        found++;
      }
    }
    if (found < s.minReadings) return 1.0;

    const n = found < s.sampleSize ? found : s.sampleSize;
    const first = last - n + 1;
    const temps = this.temps;
    const risks = this.risks;
    const arcs = this.arcs;
    let sumT = 0;
    let sumIT = 0;
    let sumR = 0;
    let sumA = 0;
    for (let k = 0; k < n; k++) {
      const slot = (this.head + first + k) & mask;
      const t = temps[slot] as number;
      sumT += t;
      sumIT += k * t;
      sumR += risks[slot] as number;
      sumA += arcs[slot] as number;
    }

    let trend = 0;
    if (n >= 3) {
      const meanX = (n - 1) / 2;
      trend = (sumIT - meanX * sumT) / ((n * (n * n - 1)) / 12);
      // The uncentred form loses digits in proportion to the temperatures' size.
      if (Math.abs(trend - s.trendThreshold) <= NEAR_THRESHOLD * (1 + Math.abs(sumT / n))) {
        for (let k = 0; k < n; k++) scratch[k] = temps[(this.head + first + k) & mask] as number;
        trend = linearTrend(scratch, 0, n);
      }
    }
    let meanRisk = sumR / n;
    if (Math.abs(meanRisk - s.riskThreshold) <= NEAR_THRESHOLD) {
      // numpy sums the newest first, pairwise.
      for (let k = 0; k < n; k++) scratch[k] = risks[(this.head + last - k) & mask] as number;
      meanRisk = pairwiseSum(scratch, 0, n) / n;
    }

    let modifier = 1.0;
    if (trend > s.trendThreshold) modifier += s.trendBoost;
    if (sumA > s.arcThreshold) modifier += s.arcBoost;
    if (meanRisk > s.riskThreshold) modifier += s.riskBoost;
    return Math.min(s.maxModifier, modifier);
  }
}

export class HistoryStore {
  private readonly devices = new Map<string, DeviceHistory>();
  private readonly scratch: Float64Array;

  constructor(private readonly settings: HistorySettings) {
    this.scratch = new Float64Array(Math.max(settings.sampleSize, settings.minReadings));
  }

  /**
   * Records a reading of a device and returns the risk modifier for it: 1.0 with fewer than
   * `minReadings` readings in [t − window, t]; otherwise boosted by a rising temperature, many
   * arcs or a high mean risk over the newest `sampleSize` of them, capped at `maxModifier`.
   */
  recordAndModify(deviceId: string, time: number, pcbTemp: number, totalRisk: number, arcCount: number): number {
    const s = this.settings;
    let device = this.devices.get(deviceId);
    if (device === undefined) {
      device = new DeviceHistory(s.maxEntries);
      this.devices.set(deviceId, device);
    }
    let at = device.record(time, pcbTemp, totalRisk, arcCount);
    if (at === device.size - 1) {
      // Pruning first leaves exactly the newest reading's window in the ring.
      const before = device.size;
      device.prune(s.windowMs);
      at -= before - device.size;
      return device.modifierAt(at, s, this.scratch);
    }
    // A late reading may still need what pruning would drop; prune after.
    const modifier = device.modifierAt(at, s, this.scratch);
    device.prune(s.windowMs);
    return modifier;
  }

  /**
   * Puts a reading back into a device's history without scoring it: the same bookkeeping as
   * `recordAndModify`, so readings restored from storage (oldest first) leave the history exactly as
   * the unbroken run left it, and the next reading gets the same modifier.
   */
  restore(deviceId: string, time: number, pcbTemp: number, totalRisk: number, arcCount: number): void {
    let device = this.devices.get(deviceId);
    if (device === undefined) {
      device = new DeviceHistory(this.settings.maxEntries);
      this.devices.set(deviceId, device);
    }
    device.record(time, pcbTemp, totalRisk, arcCount);
    device.prune(this.settings.windowMs);
  }

  size(deviceId: string): number {
    return this.devices.get(deviceId)?.size ?? 0;
  }

  forget(deviceId: string): void {
    this.devices.delete(deviceId);
  }

  get deviceCount(): number {
    return this.devices.size;
  }

  clear(): void {
    this.devices.clear();
  }
}
