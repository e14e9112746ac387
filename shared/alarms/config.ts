import type { AlarmSource } from './sources';
import { ALARM_SOURCES, isAlarmSource } from './sources';
import type { Priority, SoundClass } from './types';
import { PRIORITIES, SOUND_CLASSES } from './types';

// Every setting of the alarm system in one object; a site overrides any part of it in
// settings.json (`alarms`), and mergeAlarmConfig names each bad field.

export interface SuppressionRule {
  /** While an alarm of this console source has its condition active … */
  readonly while: AlarmSource;
  /** … alarms of these sources are suppressed by design. */
  readonly suppresses: ReadonlyArray<AlarmSource>;
}

export interface AlarmConfig {
  readonly priorities: Readonly<Record<AlarmSource, Priority>>;
  readonly sounds: {
    readonly byPriority: Readonly<Record<Priority, SoundClass>>;
    /** A source's own pattern, used when its priority is audible at all (CO and VOC: temporal-4). */
    readonly bySource: Readonly<Partial<Record<AlarmSource, SoundClass>>>;
  };
  /** Alarms of these priorities latch: they stay until reset after acknowledgement. */
  readonly latchingPriorities: ReadonlyArray<Priority>;
  readonly shelve: {
    /** The site's longest timed shelve for an operator. */
    readonly maxMinutes: number;
    /** The longest a supervisor may shelve (beyond the site limit, but never for ever). */
    readonly supervisorMaxMinutes: number;
    /** Alarms of these priorities may be shelved by a supervisor only. */
    readonly supervisorOnlyPriorities: ReadonlyArray<Priority>;
  };
  readonly silence: {
    /** A silenced, still unacknowledged alarm of a resound priority sounds again after this long. */
    readonly resoundMs: number;
    readonly resoundPriorities: ReadonlyArray<Priority>;
  };
  readonly escalation: {
    /** Unacknowledged this long, an alarm of an escalating priority is sent beyond the room. */
    readonly afterMs: number;
    readonly priorities: ReadonlyArray<Priority>;
  };
  readonly flood: {
    readonly windowMs: number;
    /** More alarms than this within the window is a flood (EEMUA 191: more than 10 in 10 minutes). */
    readonly moreThan: number;
    /** A flood ends when the window holds fewer alarms than this (EEMUA 191: below 5 in 10 minutes). */
    readonly endBelow: number;
  };
  readonly chattering: {
    readonly windowMs: number;
    /** This many activations of one point within the window is chattering. */
    readonly activations: number;
  };
  /** A standing alarm older than this is stale (EEMUA 191: 24 hours). */
  readonly staleAfterMs: number;
  /** A reading timestamped further than this ahead of its receive time raises clock skew (DESIGN: 5 min). */
  readonly clockSkewMs: number;
  readonly suppression: ReadonlyArray<SuppressionRule>;
  readonly stationMessages: {
    /** Signed messages older than this (by their own time) are refused as stale. */
    readonly maxAgeMs: number;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The seed's severities, as issue 7 lists them: fire-risk CRITICAL, > 65 °C, an emergency risk
 * spike and a high-risk cluster are critical; temperature and arc bits, CO and VOC high (risk HIGH
 * too: the seed sent it to its own HIGH_RISK topic); the rest medium, or low where the seed had no
 * severity for it and the operator cannot act on it directly.
 */
export const DEFAULT_PRIORITIES: Readonly<Record<AlarmSource, Priority>> = Object.freeze({
  overvoltage: 'medium',
  power_outage: 'medium',
  overcurrent: 'medium',
  total_leakage: 'medium',
  resistive_leakage: 'medium',
  power_anomaly: 'low',
  pcb_temp_alarm: 'high',
  sensor_temp_alarm: 'high',
  co_alarm: 'high',
  voc_alarm: 'high',
  power_factor_alarm: 'low',
  arc_alarm: 'high',
  communication_loss: 'medium',
  risk_high: 'high',
  risk_critical: 'critical',
  TEMPERATURE_SPIKE: 'medium',
  TEMPERATURE_CRITICAL: 'critical',
  RISK_SPIKE: 'medium',
  RISK_EMERGENCY: 'critical',
  RAPID_RISK_CHANGE: 'low',
  SUSTAINED_HIGH_RISK: 'medium',
  ARC_PATTERN: 'medium',
  RANGE_VIOLATION: 'medium',
  POWER_MISMATCH: 'medium',
  THRESHOLD_FORECAST: 'medium',
  HIGH_RISK_CLUSTER: 'critical',
  TEMP_DIVERGENCE: 'medium',
  validation_error: 'low',
  clock_skew: 'low',
  monitoring_lost: 'high',
  audio_not_armed: 'high',
  store_failing: 'high',
  // The seed's composite system-health alarm: trouble that wants attention, not a fire sound.
  system_health: 'high',
});

export const DEFAULT_ALARM_CONFIG: AlarmConfig = deepFreeze({
  priorities: DEFAULT_PRIORITIES,
  sounds: {
    byPriority: { critical: 'temporal-3', high: 'chime', medium: 'none', low: 'none' },
    bySource: { co_alarm: 'temporal-4', voc_alarm: 'temporal-4' },
  },
  latchingPriorities: ['critical'],
  shelve: { maxMinutes: 8 * 60, supervisorMaxMinutes: 7 * 24 * 60, supervisorOnlyPriorities: ['critical'] },
  silence: { resoundMs: 5 * MINUTE, resoundPriorities: ['critical'] },
  escalation: { afterMs: 3 * MINUTE, priorities: ['critical'] },
  flood: { windowMs: 10 * MINUTE, moreThan: 10, endBelow: 5 },
  chattering: { windowMs: MINUTE, activations: 3 },
  staleAfterMs: 24 * HOUR,
  clockSkewMs: 5 * MINUTE,
  suppression: [{ while: 'monitoring_lost', suppresses: ['communication_loss'] }],
  stationMessages: { maxAgeMs: 24 * HOUR },
} satisfies AlarmConfig);

export function priorityOf(source: AlarmSource, config: AlarmConfig = DEFAULT_ALARM_CONFIG): Priority {
  return config.priorities[source];
}

/** The priority's sound, replaced by the source's own pattern when the priority is audible. */
export function soundOf(source: AlarmSource, priority: Priority, config: AlarmConfig = DEFAULT_ALARM_CONFIG): SoundClass {
  const base = config.sounds.byPriority[priority];
  if (base === 'none') return 'none';
  return config.sounds.bySource[source] ?? base;
}

export function isLatchingPriority(priority: Priority, config: AlarmConfig = DEFAULT_ALARM_CONFIG): boolean {
  return config.latchingPriorities.includes(priority);
}

// ---- merging a site's override -------------------------------------------------------------

export type AlarmConfigMerge =
  | { readonly ok: true; readonly config: AlarmConfig }
  | { readonly ok: false; readonly errors: ReadonlyArray<string> };

export class AlarmConfigError extends Error {
  override readonly name = 'AlarmConfigError';
  readonly errors: ReadonlyArray<string>;
  constructor(errors: ReadonlyArray<string>) {
    super(errors.join('; '));
    this.errors = errors;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Check = (value: unknown, path: string, errors: string[]) => unknown;

const oneOf =
  (choices: ReadonlyArray<string>): Check =>
  (value, path, errors) => {
    if (typeof value === 'string' && choices.includes(value)) return value;
    errors.push(`${path} must be one of ${choices.join(', ')}, got ${describe(value)}`);
    return undefined;
  };

const positiveNumber =
  (integer: boolean): Check =>
  (value, path, errors) => {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))) return value;
    errors.push(`${path} must be a positive ${integer ? 'whole number' : 'number'}, got ${describe(value)}`);
    return undefined;
  };

const listOf =
  (item: Check): Check =>
  (value, path, errors) => {
    if (!Array.isArray(value)) {
      errors.push(`${path} must be a list, got ${describe(value)}`);
      return undefined;
    }
    const before = errors.length;
    const out = value.map((entry, i) => item(entry, `${path}[${i}]`, errors));
    return errors.length === before ? out : undefined;
  };

/** A partial record keyed by alarm source; every key must be a source. */
const bySource =
  (item: Check): Check =>
  (value, path, errors) => {
    if (!isPlainObject(value)) {
      errors.push(`${path} must be an object keyed by alarm source, got ${describe(value)}`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (!isAlarmSource(key)) errors.push(`${path}.${key} is not an alarm source (one of ${ALARM_SOURCES.join(', ')})`);
      else out[key] = item(entry, `${path}.${key}`, errors);
    }
    return out;
  };

const priority = oneOf(PRIORITIES);
const sound = oneOf(SOUND_CLASSES);
const source = oneOf(ALARM_SOURCES);
const ms = positiveNumber(true);

const suppressionRule: Check = (value, path, errors) => {
  if (!isPlainObject(value)) {
    errors.push(`${path} must be an object {while, suppresses}, got ${describe(value)}`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'while' && key !== 'suppresses') errors.push(`${path}.${key} is not a setting`);
  }
  return { while: source(value.while, `${path}.while`, errors), suppresses: listOf(source)(value.suppresses, `${path}.suppresses`, errors) };
};

/** The shape of the override: a check per leaf, nested objects merged field by field. */
interface Schema {
  readonly [key: string]: Check | Schema;
}

const SCHEMA: Schema = {
  priorities: bySource(priority),
  sounds: { byPriority: { critical: sound, high: sound, medium: sound, low: sound }, bySource: bySource(sound) },
  latchingPriorities: listOf(priority),
  shelve: { maxMinutes: positiveNumber(false), supervisorMaxMinutes: positiveNumber(false), supervisorOnlyPriorities: listOf(priority) },
  silence: { resoundMs: ms, resoundPriorities: listOf(priority) },
  escalation: { afterMs: ms, priorities: listOf(priority) },
  flood: { windowMs: ms, moreThan: positiveNumber(true), endBelow: positiveNumber(true) },
  chattering: { windowMs: ms, activations: positiveNumber(true) },
  staleAfterMs: ms,
  clockSkewMs: ms,
  suppression: listOf(suppressionRule),
  stationMessages: { maxAgeMs: ms },
};

/** Fields whose override replaces the default whole rather than merging into it. */
const MERGED_RECORDS = new Set(['priorities', 'sounds.bySource']);

function mergeInto(base: unknown, override: unknown, schema: Schema, path: string, prefix: string, errors: string[]): unknown {
  if (!isPlainObject(override)) {
    errors.push(`${path} must be an object, got ${describe(override)}`);
    return base;
  }
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    const rule = schema[key];
    const fieldPath = `${path}.${key}`;
    const schemaPath = prefix === '' ? key : `${prefix}.${key}`;
    if (rule === undefined) {
      errors.push(`${fieldPath} is not a setting`);
    } else if (value === undefined) {
      continue;
    } else if (typeof rule === 'function') {
      const checked = rule(value, fieldPath, errors);
      if (checked === undefined) continue;
      // Per-source records lay the site's entries over the defaults; other values replace them.
      merged[key] = MERGED_RECORDS.has(schemaPath) ? { ...(merged[key] as object), ...(checked as object) } : checked;
    } else {
      merged[key] = mergeInto(merged[key], value, rule, fieldPath, schemaPath, errors);
    }
  }
  return merged;
}

function checkConstraints(config: AlarmConfig, path: string, errors: string[]): void {
  if (config.shelve.supervisorMaxMinutes < config.shelve.maxMinutes) {
    errors.push(
      `${path}.shelve.supervisorMaxMinutes (${config.shelve.supervisorMaxMinutes}) must not be below shelve.maxMinutes (${config.shelve.maxMinutes})`,
    );
  }
  if (config.flood.endBelow > config.flood.moreThan + 1) {
    errors.push(`${path}.flood.endBelow (${config.flood.endBelow}) must not exceed flood.moreThan + 1 (${config.flood.moreThan + 1})`);
  }
  config.suppression.forEach((rule, i) => {
    if (rule.suppresses.includes(rule.while)) errors.push(`${path}.suppression[${i}] must not suppress its own source ${rule.while}`);
  });
}

/**
 * Lays a site's override (any part of AlarmConfig) over `base` and checks the result; each error
 * names its field under `path` so that it points into the settings file.
 */
export function mergeAlarmConfig(override: unknown, base: AlarmConfig = DEFAULT_ALARM_CONFIG, path = 'alarms'): AlarmConfigMerge {
  if (override === undefined || override === null) return { ok: true, config: base };
  const errors: string[] = [];
  const merged = mergeInto(base, override, SCHEMA, path, '', errors) as AlarmConfig;
  if (errors.length === 0) checkConstraints(merged, path, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: deepFreeze(merged) };
}

/** As mergeAlarmConfig over the defaults, but throws an AlarmConfigError listing every bad field. */
export function resolveAlarmConfig(override: unknown, path = 'alarms'): AlarmConfig {
  const outcome = mergeAlarmConfig(override, DEFAULT_ALARM_CONFIG, path);
  if (!outcome.ok) throw new AlarmConfigError(outcome.errors);
  return outcome.config;
}
