import type { StatusBitName } from './types';

// Every threshold and weight of the analysis, with the source system's values as defaults.
// The golden vectors hold for the defaults only; a site may tune any of these.

export interface TemperatureBandsC {
  /** Above this (°C, strictly) the temperature band is CRITICAL. */
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
}

export interface ScoringThresholds {
  readonly temperatureC: TemperatureBandsC;
  /** Voltage above this is high voltage (V). */
  readonly overvoltageV: number;
  /** Low-voltage reading below this is undervoltage (V). */
  readonly undervoltageV: number;
  readonly overcurrentA: number;
  /** Total or resistive leakage above this is a leak (mA). */
  readonly leakageMa: number;
  readonly coPpm: number;
  readonly vocUgM3: number;
  /** Power factor below this counts against the reading. */
  readonly powerFactorMin: number;
}

export interface IndicatorWeights {
  readonly temperatureScore: {
    readonly critical: number;
    readonly high: number;
    readonly medium: number;
    readonly low: number;
  };
  readonly temperatureWeight: number;
  readonly overvoltage: number;
  readonly overcurrent: number;
  readonly totalLeakage: number;
  readonly arcPerCount: number;
  readonly arcMax: number;
  readonly co: number;
  readonly voc: number;
}

export interface RuleWeights {
  readonly temperature: { readonly critical: number; readonly high: number; readonly medium: number };
  readonly voltage: number;
  readonly overcurrent: number;
  readonly leakage: number;
  readonly arcPerCount: number;
  readonly arcMax: number;
  readonly co: number;
  readonly voc: number;
  readonly powerFactor: number;
}

export interface StatusSettings {
  /** Added in bit order, as the source system did. */
  readonly weights: { readonly [K in StatusBitName]: number };
  /** More alarms than this add `multiAlarmStep` per extra alarm. */
  readonly multiAlarmFrom: number;
  readonly multiAlarmStep: number;
  /** A communication error replaces the status risk with this value. */
  readonly communicationErrorRisk: number;
}

export interface PatternSettings {
  readonly imbalanceHighC: number;
  readonly imbalanceHighWeight: number;
  readonly imbalanceC: number;
  readonly imbalanceWeight: number;
  /** Relative difference between V·I·PF/1000 and the reported kW that counts as a mismatch. */
  readonly powerTolerance: number;
  readonly powerMismatchWeight: number;
  /** Resistance is only judged above this current (A). */
  readonly resistanceMinCurrentA: number;
  readonly resistanceMinOhm: number;
  readonly resistanceMaxOhm: number;
  readonly resistanceWeight: number;
}

export interface HistorySettings {
  /** How far back (event time) a device's own readings count. */
  readonly windowMs: number;
  /** Fewer readings than this in the window leave the modifier at 1. */
  readonly minReadings: number;
  /** How many of the newest readings give trend, arc sum and mean risk. */
  readonly sampleSize: number;
  readonly trendThreshold: number;
  readonly trendBoost: number;
  readonly arcThreshold: number;
  readonly arcBoost: number;
  readonly riskThreshold: number;
  readonly riskBoost: number;
  readonly maxModifier: number;
  /** Hard cap per device, so a device flooding unique timestamps cannot grow memory without end. */
  readonly maxEntries: number;
}

export interface FinalWeights {
  readonly rule: number;
  readonly status: number;
  readonly pattern: number;
}

export interface LevelCutoffs {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
}

export interface ConfidenceSettings {
  readonly diffWeight: number;
  readonly min: number;
  readonly max: number;
}

export interface ValidationRanges {
  readonly voltageMinV: number;
  readonly voltageMaxV: number;
  readonly currentMinA: number;
  readonly currentMaxA: number;
  readonly temperatureMinC: number;
  readonly temperatureMaxC: number;
}

/** Thresholds of the per-device advice on the device page (the source's `generate_device_recommendations`). */
export interface DeviceAdviceSettings {
  /** A current risk score above this asks for an inspection now. */
  readonly riskScore: number;
  /** More alarms than this (the device's running total) ask for an analysis of their cause. */
  readonly alarmCount: number;
  /** History longer than this is looked at for arcs… */
  readonly historyLength: number;
  /** …and more arcs than this in its last `historyLength` entries ask for an electrical check. */
  readonly arcSum: number;
}

export interface ScoringConfig {
  readonly thresholds: ScoringThresholds;
  readonly indicators: IndicatorWeights;
  readonly rules: RuleWeights;
  readonly status: StatusSettings;
  readonly pattern: PatternSettings;
  readonly history: HistorySettings;
  readonly final: FinalWeights;
  readonly levels: LevelCutoffs;
  readonly confidence: ConfidenceSettings;
  readonly validation: ValidationRanges;
  readonly deviceAdvice: DeviceAdviceSettings;
}

export type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends number ? number : DeepPartial<T[K]> };

export type ScoringConfigOverride = DeepPartial<ScoringConfig>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = deepFreeze({
  thresholds: {
    temperatureC: { critical: 60, high: 50, medium: 40 },
    overvoltageV: 234,
    undervoltageV: 190,
    overcurrentA: 100,
    leakageMa: 8,
    coPpm: 17,
    vocUgM3: 400,
    powerFactorMin: 0.9,
  },
  indicators: {
    temperatureScore: { critical: 1.0, high: 0.7, medium: 0.4, low: 0.1 },
    temperatureWeight: 0.4,
    overvoltage: 0.15,
    overcurrent: 0.2,
    totalLeakage: 0.25,
    arcPerCount: 0.05,
    arcMax: 0.3,
    co: 0.2,
    voc: 0.15,
  },
  rules: {
    temperature: { critical: 0.4, high: 0.3, medium: 0.1 },
    voltage: 0.15,
    overcurrent: 0.2,
    leakage: 0.25,
    arcPerCount: 0.02,
    arcMax: 0.2,
    co: 0.15,
    voc: 0.1,
    powerFactor: 0.05,
  },
  status: {
    weights: {
      overvoltage: 0.1,
      power_outage: 0.15,
      overcurrent: 0.2,
      total_leakage: 0.25,
      resistive_leakage: 0.2,
      power_anomaly: 0.1,
      pcb_temp_alarm: 0.3,
      sensor_temp_alarm: 0.3,
      co_alarm: 0.2,
      voc_alarm: 0.15,
      power_factor_alarm: 0.05,
      arc_alarm: 0.25,
    },
    multiAlarmFrom: 2,
    multiAlarmStep: 0.1,
    communicationErrorRisk: 0.8,
  },
  pattern: {
    imbalanceHighC: 20,
    imbalanceHighWeight: 0.15,
    imbalanceC: 10,
    imbalanceWeight: 0.05,
    powerTolerance: 0.2,
    powerMismatchWeight: 0.1,
    resistanceMinCurrentA: 0.1,
    resistanceMinOhm: 1,
    resistanceMaxOhm: 1000,
    resistanceWeight: 0.1,
  },
  history: {
    windowMs: 3_600_000,
    minReadings: 5,
    sampleSize: 20,
    trendThreshold: 0.1,
    trendBoost: 0.2,
    arcThreshold: 10,
    arcBoost: 0.3,
    riskThreshold: 0.6,
    riskBoost: 0.1,
    maxModifier: 2.0,
    maxEntries: 4096,
  },
  final: { rule: 0.4, status: 0.3, pattern: 0.3 },
  levels: { critical: 0.8, high: 0.6, medium: 0.4, low: 0.2 },
  confidence: { diffWeight: 0.5, min: 0.5, max: 1.0 },
  validation: {
    voltageMinV: 0,
    voltageMaxV: 300,
    currentMinA: 0,
    currentMaxA: 200,
    temperatureMinC: -10,
    temperatureMaxC: 100,
  },
  deviceAdvice: { riskScore: 0.7, alarmCount: 10, historyLength: 10, arcSum: 5 },
});

export type ConfigMergeOutcome =
  | { readonly ok: true; readonly config: ScoringConfig }
  | { readonly ok: false; readonly errors: ReadonlyArray<string> };

/** Thrown by `resolveScoringConfig` and `createScoringEngine` for a setting that cannot be used. */
export class ScoringConfigError extends Error {
  readonly errors: ReadonlyArray<string>;
  constructor(errors: ReadonlyArray<string>) {
    super(`invalid scoring settings: ${errors.join('; ')}`);
    this.name = 'ScoringConfigError';
    this.errors = errors;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}

function mergeInto(
  defaults: Record<string, unknown>,
  override: unknown,
  path: string,
  errors: string[],
): Record<string, unknown> {
  if (!isPlainObject(override)) {
    errors.push(`${path} must be an object, got ${describe(override)}`);
    return defaults;
  }
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(override)) {
    const fieldPath = `${path}.${key}`;
    if (!Object.hasOwn(defaults, key)) {
      errors.push(`${fieldPath} is not a known setting`);
      continue;
    }
    const base = defaults[key];
    const value = override[key];
    if (value === undefined) continue;
    if (isPlainObject(base)) {
      merged[key] = mergeInto(base, value, fieldPath, errors);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push(`${fieldPath} must be a finite number, got ${describe(value)}`);
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

function checkOrdered(
  errors: string[],
  path: string,
  bands: Readonly<Record<string, number>>,
  order: ReadonlyArray<string>,
): void {
  for (let i = 1; i < order.length; i++) {
    const upper = order[i - 1] as string;
    const lower = order[i] as string;
    if ((bands[upper] as number) < (bands[lower] as number)) {
      errors.push(`${path}.${upper} (${bands[upper]}) must not be below ${path}.${lower} (${bands[lower]})`);
    }
  }
}

function checkConstraints(config: ScoringConfig, path: string, errors: string[]): void {
  const h = config.history;
  const positiveInteger = (name: keyof HistorySettings, min: number): void => {
    const value = h[name];
    if (!Number.isInteger(value) || value < min) {
      errors.push(`${path}.history.${name} must be an integer of at least ${min}, got ${value}`);
    }
  };
  positiveInteger('windowMs', 0);
  positiveInteger('minReadings', 1);
  positiveInteger('sampleSize', 1);
  positiveInteger('maxEntries', 1);
  if (!Number.isInteger(config.deviceAdvice.historyLength) || config.deviceAdvice.historyLength < 0) {
    errors.push(`${path}.deviceAdvice.historyLength must be a non-negative integer, got ${config.deviceAdvice.historyLength}`);
  }
  if (Number.isInteger(h.maxEntries) && Number.isInteger(h.sampleSize) && h.maxEntries < h.sampleSize) {
    errors.push(`${path}.history.maxEntries (${h.maxEntries}) must be at least history.sampleSize (${h.sampleSize})`);
  }
  if (Number.isInteger(h.maxEntries) && Number.isInteger(h.minReadings) && h.maxEntries < h.minReadings) {
    errors.push(`${path}.history.maxEntries (${h.maxEntries}) must be at least history.minReadings (${h.minReadings})`);
  }
  if (h.maxModifier < 0) errors.push(`${path}.history.maxModifier must not be negative, got ${h.maxModifier}`);
  if (!Number.isInteger(config.status.multiAlarmFrom) || config.status.multiAlarmFrom < 0) {
    errors.push(`${path}.status.multiAlarmFrom must be a non-negative integer, got ${config.status.multiAlarmFrom}`);
  }
  checkOrdered(errors, `${path}.thresholds.temperatureC`, config.thresholds.temperatureC as unknown as Record<string, number>, [
    'critical',
    'high',
    'medium',
  ]);
  checkOrdered(errors, `${path}.levels`, config.levels as unknown as Record<string, number>, [
    'critical',
    'high',
    'medium',
    'low',
  ]);
  if (config.confidence.min > config.confidence.max) {
    errors.push(`${path}.confidence.min (${config.confidence.min}) must not exceed confidence.max (${config.confidence.max})`);
  }
  const v = config.validation;
  if (v.voltageMinV > v.voltageMaxV) errors.push(`${path}.validation.voltageMinV must not exceed validation.voltageMaxV`);
  if (v.currentMinA > v.currentMaxA) errors.push(`${path}.validation.currentMinA must not exceed validation.currentMaxA`);
  if (v.temperatureMinC > v.temperatureMaxC) {
    errors.push(`${path}.validation.temperatureMinC must not exceed validation.temperatureMaxC`);
  }
}

/**
 * Lays a partial override over the defaults and checks the result. `path` prefixes field names in
 * errors so that they point into the settings file the override came from.
 */
export function mergeScoringConfig(
  override: unknown,
  base: ScoringConfig = DEFAULT_SCORING_CONFIG,
  path = 'scoring',
): ConfigMergeOutcome {
  if (override === undefined || override === null) return { ok: true, config: base };
  const errors: string[] = [];
  const merged = mergeInto(base as unknown as Record<string, unknown>, override, path, errors) as unknown as ScoringConfig;
  if (errors.length === 0) checkConstraints(merged, path, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: deepFreeze(merged) };
}

/** As `mergeScoringConfig`, but throws a `ScoringConfigError` listing every bad field. */
export function resolveScoringConfig(override: unknown, path = 'scoring'): ScoringConfig {
  const outcome = mergeScoringConfig(override, DEFAULT_SCORING_CONFIG, path);
  if (!outcome.ok) throw new ScoringConfigError(outcome.errors);
  return outcome.config;
}
