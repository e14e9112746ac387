import type { AlarmRecord } from '../../../shared/alarms/types';
import { ALARM_SOURCES } from '../../../shared/alarms/sources';
import type { AlertSummary, RiskLevelName } from '../../../shared/protocol';
import { RISK_LEVEL_NAMES } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';
import { formatIsoMillis, parseIsoTimestamp } from '../../../shared/scoring';
import type { CloudDeviceState } from '../fleet/cloud-device';
import type { PlainItem, PlainValue } from './attribute-values';

export type { CloudDeviceState } from '../fleet/cloud-device';

// The seed's three tables, item by item (part 1.3 and its DynamoDBHandler): what this console
// writes, in the seed's field names so its Lambda, dashboard and queries read our rows as their
// own, and what it reads back from rows written by the seed's pipeline or by other consoles.

const DAY_S = 86_400;
/** The seed's TTLs: RawData 30 days, Alerts 90 days (seconds since the epoch, as DynamoDB TTL wants). */
export const RAW_DATA_TTL_DAYS = 30;
export const ALERTS_TTL_DAYS = 90;

export const RAW_DATA_KEYS: ReadonlyArray<string> = ['device_id', 'timestamp'];
export const DEVICE_STATE_KEYS: ReadonlyArray<string> = ['device_id'];
export const ALERTS_KEYS: ReadonlyArray<string> = ['device_id', 'alert_timestamp'];

/** Which console wrote a row: its site id (stable) and name. */
export interface ConsoleIdentity {
  readonly id: string;
  readonly name: string;
}

function ttlSeconds(nowMs: number, days: number): number {
  return Math.floor(nowMs / 1000) + days * DAY_S;
}

/** `save_raw_data`: the reading, its alarm bits and risk indicators, and (ours) the final score. */
export function rawDataRecord(reading: ScoredReading, console: ConsoleIdentity, nowMs: number): PlainItem {
  const ri = reading.risk_indicators;
  const alarm = reading.alarm_status;
  return {
    device_id: reading.device_id,
    timestamp: reading.timestamp,
    ttl: ttlSeconds(nowMs, RAW_DATA_TTL_DAYS),
    idx: reading.idx,
    status_bits: reading.status_bits,
    voltage: reading.voltage,
    voltage_low: reading.voltage_low,
    current: reading.current,
    leakage_current: reading.leakage_current,
    resistive_leakage: reading.resistive_leakage,
    power: reading.power,
    pcb_temperature: reading.pcb_temperature,
    sensor_temperature: reading.sensor_temperature,
    co_gas: reading.co,
    voc: reading.voc,
    power_factor: reading.power_factor,
    arc_count: reading.arc_count,
    alarm_status: { ...alarm },
    risk_indicators: {
      temperature_risk: ri.temperature_risk,
      electrical_risk_score: ri.electrical_risk_score,
      gas_risk_score: ri.gas_risk_score,
      temperature_score: ri.temperature_score,
      total_risk_score: ri.total_risk_score,
    },
    // Beyond the seed's row: what its RealTimeAnalyzer returned, so a reader need not score again.
    verify_status: reading.verify_status,
    risk_score: reading.risk_score,
    risk_level: reading.risk_level,
    rule_based_risk: reading.rule_based_risk,
    status_risk: reading.status_risk,
    pattern_risk: reading.pattern_risk,
    risk_modifier: reading.risk_modifier,
    confidence: reading.confidence,
    alert_type: reading.alert_type,
    console_id: console.id,
  };
}

/**
 * `update_device_state`, as one put: BatchWriteItem has no updates, so `total_alarms` is the
 * console's own running count rather than an increment (a replayed put then changes nothing).
 */
export function deviceStateRecord(reading: ScoredReading, totalAlarms: number, console: ConsoleIdentity, nowMs: number): PlainItem {
  return {
    device_id: reading.device_id,
    last_seen: reading.timestamp,
    current_risk_level: reading.risk_level,
    current_risk_score: reading.risk_score,
    last_temperature: Math.max(reading.pcb_temperature, reading.sensor_temperature),
    last_arc_count: reading.arc_count,
    total_alarms: totalAlarms,
    last_status_bits: reading.status_bits,
    last_idx: reading.idx,
    updated_at: formatIsoMillis(nowMs),
    console_id: console.id,
  };
}

// ---- Alerts -----------------------------------------------------------------------------------

const ALERT_LEVELS: Readonly<Record<AlarmRecord['priority'], string>> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** What an Alerts row is made of: an alarm record (shared/alarms), or the service's pushed item. */
export type AlertInput = Pick<
  AlarmRecord,
  | 'id' | 'scope' | 'target' | 'zone' | 'source' | 'priority' | 'state' | 'condition_active' | 'message' | 'value' | 'risk_score'
  | 'activated_at' | 'last_change_at' | 'acked_by' | 'acked_at' | 'comment' | 'shelved_until' | 'late'
>;

function msOrNull(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * An alarm as the alarm service pushes it (`alarms.changed`: its AlarmItem, times as ISO-8601).
 * Declared by shape, so the cloud link reads the push without depending on the alarm system.
 */
export type AlarmItemLike = Omit<AlertInput, 'activated_at' | 'last_change_at' | 'acked_at' | 'shelved_until'> & {
  readonly activated_at: string | null;
  readonly last_change_at: string;
  readonly acked_at: string | null;
  readonly shelved_until: string | null;
};

/** The pushed item back to an alert input. */
export function alertInputFromItem(item: AlarmItemLike): AlertInput {
  return {
    id: item.id,
    scope: item.scope,
    target: item.target,
    zone: item.zone,
    source: item.source,
    priority: item.priority,
    state: item.state,
    condition_active: item.condition_active,
    message: item.message,
    value: item.value,
    risk_score: item.risk_score,
    activated_at: msOrNull(item.activated_at),
    last_change_at: msOrNull(item.last_change_at) ?? 0,
    acked_by: item.acked_by,
    acked_at: msOrNull(item.acked_at),
    comment: item.comment,
    shelved_until: msOrNull(item.shelved_until),
    late: item.late,
  };
}

/** `zone:<id>` for zone alarms, the device id for device alarms; console trouble stays local (null). */
export function alertDeviceId(alarm: Pick<AlertInput, 'scope' | 'target'>): string | null {
  if (alarm.scope === 'zone') return `zone:${alarm.target}`;
  if (alarm.scope === 'device') return alarm.target;
  return null;
}

/**
 * The alarm's activation time, ISO-8601 to the microsecond: the milliseconds are the activation's,
 * the three digits after them the source's place in ALARM_SOURCES. Alarms of one device raised by
 * the same reading share a millisecond; this keeps them apart under the table's key, identically on
 * every console (so two consoles raising the same alarm from the same reading write one row), and
 * still parses and sorts as the activation time.
 */
export function alertTimestamp(alarm: Pick<AlertInput, 'activated_at' | 'source'>): string | null {
  if (alarm.activated_at === null) return null;
  const iso = formatIsoMillis(alarm.activated_at);
  const place = String(ALARM_SOURCES.indexOf(alarm.source) + 1).padStart(3, '0');
  return `${iso.slice(0, -1)}${place}Z`;
}

/** The row of one alarm presentation as it stands now; null for what does not go to the cloud. */
export function alertRecord(alarm: AlertInput, console: ConsoleIdentity, nowMs: number): PlainItem | null {
  const deviceId = alertDeviceId(alarm);
  const timestamp = alertTimestamp(alarm);
  if (deviceId === null || timestamp === null) return null;
  return {
    device_id: deviceId,
    alert_timestamp: timestamp,
    ttl: ttlSeconds(nowMs, ALERTS_TTL_DAYS),
    alert_level: ALERT_LEVELS[alarm.priority],
    alert_type: alarm.source.toUpperCase(),
    risk_score: alarm.risk_score,
    message: alarm.message,
    sensor_data: { value: alarm.value },
    resolved: alarm.state === 'normal',
    // Beyond the seed's row: the alarm as the console holds it.
    alarm_id: alarm.id,
    source: alarm.source,
    priority: alarm.priority,
    state: alarm.state,
    zone: alarm.zone,
    condition_active: alarm.condition_active,
    activated_at: formatIsoMillis(alarm.activated_at as number),
    last_change_at: formatIsoMillis(alarm.last_change_at),
    last_change_ms: alarm.last_change_at,
    acknowledged_by: alarm.acked_by,
    acknowledged_at: alarm.acked_at === null ? null : formatIsoMillis(alarm.acked_at),
    comment: alarm.comment,
    shelved_until: alarm.shelved_until === null ? null : formatIsoMillis(alarm.shelved_until),
    late: alarm.late,
    console_id: console.id,
    console_name: console.name,
  };
}

// ---- reading rows back ------------------------------------------------------------------------

type Row = { readonly [key: string]: PlainValue };

function num(row: Row, key: string): number | null {
  const v = row[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(row: Row, key: string): string | null {
  const v = row[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A time as the tables hold it: ISO-8601 text (with or without zone), or epoch milliseconds. */
export function timeOf(value: PlainValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  if (/^\d{10,16}$/.test(value)) return Number(value);
  const parsed = parseIsoTimestamp(value);
  return parsed.ok ? parsed.ms : null;
}

/**
 * A RawData row as the device message the seed's parser read, for scoring here. Works for rows
 * written by the seed's Lambda (`co_gas`) and by consoles; null when the row lacks what scoring needs.
 */
export function messageFromRawRow(row: Row): { readonly timestampMs: number; readonly message: Record<string, unknown> } | null {
  const deviceId = str(row, 'device_id');
  const stamp = row.timestamp;
  const timestampMs = timeOf(stamp);
  if (deviceId === null || timestampMs === null) return null;
  const message: Record<string, unknown> = {
    deviceId,
    idx: row.idx,
    timestamp: typeof stamp === 'string' && /^\d{10,16}$/.test(stamp) ? Number(stamp) : stamp,
    status: row.status_bits,
    volt: row.voltage,
    voltLow: row.voltage_low,
    current: row.current,
    leakage_current: row.leakage_current,
    resistive_leakage: row.resistive_leakage,
    power: row.power,
    pcbTemp: row.pcb_temperature,
    sensorTemp: row.sensor_temperature,
    co: row.co_gas ?? row.co,
    voc: row.voc,
    power_factor: row.power_factor,
    arc_count: row.arc_count,
  };
  if (typeof row.verify_status === 'number') message.verifySts = row.verify_status;
  return { timestampMs, message };
}

function riskLevel(value: PlainValue | undefined): RiskLevelName | null {
  return typeof value === 'string' && (RISK_LEVEL_NAMES as ReadonlyArray<string>).includes(value) ? (value as RiskLevelName) : null;
}

export function cloudDeviceFromRow(row: Row): CloudDeviceState | null {
  const id = str(row, 'device_id');
  if (id === null) return null;
  return {
    device_id: id,
    last_seen_ms: timeOf(row.last_seen),
    risk_level: riskLevel(row.current_risk_level),
    risk_score: num(row, 'current_risk_score'),
    temperature: num(row, 'last_temperature'),
    arc_count: num(row, 'last_arc_count'),
    status_bits: num(row, 'last_status_bits'),
    idx: num(row, 'last_idx'),
    total_alarms: num(row, 'total_alarms'),
  };
}

/** An alert of another console or of the cloud pipeline, for the alarm history: read-only. */
export interface CloudAlert extends AlertSummary {
  readonly source: 'cloud';
  /** Activation (alert_timestamp) as epoch ms, for ordering rows whose text differs in form. */
  readonly at_ms: number;
  readonly alarm_id: string | null;
  readonly state: string | null;
  readonly acknowledged_by: string | null;
  readonly acknowledged_at: string | null;
  readonly comment: string | null;
  readonly console_id: string | null;
  readonly console_name: string | null;
  readonly last_change_ms: number | null;
}

export function cloudAlertFromRow(row: Row): CloudAlert | null {
  const deviceId = str(row, 'device_id');
  const stamp = str(row, 'alert_timestamp');
  const atMs = timeOf(stamp ?? undefined);
  if (deviceId === null || stamp === null || atMs === null) return null;
  return {
    device_id: deviceId,
    alert_timestamp: stamp,
    alert_level: str(row, 'alert_level') ?? 'UNKNOWN',
    alert_type: str(row, 'alert_type') ?? 'GENERAL_RISK',
    risk_score: num(row, 'risk_score'),
    message: typeof row.message === 'string' ? row.message : '',
    resolved: row.resolved === true,
    source: 'cloud',
    at_ms: atMs,
    alarm_id: str(row, 'alarm_id'),
    state: str(row, 'state'),
    acknowledged_by: str(row, 'acknowledged_by'),
    acknowledged_at: str(row, 'acknowledged_at'),
    comment: str(row, 'comment'),
    console_id: str(row, 'console_id'),
    console_name: str(row, 'console_name'),
    last_change_ms: num(row, 'last_change_ms'),
  };
}
