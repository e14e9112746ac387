import { STATUS_BIT_NAMES } from './status-bits';
import type { AlarmStatus, ScoreError, ScoreOutcome, ScoredReading } from './types';

// The golden contract's record: the source system's field names in its order, and nothing of the
// extra measures a scored reading carries for displays. Built as text directly, since a replay
// serializes every reading and JSON.stringify of a fresh object per line is the slower road.

/** Field names of a contract record, in output order. */
export const CONTRACT_FIELDS: ReadonlyArray<string> = Object.freeze([
  'device_id',
  'idx',
  'timestamp',
  'status_bits',
  'alarm_status',
  'risk_indicators',
  'validation',
  'rule_based_risk',
  'status_risk',
  'pattern_risk',
  'risk_modifier',
  'risk_score',
  'risk_level',
  'confidence',
  'alert_type',
]);

function num(value: number): string {
  return value - value === 0 ? String(value) : 'null';
}

const alarmText = new WeakMap<AlarmStatus, string>();

function alarmJson(alarm: AlarmStatus): string {
  let text = alarmText.get(alarm);
  if (text === undefined) {
    let body = '';
    for (const name of STATUS_BIT_NAMES) body += `"${name}":${alarm[name] ? 'true' : 'false'},`;
    text = `{${body}"communication_error":${alarm.communication_error ? 'true' : 'false'},"total_alarm_count":${num(alarm.total_alarm_count)}}`;
    if (Object.isFrozen(alarm)) alarmText.set(alarm, text);
  }
  return text;
}

function codes(list: ReadonlyArray<string>): string {
  if (list.length === 0) return '[]';
  return JSON.stringify(list);
}

/**
 * One JSON line (without the newline) holding the contract's fields of a scored reading.
 * `extras` are appended as further fields (the contract welcomes more fields).
 */
export function serializeContractResult(result: ScoredReading, extras?: Readonly<Record<string, unknown>>): string {
  const ri = result.risk_indicators;
  const v = result.validation;
  let text =
    `{"device_id":${JSON.stringify(result.device_id)},"idx":${num(result.idx)},` +
    `"timestamp":${JSON.stringify(result.timestamp)},"status_bits":${num(result.status_bits)},` +
    `"alarm_status":${alarmJson(result.alarm_status)},` +
    `"risk_indicators":{"temperature_risk":"${ri.temperature_risk}","electrical_risk_score":${num(ri.electrical_risk_score)},` +
    `"gas_risk_score":${num(ri.gas_risk_score)},"temperature_score":${num(ri.temperature_score)},` +
    `"total_risk_score":${num(ri.total_risk_score)}},` +
    `"validation":{"is_valid":${v.is_valid ? 'true' : 'false'},"warnings":${codes(v.warnings)},"errors":${codes(v.errors)}},` +
    `"rule_based_risk":${num(result.rule_based_risk)},"status_risk":${num(result.status_risk)},` +
    `"pattern_risk":${num(result.pattern_risk)},"risk_modifier":${num(result.risk_modifier)},` +
    `"risk_score":${num(result.risk_score)},"risk_level":"${result.risk_level}",` +
    `"confidence":${num(result.confidence)},"alert_type":"${result.alert_type}"`;
  if (extras !== undefined) {
    for (const key of Object.keys(extras)) {
      const value = JSON.stringify(extras[key]);
      if (value !== undefined) text += `,${JSON.stringify(key)}:${value}`;
    }
  }
  return `${text}}`;
}

/** The contract's error line: `{"error":{"code","message"}}`. */
export function serializeContractError(error: ScoreError): string {
  return JSON.stringify({ error: { code: error.code, message: error.message } });
}

export function serializeContractOutcome(outcome: ScoreOutcome, extras?: Readonly<Record<string, unknown>>): string {
  return outcome.ok ? serializeContractResult(outcome.result, extras) : serializeContractError(outcome.error);
}

/** The contract's fields of a scored reading as a plain object (for APIs that serialize themselves). */
export function toContractRecord(result: ScoredReading): Readonly<Record<string, unknown>> {
  return {
    device_id: result.device_id,
    idx: result.idx,
    timestamp: result.timestamp,
    status_bits: result.status_bits,
    alarm_status: result.alarm_status,
    risk_indicators: result.risk_indicators,
    validation: result.validation,
    rule_based_risk: result.rule_based_risk,
    status_risk: result.status_risk,
    pattern_risk: result.pattern_risk,
    risk_modifier: result.risk_modifier,
    risk_score: result.risk_score,
    risk_level: result.risk_level,
    confidence: result.confidence,
    alert_type: result.alert_type,
  };
}
