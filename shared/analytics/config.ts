// Every threshold of the stream analytics in one typed, readonly object. The defaults are the
// source system's (KinesisAnalyticsQueries, KinesisDataProcessor, KinesisOutputProcessor in part 3
// of seeds/004, the roadmap's RealTimeFeatureEngine in seeds/000); the few that are new (prediction,
// episodes, memory caps) say so.

/** A closed interval of normal values; outside it is a RANGE_VIOLATION. */
export interface NormalRange {
  readonly min: number;
  readonly max: number;
}

/** The seed's `detect_sensor_anomalies` ranges, keyed by the seed's sensor names. */
export interface NormalRanges {
  readonly temperature: NormalRange;
  readonly voltage: NormalRange;
  readonly current: NormalRange;
  readonly co_gas: NormalRange;
  readonly voc: NormalRange;
  readonly power_factor: NormalRange;
}

export type ForecastMeasure = 'temperature' | 'current' | 'leakage_current';

export interface AnalyticsConfig {
  /** TEMPERATURE_ANOMALY_DETECTION and handle_temperature_anomaly. */
  readonly temperatureSpike: {
    /** The spike must also exceed this (°C, strictly). */
    readonly minC: number;
    /** ... and the baseline's mean by this many sample standard deviations. */
    readonly sigmas: number;
    /** A spike above this (°C) is TEMPERATURE_CRITICAL. */
    readonly criticalC: number;
    /** Baseline length: the last hour. */
    readonly baselineMinutes: number;
    /** STDDEV_SAMP needs two values; fewer in the baseline and no spike is judged. */
    readonly minBaselineReadings: number;
  };
  /** RISK_SPIKE_DETECTION (LAG 1 over 10 minutes) and handle_risk_spike. */
  readonly riskSpike: {
    readonly rise: number;
    readonly emergencyRise: number;
    /** The previous reading counts only if it is at most this much older (ms). */
    readonly maxGapMs: number;
  };
  /** detect_batch_anomalies. */
  readonly batch: {
    readonly rapidChange: number;
    readonly sustainedRisk: number;
    readonly sustainedReadings: number;
  };
  /** ARC_PATTERN_ANALYSIS. */
  readonly arcs: {
    readonly windowMs: number;
    /** More arcs than this in the window: HIGH_FREQUENCY (and a maintenance check). */
    readonly highFrequency: number;
    /** More than this: MODERATE; more than 0: LOW. */
    readonly moderate: number;
    /** Cap on the readings-with-arcs kept for the window (new: bounds memory; see README). */
    readonly maxEntries: number;
  };
  readonly ranges: NormalRanges;
  /** check_sensor_consistency: |V·I·PF/1000 − pwr| > tolerance · |V·I·PF/1000| (kW). */
  readonly power: {
    readonly tolerance: number;
    /** A difference within the rounding of the 3-decimal kW field is not a mismatch (new). */
    readonly minDifferenceKw: number;
  };
  /** DEVICE_5MIN_AGGREGATES. */
  readonly aggregateMinutes: number;
  /** RealTimeFeatureEngine.window_sizes. */
  readonly windowsMinutes: ReadonlyArray<number>;
  /** analyze_temporal_patterns over the last hour. */
  readonly temporal: {
    readonly minPoints: number;
    /** |temperature trend| within this (°C per minute) is stable (new: the seed left it undefined). */
    readonly stableTemperaturePerMin: number;
    /** |risk trend| within this (per minute) is stable. */
    readonly stableRiskPerMin: number;
    /** A device's periodicity is recomputed by the timer when older than this (event time). */
    readonly periodicityMaxAgeMs: number;
  };
  /** Time to threshold (new: the source promised prediction, never built it). */
  readonly prediction: {
    readonly thresholds: { readonly [M in ForecastMeasure]: number };
    /** Which measures raise THRESHOLD_FORECAST (DESIGN's table: temperature). */
    readonly forecastMeasures: ReadonlyArray<ForecastMeasure>;
    /** The fit runs over this many one-minute points. */
    readonly fitMinutes: number;
    readonly minPoints: number;
    /** Below this many points the confidence is scaled down proportionally. */
    readonly fullConfidencePoints: number;
    readonly horizonMinutes: number;
    readonly minConfidence: number;
  };
  /** MULTI_DEVICE_CORRELATION, limited to one zone. */
  readonly correlation: {
    readonly windowMs: number;
    readonly clusterRisk: number;
    readonly divergenceC: number;
    /** The query's WHERE: a pair is looked at only when one of the two is above this risk. */
    readonly pairRisk: number;
    /** Zone risk: temperature trends correlated over this many minutes. */
    readonly trendMinutes: number;
    /** At most this many devices of one zone enter the trend correlation (the riskiest). */
    readonly maxTrendDevices: number;
    /** Zones whose devices are not known neighbours (never correlated). */
    readonly uncorrelatedZones: ReadonlyArray<string>;
  };
  /** Fleet distribution: the seed's /api/overview rule. */
  readonly fleet: { readonly activeWindowMs: number; readonly healthyFraction: number };
  /** A gap longer than this (event time) starts a new episode: previous reading forgotten, events re-armed. */
  readonly silenceResetMs: number;
  /** A reading stamped further than this past its receive time is not analysed (DESIGN: CLOCK_SKEW). */
  readonly maxFutureMs: number;
  /** Timestamps remembered per device to recognise a duplicate that arrives out of order. */
  readonly dedupeTimestamps: number;
  /** Events kept per device and per zone for the detail views. */
  readonly recentEvents: number;
  /** Differences closer than this to a threshold count as equal to it (risk 0.4 − 0.1 is 0.30000000000000004). */
  readonly epsilon: number;
}

export type AnalyticsConfigOverride = {
  readonly [K in keyof AnalyticsConfig]?: AnalyticsConfig[K] extends number | ReadonlyArray<unknown>
    ? AnalyticsConfig[K]
    : { readonly [J in keyof AnalyticsConfig[K]]?: AnalyticsConfig[K][J] };
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_ANALYTICS_CONFIG: AnalyticsConfig = deepFreeze({
  temperatureSpike: { minC: 50, sigmas: 2, criticalC: 65, baselineMinutes: 60, minBaselineReadings: 2 },
  riskSpike: { rise: 0.3, emergencyRise: 0.5, maxGapMs: 10 * 60_000 },
  batch: { rapidChange: 0.3, sustainedRisk: 0.7, sustainedReadings: 3 },
  arcs: { windowMs: 10 * 60_000, highFrequency: 10, moderate: 5, maxEntries: 720 },
  ranges: {
    temperature: { min: 20, max: 60 },
    voltage: { min: 200, max: 250 },
    current: { min: 0, max: 120 },
    co_gas: { min: 0, max: 20 },
    voc: { min: 0, max: 500 },
    power_factor: { min: 0.8, max: 1.0 },
  },
  power: { tolerance: 0.2, minDifferenceKw: 0.0005 },
  aggregateMinutes: 5,
  windowsMinutes: [5, 15, 30, 60],
  temporal: { minPoints: 10, stableTemperaturePerMin: 0.05, stableRiskPerMin: 0.002, periodicityMaxAgeMs: 60_000 },
  prediction: {
    thresholds: { temperature: 60, current: 100, leakage_current: 8 },
    forecastMeasures: ['temperature'],
    fitMinutes: 15,
    minPoints: 5,
    fullConfidencePoints: 10,
    horizonMinutes: 30,
    minConfidence: 0.5,
  },
  correlation: {
    windowMs: 2 * 60_000,
    clusterRisk: 0.7,
    divergenceC: 20,
    pairRisk: 0.5,
    trendMinutes: 15,
    maxTrendDevices: 200,
    uncorrelatedZones: ['unassigned'],
  },
  fleet: { activeWindowMs: 5 * 60_000, healthyFraction: 0.8 },
  silenceResetMs: 10 * 60_000,
  maxFutureMs: 5 * 60_000,
  dedupeTimestamps: 64,
  recentEvents: 10,
  epsilon: 1e-9,
} satisfies AnalyticsConfig);

/** The hour of one-minute buckets is fixed: it is the longest window any rule reads. */
export const BUCKET_MINUTES = 60;

export class AnalyticsConfigError extends Error {
  constructor(readonly errors: ReadonlyArray<string>) {
    super(`invalid analytics settings: ${errors.join('; ')}`);
    this.name = 'AnalyticsConfigError';
  }
}

function checkNumbers(value: unknown, path: string, errors: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push(`${path} must be a finite number`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNumbers(v, `${path}[${i}]`, errors));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkNumbers(v, `${path}.${k}`, errors);
  }
}

/**
 * The defaults with an override laid over them (one level of sections deep; `ranges` and
 * `prediction.thresholds` entry by entry). Throws AnalyticsConfigError naming every bad field.
 */
export function resolveAnalyticsConfig(override?: AnalyticsConfigOverride): AnalyticsConfig {
  if (override === undefined) return DEFAULT_ANALYTICS_CONFIG;
  const base = DEFAULT_ANALYTICS_CONFIG as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override as Record<string, unknown>)) {
    if (value === undefined) continue;
    const current = base[key];
    if (current !== null && typeof current === 'object' && !Array.isArray(current) && typeof value === 'object' && !Array.isArray(value)) {
      const section: Record<string, unknown> = { ...(current as Record<string, unknown>) };
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const inner = section[k];
        section[k] =
          inner !== null && typeof inner === 'object' && !Array.isArray(inner) && typeof v === 'object' && v !== null && !Array.isArray(v)
            ? { ...(inner as Record<string, unknown>), ...(v as Record<string, unknown>) }
            : v;
      }
      merged[key] = section;
    } else {
      merged[key] = value;
    }
  }
  const errors: string[] = [];
  checkNumbers(merged, 'analytics', errors);
  const config = merged as unknown as AnalyticsConfig;
  if (config.windowsMinutes.some((m) => !Number.isInteger(m) || m < 1 || m > BUCKET_MINUTES)) {
    errors.push(`analytics.windowsMinutes must be whole minutes from 1 to ${BUCKET_MINUTES}`);
  }
  for (const [name, minutes] of [
    ['aggregateMinutes', config.aggregateMinutes],
    ['temperatureSpike.baselineMinutes', config.temperatureSpike.baselineMinutes],
    ['prediction.fitMinutes', config.prediction.fitMinutes],
    ['correlation.trendMinutes', config.correlation.trendMinutes],
  ] as const) {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > BUCKET_MINUTES) errors.push(`analytics.${name} must be whole minutes from 1 to ${BUCKET_MINUTES}`);
  }
  if (!Number.isInteger(config.arcs.maxEntries) || config.arcs.maxEntries < 16) errors.push('analytics.arcs.maxEntries must be a whole number of at least 16');
  if (!Number.isInteger(config.dedupeTimestamps) || config.dedupeTimestamps < 1) errors.push('analytics.dedupeTimestamps must be a whole number of at least 1');
  if (errors.length > 0) throw new AnalyticsConfigError(errors);
  return deepFreeze(config);
}
