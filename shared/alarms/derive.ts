import type { ScoredReading, StatusBitName } from '../scoring/types';
import { STATUS_BIT_NAMES } from '../scoring/status-bits';
import { parseIsoTimestamp } from '../scoring/timestamp';
import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import type { AlarmPoint } from './points';
import { HOST_TARGET, alarmPoint } from './points';
import type { AnalyticsEventName, ConsoleSource } from './sources';
import { ANALYTICS_EVENT_NAMES, SOURCE_LABELS, scopeOfSource } from './sources';
import type { AlarmEvent, AlarmValue, ConditionUpdate } from './types';

// From what the host knows (a scored reading, an analytics event, a device gone silent, the
// console's own trouble) to conditions per alarm point, which the host turns into events.

export interface ReadingContext {
  /** The device's zone in the registry, kept on its alarms for display. */
  readonly zone?: string | null;
  /** The console's clock when the reading arrived; without it clock skew is not evaluated. */
  readonly receivedAt?: number;
  readonly config?: AlarmConfig;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** The measurement each status bit is about, and how to say it. */
const BIT_VALUES: Readonly<Record<StatusBitName, (r: ScoredReading) => { value: number; text: string }>> = {
  overvoltage: (r) => ({ value: r.voltage, text: `${fixed(r.voltage, 1)} V` }),
  power_outage: (r) => ({ value: r.voltage, text: `${fixed(r.voltage, 1)} V` }),
  overcurrent: (r) => ({ value: r.current, text: `${fixed(r.current, 1)} A` }),
  total_leakage: (r) => ({ value: r.leakage_current, text: `${fixed(r.leakage_current, 1)} mA` }),
  resistive_leakage: (r) => ({ value: r.resistive_leakage, text: `${fixed(r.resistive_leakage, 1)} mA` }),
  power_anomaly: (r) => ({ value: r.power, text: `${fixed(r.power, 2)} kW` }),
  pcb_temp_alarm: (r) => ({ value: r.pcb_temperature, text: `${fixed(r.pcb_temperature, 1)} °C` }),
  sensor_temp_alarm: (r) => ({ value: r.sensor_temperature, text: `${fixed(r.sensor_temperature, 1)} °C` }),
  co_alarm: (r) => ({ value: r.co, text: `${fixed(r.co, 1)} ppm` }),
  voc_alarm: (r) => ({ value: r.voc, text: `${fixed(r.voc, 0)} µg/m³` }),
  power_factor_alarm: (r) => ({ value: r.power_factor, text: `PF ${fixed(r.power_factor, 2)}` }),
  arc_alarm: (r) => ({ value: r.arc_count, text: `${r.arc_count} arcs` }),
};

function update(
  point: AlarmPoint,
  active: boolean,
  at: number,
  value: AlarmValue,
  message: string,
  extra: { risk_score?: number | null; device_id?: string | null; zone?: string | null } = {},
): ConditionUpdate {
  return {
    point,
    active,
    at,
    value,
    message,
    risk_score: extra.risk_score ?? null,
    device_id: extra.device_id ?? (point.scope === 'device' ? point.target : null),
    zone: extra.zone ?? (point.scope === 'zone' ? point.target : null),
  };
}

/**
 * Every condition one scored reading decides for its device, active or not, in a fixed order: the
 * twelve status bits, communication loss (status ≥ 4096), fire risk HIGH (HIGH or above, like an
 * H alarm under its HH) and CRITICAL, invalid reading, and clock skew when the receive time is
 * known. Time is the reading's own (event time).
 */
export function deriveReadingConditions(reading: ScoredReading, context: ReadingContext = {}): ReadonlyArray<ConditionUpdate> {
  const config = context.config ?? DEFAULT_ALARM_CONFIG;
  const at = reading.timestamp_ms;
  const extra = { risk_score: reading.risk_score, device_id: reading.device_id, zone: context.zone ?? null };
  const point = (source: Parameters<typeof alarmPoint>[1]): AlarmPoint => alarmPoint(reading.device_id, source);
  const out: ConditionUpdate[] = [];
  for (const bit of STATUS_BIT_NAMES) {
    const { value, text } = BIT_VALUES[bit](reading);
    out.push(update(point(bit), reading.alarm_status[bit], at, value, `${SOURCE_LABELS[bit]}: ${text}`, extra));
  }
  out.push(
    update(
      point('communication_loss'),
      reading.alarm_status.communication_error,
      at,
      reading.status_bits,
      `Device reports a communication error (status ${reading.status_bits})`,
      extra,
    ),
  );
  const risk = `risk ${fixed(reading.risk_score, 3)} (${reading.risk_level}, ${reading.alert_type})`;
  const high = reading.risk_level === 'HIGH' || reading.risk_level === 'CRITICAL';
  out.push(update(point('risk_high'), high, at, reading.risk_score, `Fire ${risk}`, extra));
  out.push(update(point('risk_critical'), reading.risk_level === 'CRITICAL', at, reading.risk_score, `Fire ${risk}`, extra));
  const errors = reading.validation.errors;
  out.push(
    update(
      point('validation_error'),
      errors.length > 0,
      at,
      errors.length > 0 ? errors.join(',') : null,
      errors.length > 0 ? `Reading fails validation: ${errors.join(', ')}` : 'Reading passes validation',
      extra,
    ),
  );
  if (context.receivedAt !== undefined) {
    const aheadMs = at - context.receivedAt;
    out.push(
      update(
        point('clock_skew'),
        aheadMs > config.clockSkewMs,
        at,
        Math.round(aheadMs / 1000),
        `Device clock ${fixed(aheadMs / 1000, 0)} s ahead of the console`,
        extra,
      ),
    );
  }
  return out;
}

/**
 * For a reading older than its device's newest (a backlog): only conditions it shows active that
 * the newest data shows cleared are news, and they come in late (recorded, never sounded). Whatever
 * else it says, the newer reading has already decided.
 */
export function backlogUpdates(
  updates: ReadonlyArray<ConditionUpdate>,
  activeNow: { has(pointId: string): boolean },
): ReadonlyArray<ConditionUpdate> {
  return updates.filter((u) => u.active && !activeNow.has(u.point.id)).map((u) => ({ ...u, late: true }));
}

/** The state-machine event for a condition update. */
export function conditionEvent(update: ConditionUpdate): AlarmEvent {
  const fields = { at: update.at, value: update.value, message: update.message, risk_score: update.risk_score, zone: update.zone };
  return update.active
    ? { type: 'condition_active', ...fields, ...(update.late === true ? { late: true } : {}) }
    : { type: 'condition_cleared', ...fields };
}

/** Silence for three reporting periods (receive time, decided by the host's liveness tracking). */
export function livenessCondition(deviceId: string, silent: boolean, at: number, zone: string | null = null): ConditionUpdate {
  return update(
    alarmPoint(deviceId, 'communication_loss'),
    silent,
    at,
    null,
    silent ? 'No reading for three reporting periods' : 'Device reporting again',
    { zone },
  );
}

/**
 * An analytics event of DESIGN.md: `{event, device_id | zone, at, severity, values}` (shared/analytics
 * writes `at` as ISO-8601; epoch milliseconds are taken too). An event marks its onset; `active:
 * false`, or `rearmedAnalytics`, is the rule re-arming (its condition false for a reading), which
 * clears the alarm.
 */
export interface AnalyticsEventInput {
  readonly event: AnalyticsEventName;
  readonly device_id?: string;
  readonly zone?: string;
  readonly at: number | string;
  readonly severity?: string;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly active?: boolean;
}

function eventTime(at: number | string): number | null {
  if (typeof at === 'number') return Number.isFinite(at) ? at : null;
  const parsed = parseIsoTimestamp(at);
  return parsed.ok ? parsed.ms : null;
}

/** The values an event is best summed up by, in order of preference. */
const VALUE_KEYS = ['temperature', 'risk_change', 'risk_score', 'total_arcs_10min', 'temp_diff', 'minutes_to_threshold', 'difference', 'value'];

/** The condition an analytics event sets, or null when it names no device (or zone, for a zone event) or no valid time. */
export function analyticsCondition(input: AnalyticsEventInput): ConditionUpdate | null {
  const target = scopeOfSource(input.event) === 'zone' ? input.zone : input.device_id;
  const at = eventTime(input.at);
  if (target === undefined || target === '' || at === null) return null;
  const values = input.values ?? {};
  let value: AlarmValue = null;
  for (const key of VALUE_KEYS) {
    const v = values[key];
    if (typeof v === 'number' || typeof v === 'string') {
      value = v;
      break;
    }
  }
  const pattern = typeof values.arc_pattern === 'string' ? ` ${values.arc_pattern}` : '';
  const shown = typeof value === 'number' ? fixed(value, 2) : value;
  const message = `${SOURCE_LABELS[input.event]}${pattern}${shown === null ? '' : `: ${shown}`}`;
  const riskScore = typeof values.risk_score === 'number' ? values.risk_score : null;
  return update(alarmPoint(target, input.event), input.active !== false, at, value, message, {
    risk_score: riskScore,
    zone: input.zone ?? null,
  });
}

/**
 * Cleared updates for a device's (or a zone's) analytics points whose rule has re-armed: every event
 * of that scope not among those shared/analytics reports active now. Clearing a point that is not
 * active is a no-op, so the host may pass its whole list after each reading.
 */
export function rearmedAnalytics(
  target: { readonly device_id: string; readonly zone?: string | null } | { readonly zone: string },
  activeNow: Iterable<AnalyticsEventName>,
  at: number,
): ReadonlyArray<ConditionUpdate> {
  const scope = 'device_id' in target ? 'device' : 'zone';
  const id = 'device_id' in target ? target.device_id : target.zone;
  const stillActive = new Set(activeNow);
  return ANALYTICS_EVENT_NAMES.filter((name) => scopeOfSource(name) === scope && !stillActive.has(name)).map((name) =>
    update(alarmPoint(id, name), false, at, null, `${SOURCE_LABELS[name]}: re-armed`, { zone: target.zone ?? null }),
  );
}

/** The console's own trouble: monitoring lost and store failing belong to the host, audio not armed to a station. */
export function consoleCondition(
  source: ConsoleSource,
  active: boolean,
  at: number,
  options: { readonly target?: string; readonly message?: string } = {},
): ConditionUpdate {
  return update(alarmPoint(options.target ?? HOST_TARGET, source), active, at, null, options.message ?? SOURCE_LABELS[source]);
}
