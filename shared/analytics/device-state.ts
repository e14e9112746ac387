import { ArcWindow } from './arc-window';
import type { AnalyticsConfig, ForecastMeasure, NormalRange } from './config';
import { MinuteBuckets, MINUTE_MS, WindowSums } from './minute-buckets';
import type { BucketSeries } from './minute-buckets';
import { above, below, theilSen } from './numeric';
import type { AnalyticsReading } from './reading';
import { readingTemperatureOf } from './reading';
import type {
  AnalyticsValues,
  ArcPatternName,
  DeviceAnalyticsEvent,
  DeviceEventType,
  EventSeverity,
  ForecastStatus,
  RangeSensor,
} from './types';
import type { ZoneState } from './zone-state';

// One device's analytics: the hour in minute buckets, the arcs of the last ten minutes, the
// previous reading, and which events are active (fired and not yet re-armed).
//
// Ordering, decided once for every rule:
// - a reading with the device's newest timestamp, or one of its recent timestamps, is a duplicate
//   and is ignored entirely (the first copy wins);
// - a reading older than the device's newest is late: it is folded into the buckets and the arc
//   window (so aggregates and later windows count it) but fires nothing and changes neither the
//   previous reading nor any active event;
// - a reading more than `silenceResetMs` after the newest starts a new episode: no previous
//   reading, the streak restarts, every event re-arms.

export const RANGE_SENSORS: ReadonlyArray<RangeSensor> = ['temperature', 'voltage', 'current', 'co_gas', 'voc', 'power_factor'];
export const FORECAST_MEASURES: ReadonlyArray<ForecastMeasure> = ['temperature', 'current', 'leakage_current'];
export const ARC_PATTERNS: ReadonlyArray<ArcPatternName> = ['NONE', 'LOW', 'MODERATE', 'HIGH_FREQUENCY'];

/** Condition slots: one bit each in `active`, with the onset time in `since`. */
export const C_TEMP_SPIKE = 0;
export const C_TEMP_CRITICAL = 1;
export const C_RISK_SPIKE = 2;
export const C_RISK_EMERGENCY = 3;
export const C_RAPID = 4;
export const C_SUSTAINED = 5;
export const C_POWER = 6;
export const C_RANGE = 7; // … 12, in RANGE_SENSORS order
export const C_FORECAST = 13; // … 15, in FORECAST_MEASURES order
export const C_ARC = 16;
export const CONDITION_SLOTS = 17;

export function conditionEvent(slot: number): DeviceEventType {
  if (slot >= C_RANGE && slot < C_RANGE + RANGE_SENSORS.length) return 'RANGE_VIOLATION';
  if (slot >= C_FORECAST && slot < C_FORECAST + FORECAST_MEASURES.length) return 'THRESHOLD_FORECAST';
  switch (slot) {
    case C_TEMP_SPIKE: return 'TEMPERATURE_SPIKE';
    case C_TEMP_CRITICAL: return 'TEMPERATURE_CRITICAL';
    case C_RISK_SPIKE: return 'RISK_SPIKE';
    case C_RISK_EMERGENCY: return 'RISK_EMERGENCY';
    case C_RAPID: return 'RAPID_RISK_CHANGE';
    case C_SUSTAINED: return 'SUSTAINED_HIGH_RISK';
    case C_POWER: return 'POWER_MISMATCH';
    default: return 'ARC_PATTERN';
  }
}

/** Severities follow the seed: emergency paths (SNS emergency topic, Lambda) are CRITICAL. */
export function severityOf(event: DeviceEventType, detail: string | null): EventSeverity {
  switch (event) {
    case 'TEMPERATURE_CRITICAL':
    case 'RISK_EMERGENCY':
      return 'CRITICAL';
    case 'TEMPERATURE_SPIKE':
    case 'RISK_SPIKE':
    case 'SUSTAINED_HIGH_RISK':
    case 'THRESHOLD_FORECAST':
      return 'HIGH';
    case 'RANGE_VIOLATION':
      return detail === 'temperature' ? 'HIGH' : 'MEDIUM';
    case 'ARC_PATTERN':
      return detail === 'HIGH_FREQUENCY' ? 'HIGH' : detail === 'MODERATE' ? 'MEDIUM' : 'LOW';
    default:
      return 'MEDIUM';
  }
}

export function conditionDetail(slot: number, arcLevel: number): string | null {
  if (slot >= C_RANGE && slot < C_RANGE + RANGE_SENSORS.length) return RANGE_SENSORS[slot - C_RANGE] as string;
  if (slot >= C_FORECAST && slot < C_FORECAST + FORECAST_MEASURES.length) return FORECAST_MEASURES[slot - C_FORECAST] as string;
  if (slot === C_ARC) return ARC_PATTERNS[arcLevel] as string;
  return null;
}

function seriesOf(measure: ForecastMeasure): BucketSeries {
  return measure;
}

/** Scratch arrays shared by every device of one analytics instance (one thread, one reading at a time). */
export class Scratch {
  readonly sums = new WindowSums();
  readonly xs = new Float64Array(60);
  readonly ys = new Float64Array(60);
  readonly pairs = new Float64Array((60 * 59) / 2);
}

export interface Forecast {
  readonly status: ForecastStatus;
  readonly fitted: number | null;
  readonly slope: number | null;
  readonly eta: number | null;
  readonly confidence: number;
  readonly points: number;
}

export interface PeriodicityCache {
  readonly periodic: boolean;
  readonly periodMinutes: number | null;
  readonly frequency: number | null;
  readonly points: number;
  readonly computedAtMs: number;
}

const NO_EVENTS: ReadonlyArray<DeviceAnalyticsEvent> = Object.freeze([]);

export type ObserveKind = 'in-order' | 'late' | 'duplicate';

export class DeviceState {
  readonly buckets = new MinuteBuckets();
  readonly arcs: ArcWindow;
  private readonly recentTimes: Float64Array;
  private recentPos = 0;

  zone: ZoneState | null = null;
  /** Position in the zone's member list. */
  zoneIndex = -1;

  readings = 0;
  late = 0;
  duplicates = 0;
  skewed = 0;

  newestMs = Number.NEGATIVE_INFINITY;
  newestIso = '';
  latestTemp = Number.NaN;
  latestRisk = Number.NaN;
  latestLevel = '';
  latestCurrent = Number.NaN;
  latestLeakage = Number.NaN;

  /** Whether the newest reading belongs to the current episode and may serve as "previous". */
  private hasPrevious = false;
  private streak = 0;
  active = 0;
  readonly since = new Float64Array(CONDITION_SLOTS).fill(Number.NaN);
  arcLevel = 0;

  /** Forecast lines (per FORECAST_MEASURES slot), refitted once per minute of event time. */
  private readonly fitMinute = new Float64Array(FORECAST_MEASURES.length).fill(Number.NaN);
  private readonly fitSlope = new Float64Array(FORECAST_MEASURES.length);
  private readonly fitIntercept = new Float64Array(FORECAST_MEASURES.length);
  private readonly fitConfidence = new Float64Array(FORECAST_MEASURES.length);
  private readonly fitPoints = new Float64Array(FORECAST_MEASURES.length);

  periodicity: PeriodicityCache | null = null;
  recentEvents: DeviceAnalyticsEvent[] | null = null;
  private pending: DeviceAnalyticsEvent[] | null = null;
  /** FORECAST_MEASURES slots that raise THRESHOLD_FORECAST. */
  private readonly forecastSlots: ReadonlyArray<number>;
  /** Membership flags of the zone's hot and gated sets, so a quiet reading touches no Set. */
  inHot = false;
  inGated = false;

  constructor(
    readonly id: string,
    private readonly config: AnalyticsConfig,
  ) {
    this.arcs = new ArcWindow(config.arcs.maxEntries);
    this.recentTimes = new Float64Array(config.dedupeTimestamps).fill(Number.NaN);
    this.forecastSlots = config.prediction.forecastMeasures.map((m) => FORECAST_MEASURES.indexOf(m)).filter((i) => i >= 0);
  }

  private seenRecently(timeMs: number): boolean {
    const times = this.recentTimes;
    for (let i = 0; i < times.length; i++) if (times[i] === timeMs) return true;
    return false;
  }

  private remember(timeMs: number): void {
    this.recentTimes[this.recentPos] = timeMs;
    this.recentPos = (this.recentPos + 1) % this.recentTimes.length;
  }

  /** What kind of reading this is, without changing anything. */
  classify(timeMs: number): ObserveKind {
    if (this.readings === 0 || timeMs > this.newestMs) return 'in-order';
    if (timeMs === this.newestMs || this.seenRecently(timeMs)) return 'duplicate';
    return 'late';
  }

  /** A late reading: into the aggregates only. */
  observeLate(reading: AnalyticsReading): void {
    const t = reading.timestamp_ms;
    this.late += 1;
    this.readings += 1;
    this.remember(t);
    const newestMinute = Math.floor(this.newestMs / MINUTE_MS);
    if (Math.floor(t / MINUTE_MS) > newestMinute - 60) {
      this.buckets.add(t, readingTemperatureOf(reading), reading.risk_score, reading.current, reading.leakage_current, reading.arc_count, Number.NaN);
    }
    if (reading.arc_count > 0 && t > this.newestMs - this.config.arcs.windowMs) this.arcs.add(t, reading.arc_count);
  }

  /** A reading newer than any before: aggregates, then every device rule. Returns the events it fired. */
  observe(reading: AnalyticsReading, scratch: Scratch): ReadonlyArray<DeviceAnalyticsEvent> {
    const c = this.config;
    const eps = c.epsilon;
    const t = reading.timestamp_ms;
    const temp = readingTemperatureOf(reading);
    const risk = reading.risk_score;
    const minute = Math.floor(t / MINUTE_MS);
    this.pending = null;
    const at = reading.timestamp;

    if (this.readings > 0 && t - this.newestMs > c.silenceResetMs) this.startEpisode();
    const previousMs = this.newestMs;
    const previousRisk = this.latestRisk;
    const previousTemp = this.latestTemp;
    const hasPrevious = this.hasPrevious;

    // The spike is judged against the hour before this reading, so it is checked before folding it in.
    let spike = false;
    let baselineMean = Number.NaN;
    let baselineStd = Number.NaN;
    let baselineN = 0;
    if (above(temp, c.temperatureSpike.minC, eps)) {
      const w = this.buckets.sumOver(minute, c.temperatureSpike.baselineMinutes, scratch.sums);
      baselineN = w.n;
      if (w.n >= Math.max(2, c.temperatureSpike.minBaselineReadings)) {
        baselineMean = w.tempMean();
        baselineStd = Math.sqrt(w.tempVarianceSample());
        spike = above(temp, baselineMean + c.temperatureSpike.sigmas * baselineStd, eps);
      }
    }

    this.buckets.add(t, temp, risk, reading.current, reading.leakage_current, reading.arc_count, hasPrevious ? temp - previousTemp : Number.NaN);
    this.arcs.expire(t - c.arcs.windowMs);
    if (reading.arc_count > 0) this.arcs.add(t, reading.arc_count);
    this.remember(t);
    this.readings += 1;
    this.newestMs = t;
    this.newestIso = reading.timestamp;
    this.latestTemp = temp;
    this.latestRisk = risk;
    this.latestLevel = reading.risk_level;
    this.latestCurrent = reading.current;
    this.latestLeakage = reading.leakage_current;
    this.hasPrevious = true;

    // TEMPERATURE_ANOMALY_DETECTION → handle_temperature_anomaly.
    if (this.onset(C_TEMP_SPIKE, spike, t)) {
      this.fire(at, 'TEMPERATURE_SPIKE', 'HIGH', {
        temperature: temp,
        baseline_mean: baselineMean,
        baseline_stddev: baselineStd,
        threshold: baselineMean + c.temperatureSpike.sigmas * baselineStd,
        baseline_readings: baselineN,
        risk_score: risk,
      });
    }
    if (this.onset(C_TEMP_CRITICAL, spike && above(temp, c.temperatureSpike.criticalC, eps), t)) {
      this.fire(at, 'TEMPERATURE_CRITICAL', 'CRITICAL', { temperature: temp, critical_c: c.temperatureSpike.criticalC, risk_score: risk });
    }

    // RISK_SPIKE_DETECTION: LAG(1) within ten minutes → handle_risk_spike.
    const gapMs = t - previousMs;
    const lagged = hasPrevious && gapMs <= c.riskSpike.maxGapMs;
    const rise = risk - previousRisk;
    if (this.onset(C_RISK_SPIKE, lagged && above(rise, c.riskSpike.rise, eps), t)) {
      this.fire(at, 'RISK_SPIKE', 'HIGH', { risk_score: risk, prev_risk_score: previousRisk, risk_change: rise, gap_s: gapMs / 1000 });
    }
    if (this.onset(C_RISK_EMERGENCY, lagged && above(rise, c.riskSpike.emergencyRise, eps), t)) {
      this.fire(at, 'RISK_EMERGENCY', 'CRITICAL', { risk_score: risk, prev_risk_score: previousRisk, risk_change: rise, gap_s: gapMs / 1000 });
    }

    // detect_batch_anomalies: consecutive readings of the episode.
    if (this.onset(C_RAPID, hasPrevious && above(Math.abs(rise), c.batch.rapidChange, eps), t)) {
      this.fire(at, 'RAPID_RISK_CHANGE', 'MEDIUM', { risk_score: risk, prev_risk_score: previousRisk, change: Math.abs(rise), gap_s: gapMs / 1000 });
    }
    this.streak = above(risk, c.batch.sustainedRisk, eps) ? this.streak + 1 : 0;
    if (this.onset(C_SUSTAINED, this.streak >= c.batch.sustainedReadings, t)) {
      this.fire(at, 'SUSTAINED_HIGH_RISK', 'HIGH', { streak_length: this.streak, risk_score: risk });
    }

    // ARC_PATTERN_ANALYSIS → handle_arc_pattern: fires when the pattern rises.
    const level = this.arcLevelOf(this.arcs.sum);
    if (level > this.arcLevel) {
      if (this.arcLevel === 0) this.since[C_ARC] = t;
      const pattern = ARC_PATTERNS[level] as ArcPatternName;
      this.fire(at, 'ARC_PATTERN', severityOf('ARC_PATTERN', pattern), this.arcValues(pattern));
    } else if (level === 0) {
      this.since[C_ARC] = Number.NaN;
    }
    this.arcLevel = level;

    // detect_sensor_anomalies: the seed's normal ranges.
    for (let i = 0; i < RANGE_SENSORS.length; i++) {
      const sensor = RANGE_SENSORS[i] as RangeSensor;
      const range = c.ranges[sensor] as NormalRange;
      const value = this.sensorValue(sensor, reading, temp);
      if (this.onset(C_RANGE + i, below(value, range.min, eps) || above(value, range.max, eps), t)) {
        this.fire(at, 'RANGE_VIOLATION', sensor === 'temperature' ? 'HIGH' : 'MEDIUM', { sensor, value, min: range.min, max: range.max });
      }
    }

    // check_sensor_consistency, in kW as the devices report power.
    const calculated = (reading.voltage * reading.current * reading.power_factor) / 1000;
    const difference = Math.abs(calculated - reading.power);
    const allowed = Math.max(Math.abs(calculated) * c.power.tolerance, c.power.minDifferenceKw);
    if (this.onset(C_POWER, above(difference, allowed, eps), t)) {
      this.fire(at, 'POWER_MISMATCH', 'MEDIUM', { calculated_kw: calculated, measured_kw: reading.power, difference_kw: difference });
    }

    // Prediction: the fitted trend crosses the threshold within the horizon.
    for (let i = 0; i < this.forecastSlots.length; i++) {
      const slot = this.forecastSlots[i] as number;
      const measure = FORECAST_MEASURES[slot] as ForecastMeasure;
      if (this.fitMinute[slot] !== minute) this.refit(slot, minute, scratch);
      const latest = this.latestOf(measure);
      const eta = this.minutesToThreshold(slot, measure, t, latest);
      const cond = eta <= c.prediction.horizonMinutes && (this.fitConfidence[slot] as number) >= c.prediction.minConfidence;
      if (this.onset(C_FORECAST + slot, cond, t)) {
        const f = this.forecastFromFit(slot, measure, t, latest);
        this.fire(at, 'THRESHOLD_FORECAST', 'HIGH', {
          measure,
          threshold: c.prediction.thresholds[measure],
          latest_value: latest,
          fitted_value: f.fitted,
          slope_per_minute: f.slope,
          minutes_to_threshold: f.eta,
          confidence: f.confidence,
        });
      }
    }

    const events = this.pending;
    if (events === null) return NO_EVENTS;
    this.pending = null;
    this.keepEvents(events);
    return events;
  }

  private fire(at: string, type: DeviceEventType, severity: EventSeverity, values: AnalyticsValues): void {
    const event: DeviceAnalyticsEvent = { event: type, device_id: this.id, at, severity, values };
    (this.pending ??= []).push(event);
  }

  private startEpisode(): void {
    this.hasPrevious = false;
    this.streak = 0;
    this.active = 0;
    this.since.fill(Number.NaN);
    this.arcLevel = 0;
  }

  /** True when the condition turns true now (onset); a false condition re-arms its event. */
  private onset(slot: number, condition: boolean, timeMs: number): boolean {
    const mask = 1 << slot;
    if (condition) {
      if ((this.active & mask) !== 0) return false;
      this.active |= mask;
      this.since[slot] = timeMs;
      return true;
    }
    if ((this.active & mask) !== 0) {
      this.active &= ~mask;
      this.since[slot] = Number.NaN;
    }
    return false;
  }

  arcLevelOf(sum: number): number {
    const a = this.config.arcs;
    const eps = this.config.epsilon;
    if (above(sum, a.highFrequency, eps)) return 3;
    if (above(sum, a.moderate, eps)) return 2;
    return sum > 0 ? 1 : 0;
  }

  arcValues(pattern: ArcPatternName): AnalyticsValues {
    const events = this.arcs.events;
    return {
      arc_pattern: pattern,
      total_arcs_10min: this.arcs.sum,
      arc_events: events,
      max_single_arc: this.arcs.maxCount(),
      avg_arc_per_event: events > 0 ? this.arcs.sum / events : null,
      maintenance_check: pattern === 'HIGH_FREQUENCY',
    };
  }

  private sensorValue(sensor: RangeSensor, reading: AnalyticsReading, temp: number): number {
    switch (sensor) {
      case 'temperature': return temp;
      case 'voltage': return reading.voltage;
      case 'current': return reading.current;
      case 'co_gas': return reading.co;
      case 'voc': return reading.voc;
      default: return reading.power_factor;
    }
  }

  latestOf(measure: ForecastMeasure): number {
    return measure === 'temperature' ? this.latestTemp : measure === 'current' ? this.latestCurrent : this.latestLeakage;
  }

  /** Fits the line of one measure over the last `fitMinutes` one-minute means ending at `minute`. */
  private refit(slot: number, minute: number, scratch: Scratch): void {
    const p = this.config.prediction;
    const measure = FORECAST_MEASURES[slot] as ForecastMeasure;
    const n = this.buckets.minuteMeans(minute, p.fitMinutes, seriesOf(measure), scratch.xs, scratch.ys);
    this.fitMinute[slot] = minute;
    this.fitPoints[slot] = n;
    const fit = n >= 2 ? theilSen(scratch.xs, scratch.ys, n, scratch.pairs) : null;
    if (fit === null) {
      this.fitPoints[slot] = 0;
      return;
    }
    this.fitSlope[slot] = fit.slope;
    this.fitIntercept[slot] = fit.intercept;
    this.fitConfidence[slot] = fit.r2 * Math.min(1, n / p.fullConfidencePoints);
  }

  /** Minutes until the fitted line crosses the threshold while RISING; +∞ in every other state. */
  private minutesToThreshold(slot: number, measure: ForecastMeasure, timeMs: number, latest: number): number {
    const p = this.config.prediction;
    if ((this.fitPoints[slot] as number) < p.minPoints || Number.isNaN(latest)) return Number.POSITIVE_INFINITY;
    const threshold = p.thresholds[measure];
    const slope = this.fitSlope[slot] as number;
    if (latest >= threshold || !(slope > this.config.epsilon)) return Number.POSITIVE_INFINITY;
    const fitted = (this.fitIntercept[slot] as number) + (slope * (timeMs - (this.fitMinute[slot] as number) * MINUTE_MS)) / MINUTE_MS;
    return Math.max(0, (threshold - fitted) / slope);
  }

  private forecastFromFit(slot: number, measure: ForecastMeasure, timeMs: number, latest: number): Forecast {
    const p = this.config.prediction;
    const points = this.fitPoints[slot] as number;
    if (points < p.minPoints || Number.isNaN(latest)) {
      return { status: 'INSUFFICIENT_DATA', fitted: null, slope: null, eta: null, confidence: 0, points };
    }
    const threshold = p.thresholds[measure];
    const slope = this.fitSlope[slot] as number;
    const x = (timeMs - (this.fitMinute[slot] as number) * MINUTE_MS) / MINUTE_MS;
    const fitted = (this.fitIntercept[slot] as number) + slope * x;
    const confidence = this.fitConfidence[slot] as number;
    if (latest >= threshold) return { status: 'ABOVE', fitted, slope, eta: 0, confidence, points };
    if (!(slope > this.config.epsilon)) return { status: 'NOT_RISING', fitted, slope, eta: null, confidence, points };
    return { status: 'RISING', fitted, slope, eta: Math.max(0, (threshold - fitted) / slope), confidence, points };
  }

  /** The forecast of one measure as of the newest reading (refitted now if its fit is stale). */
  forecast(measure: ForecastMeasure, scratch: Scratch): Forecast {
    const slot = FORECAST_MEASURES.indexOf(measure);
    if (this.readings === 0) return { status: 'INSUFFICIENT_DATA', fitted: null, slope: null, eta: null, confidence: 0, points: 0 };
    const minute = Math.floor(this.newestMs / MINUTE_MS);
    if (this.fitMinute[slot] !== minute) this.refit(slot, minute, scratch);
    return this.forecastFromFit(slot, measure, this.newestMs, this.latestOf(measure));
  }

  private keepEvents(events: ReadonlyArray<DeviceAnalyticsEvent>): void {
    const limit = this.config.recentEvents;
    if (limit <= 0) return;
    const kept = (this.recentEvents ??= []);
    for (const e of events) kept.push(e);
    if (kept.length > limit) kept.splice(0, kept.length - limit);
  }

  /** Bytes this device's state holds, estimated from its arrays (objects counted at a fixed size). */
  memoryFootprint(): number {
    const OBJECT_OVERHEAD = 640; // fields, the small typed arrays' headers, the zone link
    const EVENT_SIZE = 400;
    return (
      MinuteBuckets.BYTES +
      this.arcs.bytes +
      this.recentTimes.byteLength +
      this.since.byteLength +
      this.fitMinute.byteLength * 5 +
      OBJECT_OVERHEAD +
      this.id.length * 2 +
      (this.recentEvents?.length ?? 0) * EVENT_SIZE
    );
  }
}
