import { BUCKET_MINUTES } from './config';

// The last hour of a device, folded into sixty one-minute buckets of sums, so that the hour's
// statistics and the 5/15/30/60-minute windows cost the same memory whether the device reports
// every second or every minute. Each bucket is a row of one Float64Array; a slot is reused when
// its minute comes round again. Temperatures are stored relative to the device's first reading
// (`ref`) so that sums of squares keep their precision.

export const MINUTE_MS = 60_000;

const MINUTE = 0;
const N = 1;
const ST = 2; // Σ seconds since the start of the bucket's minute
const STT = 3;
const T_SUM = 4; // temperature − ref
const T_SQ = 5;
const T_MIN = 6;
const T_MAX = 7;
const T_ST = 8;
const R_SUM = 9; // risk
const R_MAX = 10;
const R_ST = 11;
const C_SUM = 12; // current
const C_MAX = 13;
const L_SUM = 14; // leakage current
const L_MAX = 15;
const A_SUM = 16; // arcs
const A_EV = 17;
const A_MAX = 18;
const D_N = 19; // consecutive temperature differences
const D_SUM = 20;
const D_SQ = 21;
const F_T = 22; // first and last reading of the bucket (ms, °C − ref)
const F_TEMP = 23;
const L_T = 24;
const L_TEMP = 25;
const FIELDS = 26;

/** Per-minute series a caller can read point by point. */
export type BucketSeries = 'temperature' | 'risk' | 'current' | 'leakage_current';

/** Sums over a run of buckets; times are seconds since the start of the run's first minute. */
export class WindowSums {
  n = 0;
  st = 0;
  stt = 0;
  tSum = 0;
  tSq = 0;
  tMin = Number.POSITIVE_INFINITY;
  tMax = Number.NEGATIVE_INFINITY;
  tSt = 0;
  rSum = 0;
  rMax = Number.NEGATIVE_INFINITY;
  rSt = 0;
  cSum = 0;
  cMax = Number.NEGATIVE_INFINITY;
  lSum = 0;
  lMax = Number.NEGATIVE_INFINITY;
  aSum = 0;
  aEvents = 0;
  aMax = 0;
  dN = 0;
  dSum = 0;
  dSq = 0;
  firstT = Number.POSITIVE_INFINITY;
  firstTemp = 0;
  lastT = Number.NEGATIVE_INFINITY;
  lastTemp = 0;
  /** Added back to temperature sums by the accessors below. */
  ref = 0;

  reset(ref: number): void {
    this.n = 0;
    this.st = 0;
    this.stt = 0;
    this.tSum = 0;
    this.tSq = 0;
    this.tMin = Number.POSITIVE_INFINITY;
    this.tMax = Number.NEGATIVE_INFINITY;
    this.tSt = 0;
    this.rSum = 0;
    this.rMax = Number.NEGATIVE_INFINITY;
    this.rSt = 0;
    this.cSum = 0;
    this.cMax = Number.NEGATIVE_INFINITY;
    this.lSum = 0;
    this.lMax = Number.NEGATIVE_INFINITY;
    this.aSum = 0;
    this.aEvents = 0;
    this.aMax = 0;
    this.dN = 0;
    this.dSum = 0;
    this.dSq = 0;
    this.firstT = Number.POSITIVE_INFINITY;
    this.firstTemp = 0;
    this.lastT = Number.NEGATIVE_INFINITY;
    this.lastTemp = 0;
    this.ref = ref;
  }

  tempMean(): number {
    return this.ref + this.tSum / this.n;
  }

  /** Population variance of the temperature (np.std²). */
  tempVariancePop(): number {
    const m = this.tSum / this.n;
    return Math.max(0, this.tSq / this.n - m * m);
  }

  /** Sample variance (STDDEV_SAMP²); NaN below two readings. */
  tempVarianceSample(): number {
    if (this.n < 2) return Number.NaN;
    return (this.tempVariancePop() * this.n) / (this.n - 1);
  }

  private timeVariance(): number {
    return this.n * this.stt - this.st * this.st;
  }

  /** Least-squares slope of temperature against time, per minute (0 when time does not vary). */
  tempSlopePerMinute(): number {
    const d = this.timeVariance();
    if (!(d > 1e-9)) return 0;
    return ((this.n * this.tSt - this.st * this.tSum) / d) * 60;
  }

  riskSlopePerMinute(): number {
    const d = this.timeVariance();
    if (!(d > 1e-9)) return 0;
    return ((this.n * this.rSt - this.st * this.rSum) / d) * 60;
  }

  /** r² of the temperature fit against time (0 when either does not vary). */
  tempR2(): number {
    const sxx = this.timeVariance();
    const syy = this.n * this.tSq - this.tSum * this.tSum;
    if (!(sxx > 1e-9) || !(syy > 1e-12)) return 0;
    const sxy = this.n * this.tSt - this.st * this.tSum;
    return Math.min(1, (sxy * sxy) / (sxx * syy));
  }

  /** np.std(np.diff(temps)); NaN without a difference. */
  volatility(): number {
    if (this.dN < 1) return Number.NaN;
    const m = this.dSum / this.dN;
    return Math.sqrt(Math.max(0, this.dSq / this.dN - m * m));
  }
}

export class MinuteBuckets {
  private readonly rows = new Float64Array(BUCKET_MINUTES * FIELDS).fill(Number.NaN);
  /** Temperatures are kept relative to this (the device's first temperature). */
  ref = Number.NaN;

  static readonly BYTES = BUCKET_MINUTES * FIELDS * 8;

  /** Row offset of the bucket holding `minute`, or -1 if that slot holds another minute. */
  private rowOf(minute: number): number {
    const row = (((minute % BUCKET_MINUTES) + BUCKET_MINUTES) % BUCKET_MINUTES) * FIELDS;
    return this.rows[row + MINUTE] === minute ? row : -1;
  }

  /**
   * Folds one reading in. `diff` is the change from the device's previous reading (NaN when there
   * is none to compare with, e.g. for a late reading). Returns false when the reading's minute has
   * already left the hour (its slot holds a newer minute).
   */
  add(timeMs: number, temp: number, risk: number, current: number, leakage: number, arcs: number, diff: number): boolean {
    if (Number.isNaN(this.ref)) this.ref = temp;
    const minute = Math.floor(timeMs / MINUTE_MS);
    const r = this.rows;
    const row = (((minute % BUCKET_MINUTES) + BUCKET_MINUTES) % BUCKET_MINUTES) * FIELDS;
    const held = r[row + MINUTE] as number;
    if (held !== minute) {
      if (held > minute) return false;
      r.fill(0, row, row + FIELDS);
      r[row + MINUTE] = minute;
      r[row + T_MIN] = Number.POSITIVE_INFINITY;
      r[row + T_MAX] = Number.NEGATIVE_INFINITY;
      r[row + R_MAX] = Number.NEGATIVE_INFINITY;
      r[row + C_MAX] = Number.NEGATIVE_INFINITY;
      r[row + L_MAX] = Number.NEGATIVE_INFINITY;
      r[row + F_T] = Number.POSITIVE_INFINITY;
      r[row + L_T] = Number.NEGATIVE_INFINITY;
    }
    const s = (timeMs - minute * MINUTE_MS) / 1000;
    const y = temp - this.ref;
    r[row + N] = (r[row + N] as number) + 1;
    r[row + ST] = (r[row + ST] as number) + s;
    r[row + STT] = (r[row + STT] as number) + s * s;
    r[row + T_SUM] = (r[row + T_SUM] as number) + y;
    r[row + T_SQ] = (r[row + T_SQ] as number) + y * y;
    if (y < (r[row + T_MIN] as number)) r[row + T_MIN] = y;
    if (y > (r[row + T_MAX] as number)) r[row + T_MAX] = y;
    r[row + T_ST] = (r[row + T_ST] as number) + s * y;
    r[row + R_SUM] = (r[row + R_SUM] as number) + risk;
    if (risk > (r[row + R_MAX] as number)) r[row + R_MAX] = risk;
    r[row + R_ST] = (r[row + R_ST] as number) + s * risk;
    r[row + C_SUM] = (r[row + C_SUM] as number) + current;
    if (current > (r[row + C_MAX] as number)) r[row + C_MAX] = current;
    r[row + L_SUM] = (r[row + L_SUM] as number) + leakage;
    if (leakage > (r[row + L_MAX] as number)) r[row + L_MAX] = leakage;
    if (arcs > 0) {
      r[row + A_SUM] = (r[row + A_SUM] as number) + arcs;
      r[row + A_EV] = (r[row + A_EV] as number) + 1;
      if (arcs > (r[row + A_MAX] as number)) r[row + A_MAX] = arcs;
    }
    if (!Number.isNaN(diff)) {
      r[row + D_N] = (r[row + D_N] as number) + 1;
      r[row + D_SUM] = (r[row + D_SUM] as number) + diff;
      r[row + D_SQ] = (r[row + D_SQ] as number) + diff * diff;
    }
    if (timeMs < (r[row + F_T] as number)) {
      r[row + F_T] = timeMs;
      r[row + F_TEMP] = y;
    }
    if (timeMs >= (r[row + L_T] as number)) {
      r[row + L_T] = timeMs;
      r[row + L_TEMP] = y;
    }
    return true;
  }

  /** Sums over the `minutes` minutes ending with `endMinute` (inclusive), into `out`. */
  sumOver(endMinute: number, minutes: number, out: WindowSums): WindowSums {
    out.reset(Number.isNaN(this.ref) ? 0 : this.ref);
    const start = endMinute - minutes + 1;
    const r = this.rows;
    for (let m = start; m <= endMinute; m++) {
      const row = this.rowOf(m);
      if (row < 0) continue;
      const n = r[row + N] as number;
      if (n === 0) continue;
      const o = (m - start) * 60;
      const st = r[row + ST] as number;
      const tSum = r[row + T_SUM] as number;
      const rSum = r[row + R_SUM] as number;
      out.n += n;
      out.st += st + n * o;
      out.stt += (r[row + STT] as number) + 2 * o * st + n * o * o;
      out.tSum += tSum;
      out.tSq += r[row + T_SQ] as number;
      out.tMin = Math.min(out.tMin, r[row + T_MIN] as number);
      out.tMax = Math.max(out.tMax, r[row + T_MAX] as number);
      out.tSt += (r[row + T_ST] as number) + o * tSum;
      out.rSum += rSum;
      out.rMax = Math.max(out.rMax, r[row + R_MAX] as number);
      out.rSt += (r[row + R_ST] as number) + o * rSum;
      out.cSum += r[row + C_SUM] as number;
      out.cMax = Math.max(out.cMax, r[row + C_MAX] as number);
      out.lSum += r[row + L_SUM] as number;
      out.lMax = Math.max(out.lMax, r[row + L_MAX] as number);
      out.aSum += r[row + A_SUM] as number;
      out.aEvents += r[row + A_EV] as number;
      out.aMax = Math.max(out.aMax, r[row + A_MAX] as number);
      out.dN += r[row + D_N] as number;
      out.dSum += r[row + D_SUM] as number;
      out.dSq += r[row + D_SQ] as number;
      const ft = r[row + F_T] as number;
      if (ft < out.firstT) {
        out.firstT = ft;
        out.firstTemp = r[row + F_TEMP] as number;
      }
      const lt = r[row + L_T] as number;
      if (lt > out.lastT) {
        out.lastT = lt;
        out.lastTemp = r[row + L_TEMP] as number;
      }
    }
    // Min, max and the first/last temperatures were kept relative to ref.
    if (out.n > 0) {
      out.tMin += out.ref;
      out.tMax += out.ref;
      out.firstTemp += out.ref;
      out.lastTemp += out.ref;
    }
    return out;
  }

  /**
   * The per-minute means of one series over the `minutes` minutes ending with `endMinute`: x is
   * the mean reading time in minutes since the start of `endMinute`'s minute (≤ 1, negative
   * before), y the mean value. Returns how many minutes held readings.
   */
  minuteMeans(endMinute: number, minutes: number, series: BucketSeries, xs: Float64Array, ys: Float64Array): number {
    const r = this.rows;
    const field = series === 'temperature' ? T_SUM : series === 'risk' ? R_SUM : series === 'current' ? C_SUM : L_SUM;
    const shift = series === 'temperature' ? this.ref : 0;
    let k = 0;
    for (let m = endMinute - minutes + 1; m <= endMinute; m++) {
      const row = this.rowOf(m);
      if (row < 0) continue;
      const n = r[row + N] as number;
      if (n === 0) continue;
      xs[k] = m - endMinute + (r[row + ST] as number) / n / 60;
      ys[k] = shift + (r[row + field] as number) / n;
      k++;
    }
    return k;
  }

  /** Readings held for `minute` (0 when its slot holds another minute). */
  countAt(minute: number): number {
    const row = this.rowOf(minute);
    return row < 0 ? 0 : (this.rows[row + N] as number);
  }
}
