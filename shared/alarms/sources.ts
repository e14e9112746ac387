import { STATUS_BIT_NAMES } from '../scoring/status-bits';
import type { StatusBitName } from '../scoring/types';
import { DEVICE_EVENT_TYPES, ZONE_EVENT_TYPES } from '../analytics/types';

// What an alarm can be about. A point is (device, zone or console; source): these are the sources.

/** The analytics events of DESIGN.md ("Analytics events"), as shared/analytics names them. */
export const ANALYTICS_EVENT_NAMES = Object.freeze([...DEVICE_EVENT_TYPES, ...ZONE_EVENT_TYPES] as const);
export type AnalyticsEventName = (typeof ANALYTICS_EVENT_NAMES)[number];

/** Analytics events that are about a zone (two devices together), not one device. */
export const ZONE_EVENT_NAMES: ReadonlyArray<AnalyticsEventName> = ZONE_EVENT_TYPES;

export const RISK_SOURCES = Object.freeze(['risk_high', 'risk_critical'] as const);
export type RiskSource = (typeof RISK_SOURCES)[number];

export const DATA_QUALITY_SOURCES = Object.freeze(['validation_error', 'clock_skew'] as const);
export type DataQualitySource = (typeof DATA_QUALITY_SOURCES)[number];

/** The console's own trouble conditions. */
export const CONSOLE_SOURCES = Object.freeze(['monitoring_lost', 'audio_not_armed', 'store_failing', 'system_health'] as const);
export type ConsoleSource = (typeof CONSOLE_SOURCES)[number];

export type AlarmSource =
  | StatusBitName
  | 'communication_loss'
  | RiskSource
  | AnalyticsEventName
  | DataQualitySource
  | ConsoleSource;

export type SourceCategory = 'status_bit' | 'communication' | 'risk' | 'analytics' | 'data_quality' | 'console';

/** Every source, in a fixed order (status bits in bit order first). */
export const ALARM_SOURCES: ReadonlyArray<AlarmSource> = Object.freeze([
  ...STATUS_BIT_NAMES,
  'communication_loss',
  ...RISK_SOURCES,
  ...ANALYTICS_EVENT_NAMES,
  ...DATA_QUALITY_SOURCES,
  ...CONSOLE_SOURCES,
]);

const SOURCE_SET: ReadonlySet<string> = new Set(ALARM_SOURCES);
const STATUS_BIT_SET: ReadonlySet<string> = new Set(STATUS_BIT_NAMES);
const ANALYTICS_SET: ReadonlySet<string> = new Set(ANALYTICS_EVENT_NAMES);
const ZONE_SET: ReadonlySet<string> = new Set(ZONE_EVENT_NAMES);
const CONSOLE_SET: ReadonlySet<string> = new Set(CONSOLE_SOURCES);

export function isAlarmSource(value: unknown): value is AlarmSource {
  return typeof value === 'string' && SOURCE_SET.has(value);
}

export function sourceCategory(source: AlarmSource): SourceCategory {
  if (STATUS_BIT_SET.has(source)) return 'status_bit';
  if (source === 'communication_loss') return 'communication';
  if (source === 'risk_high' || source === 'risk_critical') return 'risk';
  if (ANALYTICS_SET.has(source)) return 'analytics';
  if (source === 'validation_error' || source === 'clock_skew') return 'data_quality';
  return 'console';
}

export type PointScope = 'device' | 'zone' | 'console';

/** The one kind of target a source's points have. */
export function scopeOfSource(source: AlarmSource): PointScope {
  if (ZONE_SET.has(source)) return 'zone';
  if (CONSOLE_SET.has(source)) return 'console';
  return 'device';
}

/** Short English names; the renderer has its own translated ones keyed by source. */
export const SOURCE_LABELS: Readonly<Record<AlarmSource, string>> = Object.freeze({
  overvoltage: 'Overvoltage',
  power_outage: 'Power outage',
  overcurrent: 'Overcurrent',
  total_leakage: 'Leakage current',
  resistive_leakage: 'Resistive leakage',
  power_anomaly: 'Power anomaly',
  pcb_temp_alarm: 'PCB temperature',
  sensor_temp_alarm: 'Sensor temperature',
  co_alarm: 'Carbon monoxide',
  voc_alarm: 'VOC',
  power_factor_alarm: 'Power factor',
  arc_alarm: 'Arc',
  communication_loss: 'Communication loss',
  risk_high: 'Fire risk HIGH',
  risk_critical: 'Fire risk CRITICAL',
  TEMPERATURE_SPIKE: 'Temperature spike',
  TEMPERATURE_CRITICAL: 'Critical temperature',
  RISK_SPIKE: 'Risk spike',
  RISK_EMERGENCY: 'Emergency risk spike',
  RAPID_RISK_CHANGE: 'Rapid risk change',
  SUSTAINED_HIGH_RISK: 'Sustained high risk',
  ARC_PATTERN: 'Arc pattern',
  RANGE_VIOLATION: 'Reading out of range',
  POWER_MISMATCH: 'Power mismatch',
  THRESHOLD_FORECAST: 'Temperature forecast',
  HIGH_RISK_CLUSTER: 'High-risk cluster',
  TEMP_DIVERGENCE: 'Temperature divergence',
  validation_error: 'Invalid reading',
  clock_skew: 'Device clock skew',
  monitoring_lost: 'Monitoring lost',
  audio_not_armed: 'Audio not armed',
  store_failing: 'Store failing',
  system_health: 'System health degraded',
});
