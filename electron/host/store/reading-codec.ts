import type {
  RiskLevel,
  ScoredReading,
  TemperatureRisk,
  ValidationErrorCode,
  ValidationResult,
  ValidationWarningCode,
} from '../../../shared/scoring';
import { determineAlertType, formatIsoMillis, parseStatusBits } from '../../../shared/scoring';

// A scored reading as one row of `readings` and back. What the row does not hold is derived again
// exactly: the ISO timestamp from `ts`, the alarm bits and alert type from the status and arcs.

/** Ingest flags kept with a reading (DESIGN "Data, configuration, time"). */
export const READING_FLAG_LATE = 1;
export const READING_FLAG_CLOCK_SKEW = 2;
/** Not received here: filled in from the cloud's RawData (electron/host/cloud/backfill.ts). */
export const READING_FLAG_CLOUD = 4;

const RISK_LEVEL_CODES: ReadonlyArray<RiskLevel> = ['NORMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const TEMPERATURE_RISK_CODES: ReadonlyArray<TemperatureRisk> = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
/** In the order the validation reports them, so a decoded list equals the original. */
const VALIDATION_ERROR_CODES: ReadonlyArray<ValidationErrorCode> = [
  'VOLTAGE_OUT_OF_RANGE',
  'CURRENT_OUT_OF_RANGE',
  'PCB_TEMPERATURE_OUT_OF_RANGE',
  'SENSOR_TEMPERATURE_OUT_OF_RANGE',
];
const VERIFY_MISMATCH: ValidationWarningCode = 'STATUS_VERIFY_MISMATCH';

const TEMPERATURE_RISK_SHIFT = 3;
const VALIDATION_SHIFT = 5;
const WARNING_BIT = 1 << 9;
const FLAGS_SHIFT = 10;

const NO_CODES: ReadonlyArray<never> = Object.freeze([]);
const VALID: ValidationResult = Object.freeze({ is_valid: true, warnings: NO_CODES, errors: NO_CODES });

export function riskLevelCode(level: string): number {
  const code = RISK_LEVEL_CODES.indexOf(level as RiskLevel);
  return code < 0 ? 0 : code;
}

export function riskLevelOf(code: number): RiskLevel {
  return RISK_LEVEL_CODES[code & 7] ?? 'NORMAL';
}

export function encodeCodes(reading: ScoredReading, flags: number): number {
  let codes = riskLevelCode(reading.risk_level);
  codes |= Math.max(0, TEMPERATURE_RISK_CODES.indexOf(reading.risk_indicators.temperature_risk)) << TEMPERATURE_RISK_SHIFT;
  const validation = reading.validation;
  if (validation !== VALID && (validation.errors.length > 0 || validation.warnings.length > 0)) {
    for (const error of validation.errors) {
      const bit = VALIDATION_ERROR_CODES.indexOf(error);
      if (bit >= 0) codes |= 1 << (VALIDATION_SHIFT + bit);
    }
    if (validation.warnings.includes(VERIFY_MISMATCH)) codes |= WARNING_BIT;
  }
  return codes + flags * 2 ** FLAGS_SHIFT;
}

export function flagsOf(codes: number): number {
  return Math.floor(codes / 2 ** FLAGS_SHIFT);
}

function validationOf(codes: number): ValidationResult {
  const errorBits = (codes >> VALIDATION_SHIFT) & 0xf;
  const warning = (codes & WARNING_BIT) !== 0;
  if (errorBits === 0 && !warning) return VALID;
  const errors = VALIDATION_ERROR_CODES.filter((_, i) => (errorBits & (1 << i)) !== 0);
  return { is_valid: errors.length === 0, warnings: warning ? [VERIFY_MISMATCH] : [], errors };
}

/** SQLite keeps NaN as NULL; it comes back as NaN. */
function real(value: number | null): number {
  return value === null ? Number.NaN : value;
}

/** The columns of `readings` in insert order. */
export const READING_COLUMNS = [
  'device_key', 'ts', 'receive_lag_ms', 'idx', 'status_bits', 'verify_status', 'codes',
  'voltage', 'voltage_low', 'current', 'leakage_current', 'resistive_leakage', 'power',
  'pcb_temperature', 'sensor_temperature', 'co', 'voc', 'power_factor', 'arc_count',
  'electrical_risk_score', 'gas_risk_score', 'temperature_score', 'total_risk_score',
  'rule_based_risk', 'status_risk', 'pattern_risk', 'risk_modifier', 'risk_score', 'confidence',
] as const;

export type ReadingColumn = (typeof READING_COLUMNS)[number];

/** A row of `readings` as better-sqlite3 returns it (a REAL column is null where NaN was bound). */
export interface ReadingRow {
  readonly device_key: number;
  readonly ts: number;
  readonly receive_lag_ms: number;
  readonly idx: number;
  readonly status_bits: number;
  readonly verify_status: number | null;
  readonly codes: number;
  readonly voltage: number | null;
  readonly voltage_low: number | null;
  readonly current: number | null;
  readonly leakage_current: number | null;
  readonly resistive_leakage: number | null;
  readonly power: number | null;
  readonly pcb_temperature: number | null;
  readonly sensor_temperature: number | null;
  readonly co: number | null;
  readonly voc: number | null;
  readonly power_factor: number | null;
  readonly arc_count: number;
  readonly electrical_risk_score: number | null;
  readonly gas_risk_score: number | null;
  readonly temperature_score: number | null;
  readonly total_risk_score: number | null;
  readonly rule_based_risk: number | null;
  readonly status_risk: number | null;
  readonly pattern_risk: number | null;
  readonly risk_modifier: number | null;
  readonly risk_score: number | null;
  readonly confidence: number | null;
}

export const READING_SELECT = READING_COLUMNS.join(', ');

/** The bound parameters of one reading, in READING_COLUMNS order. */
export function readingParams(deviceKey: number, reading: ScoredReading, receivedAtMs: number, flags: number): unknown[] {
  const ri = reading.risk_indicators;
  return [
    deviceKey, reading.timestamp_ms, Math.round(receivedAtMs - reading.timestamp_ms), reading.idx, reading.status_bits,
    reading.verify_status ?? null, encodeCodes(reading, flags),
    reading.voltage, reading.voltage_low, reading.current, reading.leakage_current, reading.resistive_leakage, reading.power,
    reading.pcb_temperature, reading.sensor_temperature, reading.co, reading.voc, reading.power_factor, reading.arc_count,
    ri.electrical_risk_score, ri.gas_risk_score, ri.temperature_score, ri.total_risk_score,
    reading.rule_based_risk, reading.status_risk, reading.pattern_risk, reading.risk_modifier, reading.risk_score, reading.confidence,
  ];
}

/** Runs `statement` (whose parameters are READING_COLUMNS in order) for one reading, without building an array. */
export function runWithReading(
  statement: { run(...params: unknown[]): { changes: number } },
  deviceKey: number,
  reading: ScoredReading,
  receivedAtMs: number,
  flags: number,
): number {
  const ri = reading.risk_indicators;
  return statement.run(
    deviceKey, reading.timestamp_ms, Math.round(receivedAtMs - reading.timestamp_ms), reading.idx, reading.status_bits,
    reading.verify_status ?? null, encodeCodes(reading, flags),
    reading.voltage, reading.voltage_low, reading.current, reading.leakage_current, reading.resistive_leakage, reading.power,
    reading.pcb_temperature, reading.sensor_temperature, reading.co, reading.voc, reading.power_factor, reading.arc_count,
    ri.electrical_risk_score, ri.gas_risk_score, ri.temperature_score, ri.total_risk_score,
    reading.rule_based_risk, reading.status_risk, reading.pattern_risk, reading.risk_modifier, reading.risk_score, reading.confidence,
  ).changes;
}

/** True when a stored row holds exactly these parameters (an exact redelivery). */
export function rowEquals(row: ReadingRow, params: ReadonlyArray<unknown>): boolean {
  for (let i = 0; i < READING_COLUMNS.length; i++) {
    const column = READING_COLUMNS[i] as ReadingColumn;
    if (column === 'receive_lag_ms') continue; // the same reading received again later is still the same reading
    const stored = row[column];
    const given = params[i];
    if (stored === given) continue;
    if (stored === null && typeof given === 'number' && Number.isNaN(given)) continue;
    return false;
  }
  return true;
}

/** The scored reading a row holds, as the engine produced it. */
export function decodeReading(deviceId: string, row: ReadingRow): ScoredReading {
  const alarm = parseStatusBits(row.status_bits);
  return {
    device_id: deviceId,
    idx: row.idx,
    timestamp: formatIsoMillis(row.ts),
    timestamp_ms: row.ts,
    status_bits: row.status_bits,
    verify_status: row.verify_status ?? undefined,
    alarm_status: alarm,
    risk_indicators: {
      temperature_risk: TEMPERATURE_RISK_CODES[(row.codes >> TEMPERATURE_RISK_SHIFT) & 3] ?? 'LOW',
      electrical_risk_score: real(row.electrical_risk_score),
      gas_risk_score: real(row.gas_risk_score),
      temperature_score: real(row.temperature_score),
      total_risk_score: real(row.total_risk_score),
    },
    validation: validationOf(row.codes),
    rule_based_risk: real(row.rule_based_risk),
    status_risk: real(row.status_risk),
    pattern_risk: real(row.pattern_risk),
    risk_modifier: real(row.risk_modifier),
    risk_score: real(row.risk_score),
    risk_level: riskLevelOf(row.codes),
    confidence: real(row.confidence),
    alert_type: determineAlertType(alarm, row.arc_count),
    voltage: real(row.voltage),
    voltage_low: real(row.voltage_low),
    current: real(row.current),
    leakage_current: real(row.leakage_current),
    resistive_leakage: real(row.resistive_leakage),
    power: real(row.power),
    pcb_temperature: real(row.pcb_temperature),
    sensor_temperature: real(row.sensor_temperature),
    co: real(row.co),
    voc: real(row.voc),
    power_factor: real(row.power_factor),
    arc_count: row.arc_count,
  };
}

export function receivedAtOf(row: Pick<ReadingRow, 'ts' | 'receive_lag_ms'>): number {
  return row.ts + row.receive_lag_ms;
}
