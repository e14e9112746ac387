import type { AnalyticsConfig, ForecastMeasure } from './config';
import { BUCKET_MINUTES } from './config';
import type { DeviceState, PeriodicityCache, Scratch } from './device-state';
import { ARC_PATTERNS, C_ARC, CONDITION_SLOTS, conditionDetail, conditionEvent, FORECAST_MEASURES, severityOf } from './device-state';
import { MINUTE_MS } from './minute-buckets';
import { detectPeriodicity } from './numeric';
import type {
  ActiveConditionView,
  AggregateWindowView,
  ArcPatternName,
  ArcPatternView,
  DeviceAggregatesView,
  DeviceAnalyticsView,
  DeviceAnomaliesView,
  EventSeverity,
  ForecastView,
  PeriodicityView,
  PredictionView,
  RollingWindowView,
  TrendView,
} from './types';

// The device page's analytics, read from a device's state on request (never per reading).

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function newestMinute(device: DeviceState): number {
  return Math.floor(device.newestMs / MINUTE_MS);
}

export function aggregatesView(device: DeviceState, config: AnalyticsConfig, scratch: Scratch): DeviceAggregatesView {
  const end = newestMinute(device);
  const w5 = device.buckets.sumOver(end, config.aggregateMinutes, scratch.sums);
  const five: AggregateWindowView | null =
    w5.n === 0
      ? null
      : {
          window_minutes: config.aggregateMinutes,
          record_count: w5.n,
          avg_temperature: w5.tempMean(),
          max_temperature: w5.tMax,
          min_temperature: w5.tMin,
          temp_stddev: finiteOrNull(Math.sqrt(w5.tempVarianceSample())),
          avg_risk_score: w5.rSum / w5.n,
          max_risk_score: w5.rMax,
          total_arcs: w5.aSum,
          avg_current: w5.cSum / w5.n,
          max_current: w5.cMax,
          window_end: iso(w5.lastT),
        };
  const windows: RollingWindowView[] = [];
  for (const minutes of config.windowsMinutes) {
    const w = device.buckets.sumOver(end, minutes, scratch.sums);
    if (w.n < 2) continue;
    windows.push({
      minutes,
      count: w.n,
      temp_mean: w.tempMean(),
      temp_std: Math.sqrt(w.tempVariancePop()),
      temp_trend: w.tempSlopePerMinute(),
      temp_volatility: finiteOrNull(w.volatility()),
    });
  }
  const hour = device.buckets.sumOver(end, BUCKET_MINUTES, scratch.sums);
  return {
    five_minute: five,
    windows,
    hour: {
      count: hour.n,
      temp_mean: hour.n > 0 ? hour.tempMean() : null,
      temp_stddev: finiteOrNull(Math.sqrt(hour.tempVarianceSample())),
    },
  };
}

export function anomaliesView(device: DeviceState): DeviceAnomaliesView {
  const active: ActiveConditionView[] = [];
  const distribution: { [S in EventSeverity]: number } = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (let slot = 0; slot < CONDITION_SLOTS; slot++) {
    const on = slot === C_ARC ? device.arcLevel > 0 : (device.active & (1 << slot)) !== 0;
    if (!on) continue;
    const event = conditionEvent(slot);
    const detail = conditionDetail(slot, device.arcLevel);
    const severity = severityOf(event, detail);
    const since = device.since[slot] as number;
    active.push({ event, severity, since: Number.isFinite(since) ? iso(since) : device.newestIso, detail });
    distribution[severity] += 1;
  }
  return {
    active,
    anomaly_count: active.length,
    severity_distribution: distribution,
    recent_events: device.recentEvents ? [...device.recentEvents].reverse() : [],
    late_readings: device.late,
    duplicate_readings: device.duplicates,
    skewed_readings: device.skewed,
  };
}

export function arcPatternView(device: DeviceState): ArcPatternView {
  const level = device.arcLevelOf(device.arcs.sum);
  const values = device.arcValues(ARC_PATTERNS[level] as ArcPatternName);
  return {
    arc_pattern: ARC_PATTERNS[level] as ArcPatternName,
    total_arcs_10min: values.total_arcs_10min as number,
    arc_events: values.arc_events as number,
    max_single_arc: values.max_single_arc as number,
    avg_arc_per_event: values.avg_arc_per_event as number | null,
    maintenance_check: values.maintenance_check as boolean,
    window_end: device.newestIso,
  };
}

/**
 * The seed's `detect_periodicity` over the hour's one-minute mean temperatures (a minute without
 * readings is filled in linearly between its neighbours). Run by the periodic work, or on request
 * when the cached result is older than `periodicityMaxAgeMs`.
 */
export function computePeriodicity(device: DeviceState, config: AnalyticsConfig, scratch: Scratch): PeriodicityCache {
  const end = newestMinute(device);
  const k = device.buckets.minuteMeans(end, BUCKET_MINUTES, 'temperature', scratch.xs, scratch.ys);
  const result = (periodic: boolean, periodMinutes: number | null, frequency: number | null, points: number): PeriodicityCache => ({
    periodic,
    periodMinutes,
    frequency,
    points,
    computedAtMs: device.newestMs,
  });
  if (k < config.temporal.minPoints) return result(false, null, null, 0);
  // Minute offsets (≤ 0) of the points, then an evenly spaced series from the first to `end`.
  const first = Math.floor(scratch.xs[0] as number);
  const length = -first + 1;
  const series = new Float64Array(length);
  let j = 0;
  for (let i = 0; i < length; i++) {
    const offset = first + i;
    while (j + 1 < k && Math.floor(scratch.xs[j + 1] as number) <= offset) j++;
    const at = Math.floor(scratch.xs[j] as number);
    if (at === offset || j + 1 >= k) series[i] = scratch.ys[j] as number;
    else {
      const next = Math.floor(scratch.xs[j + 1] as number);
      const f = (offset - at) / (next - at);
      series[i] = (scratch.ys[j] as number) + f * ((scratch.ys[j + 1] as number) - (scratch.ys[j] as number));
    }
  }
  const p = detectPeriodicity(series, length);
  return result(p.periodic, p.period, p.dominantFrequency, length);
}

export function periodicityOf(device: DeviceState, config: AnalyticsConfig, scratch: Scratch): PeriodicityCache {
  const cached = device.periodicity;
  if (cached !== null && cached.computedAtMs >= device.newestMs - config.temporal.periodicityMaxAgeMs) return cached;
  const fresh = computePeriodicity(device, config, scratch);
  device.periodicity = fresh;
  return fresh;
}

function periodicityView(p: PeriodicityCache): PeriodicityView {
  return {
    periodic: p.periodic,
    period_minutes: p.periodMinutes,
    dominant_frequency: p.frequency,
    points: p.points,
    computed_at: Number.isFinite(p.computedAtMs) ? iso(p.computedAtMs) : null,
  };
}

export function trendView(device: DeviceState, config: AnalyticsConfig, scratch: Scratch): TrendView {
  const t = config.temporal;
  const periodicity = periodicityView(periodicityOf(device, config, scratch));
  const w = device.buckets.sumOver(newestMinute(device), BUCKET_MINUTES, scratch.sums);
  const frequency = w.n > 0 ? w.aEvents / w.n : 0;
  const arcPattern: TrendView['arc_pattern'] = {
    pattern: w.aSum === 0 ? 'NO_ARCS' : frequency > 0.5 ? 'FREQUENT' : frequency > 0.2 ? 'MODERATE' : 'SPORADIC',
    frequency,
    total_arcs: w.aSum,
    max_single_event: w.aMax,
  };
  if (w.n < t.minPoints) {
    return {
      trend: 'INSUFFICIENT_DATA',
      data_points: w.n,
      temperature_trend: null,
      temperature_velocity: null,
      risk_trend: null,
      trend_confidence: null,
      arc_pattern: arcPattern,
      periodicity,
    };
  }
  const tempTrend = w.tempSlopePerMinute();
  const riskTrend = w.riskSlopePerMinute();
  const spanMin = (w.lastT - w.firstT) / MINUTE_MS;
  const rising = tempTrend > t.stableTemperaturePerMin || riskTrend > t.stableRiskPerMin;
  const falling = tempTrend < -t.stableTemperaturePerMin || riskTrend < -t.stableRiskPerMin;
  return {
    trend: rising ? 'INCREASING' : falling ? 'DECREASING' : 'STABLE',
    data_points: w.n,
    temperature_trend: tempTrend,
    temperature_velocity: spanMin > 0 ? (w.lastTemp - w.firstTemp) / spanMin : 0,
    risk_trend: riskTrend,
    trend_confidence: w.tempR2(),
    arc_pattern: arcPattern,
    periodicity,
  };
}

const UNITS: { readonly [M in ForecastMeasure]: string } = { temperature: '°C', current: 'A', leakage_current: 'mA' };

export function forecastView(device: DeviceState, measure: ForecastMeasure, config: AnalyticsConfig, scratch: Scratch): ForecastView {
  const f = device.forecast(measure, scratch);
  return {
    measure,
    threshold: config.prediction.thresholds[measure],
    unit: UNITS[measure],
    status: f.status,
    latest_value: finiteOrNull(device.latestOf(measure)),
    fitted_value: f.fitted,
    slope_per_minute: f.slope,
    minutes_to_threshold: f.eta,
    confidence: f.confidence,
    points: f.points,
  };
}

export function predictionView(device: DeviceState, config: AnalyticsConfig, scratch: Scratch): PredictionView {
  const [temperature, current, leakage] = FORECAST_MEASURES.map((m) => forecastView(device, m, config, scratch)) as [ForecastView, ForecastView, ForecastView];
  return { temperature, current, leakage_current: leakage };
}

export function deviceView(device: DeviceState, config: AnalyticsConfig, scratch: Scratch): DeviceAnalyticsView {
  return {
    aggregates: aggregatesView(device, config, scratch),
    anomalies: anomaliesView(device),
    arc_pattern: arcPatternView(device),
    trend: trendView(device, config, scratch),
    prediction: predictionView(device, config, scratch),
  };
}
