import type { AnalyticsEvent, StreamAnalytics } from '../../../shared/analytics';
import type { RiskLevel, ScoredReading } from '../../../shared/scoring';

// Scored readings built directly (no scoring engine), so a stream can hold exactly the risk and
// temperature an edge needs: a rise of 0.30 or 0.31, ten or eleven arcs.

export const T0 = Date.parse('2026-03-01T00:00:00.000Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export interface ReadingSpec {
  readonly device?: string;
  /** Milliseconds after T0. */
  readonly at: number;
  readonly temp?: number;
  readonly risk?: number;
  readonly arcs?: number;
  readonly voltage?: number;
  readonly current?: number;
  readonly leakage?: number;
  readonly pf?: number;
  /** kW; by default consistent with V·I·PF. */
  readonly power?: number;
  readonly co?: number;
  readonly voc?: number;
}

function levelOf(risk: number): RiskLevel {
  if (risk >= 0.8) return 'CRITICAL';
  if (risk >= 0.6) return 'HIGH';
  if (risk >= 0.4) return 'MEDIUM';
  if (risk >= 0.2) return 'LOW';
  return 'NORMAL';
}

const QUIET_ALARMS = Object.freeze({
  overvoltage: false,
  power_outage: false,
  overcurrent: false,
  total_leakage: false,
  resistive_leakage: false,
  power_anomaly: false,
  pcb_temp_alarm: false,
  sensor_temp_alarm: false,
  co_alarm: false,
  voc_alarm: false,
  power_factor_alarm: false,
  arc_alarm: false,
  communication_error: false,
  total_alarm_count: 0,
});

export function reading(spec: ReadingSpec): ScoredReading {
  const voltage = spec.voltage ?? 220;
  const current = spec.current ?? 10;
  const pf = spec.pf ?? 0.95;
  const risk = spec.risk ?? 0.1;
  const temp = spec.temp ?? 35;
  const ms = T0 + spec.at;
  return {
    device_id: spec.device ?? 'DEV-A',
    idx: Math.floor(spec.at / 1000),
    timestamp: new Date(ms).toISOString(),
    timestamp_ms: ms,
    status_bits: 0,
    verify_status: undefined,
    voltage,
    voltage_low: voltage - 1.5,
    current,
    leakage_current: spec.leakage ?? 0.5,
    resistive_leakage: 0.3,
    power: spec.power ?? (voltage * current * pf) / 1000,
    pcb_temperature: temp,
    sensor_temperature: temp - 1,
    co: spec.co ?? 2,
    voc: spec.voc ?? 100,
    power_factor: pf,
    arc_count: spec.arcs ?? 0,
    alarm_status: QUIET_ALARMS,
    risk_indicators: { temperature_risk: 'LOW', electrical_risk_score: 0, gas_risk_score: 0, temperature_score: 0.1, total_risk_score: 0.04 },
    validation: { is_valid: true, warnings: [], errors: [] },
    rule_based_risk: risk,
    status_risk: 0,
    pattern_risk: 0,
    risk_modifier: 1,
    risk_score: risk,
    risk_level: levelOf(risk),
    confidence: 1,
    alert_type: 'GENERAL_RISK',
  };
}

/** Feeds the readings in order and returns every event, each tagged with the index of its reading. */
export function feed(analytics: StreamAnalytics, specs: ReadonlyArray<ReadingSpec>): Array<AnalyticsEvent & { readonly index: number }> {
  const out: Array<AnalyticsEvent & { readonly index: number }> = [];
  specs.forEach((spec, index) => {
    for (const event of analytics.observe(reading(spec))) out.push({ ...event, index });
  });
  return out;
}

export function named<E extends AnalyticsEvent>(events: ReadonlyArray<E>, name: string): ReadonlyArray<E> {
  return events.filter((e) => e.event === name);
}

/** One reading every `periodMs` from `fromMs` (inclusive) to `toMs` (exclusive), shaped by `shape`. */
export function series(fromMs: number, toMs: number, periodMs: number, shape: (atMs: number, i: number) => Omit<ReadingSpec, 'at'>): ReadingSpec[] {
  const out: ReadingSpec[] = [];
  for (let at = fromMs, i = 0; at < toMs; at += periodMs, i++) out.push({ ...shape(at, i), at });
  return out;
}
