// Data shapes of the scoring engine. Field names of the scored reading are the source
// system's (snake_case), so records written for its tables and dashboards read the same.

export type ScoreErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_MESSAGE'
  | 'MISSING_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_TIMESTAMP';

export interface ScoreError {
  readonly code: ScoreErrorCode;
  readonly message: string;
  /** The message field at fault, in the spelling the message used (absent for whole-line errors). */
  readonly field?: string;
}

export type RiskLevel = 'NORMAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export type TemperatureRisk = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export type AlertType =
  | 'TEMPERATURE_CRITICAL'
  | 'ARC_DETECTED'
  | 'ELECTRICAL_LEAKAGE'
  | 'OVERCURRENT'
  | 'GAS_DETECTION'
  | 'GENERAL_RISK';

export type Language = 'ko' | 'en';

export type ValidationErrorCode =
  | 'VOLTAGE_OUT_OF_RANGE'
  | 'CURRENT_OUT_OF_RANGE'
  | 'PCB_TEMPERATURE_OUT_OF_RANGE'
  | 'SENSOR_TEMPERATURE_OUT_OF_RANGE';

export type ValidationWarningCode = 'STATUS_VERIFY_MISMATCH';

export interface AlarmStatus {
  readonly overvoltage: boolean;
  readonly power_outage: boolean;
  readonly overcurrent: boolean;
  readonly total_leakage: boolean;
  readonly resistive_leakage: boolean;
  readonly power_anomaly: boolean;
  readonly pcb_temp_alarm: boolean;
  readonly sensor_temp_alarm: boolean;
  readonly co_alarm: boolean;
  readonly voc_alarm: boolean;
  readonly power_factor_alarm: boolean;
  readonly arc_alarm: boolean;
  readonly communication_error: boolean;
  readonly total_alarm_count: number;
}

export type StatusBitName = Exclude<keyof AlarmStatus, 'communication_error' | 'total_alarm_count'>;

export interface RiskIndicators {
  readonly temperature_risk: TemperatureRisk;
  readonly electrical_risk_score: number;
  readonly gas_risk_score: number;
  readonly temperature_score: number;
  readonly total_risk_score: number;
}

export interface ValidationResult {
  readonly is_valid: boolean;
  readonly warnings: ReadonlyArray<ValidationWarningCode>;
  readonly errors: ReadonlyArray<ValidationErrorCode>;
}

/** A device message in either spelling, reduced to one shape with the source system's field names. */
export interface NormalizedReading {
  readonly device_id: string;
  readonly idx: number;
  /** ISO-8601 UTC with milliseconds. */
  readonly timestamp: string;
  readonly timestamp_ms: number;
  readonly status_bits: number;
  /** The optional second copy of the status bits (`verifySts`); undefined when absent. */
  readonly verify_status: number | undefined;
  readonly voltage: number;
  readonly voltage_low: number;
  readonly current: number;
  readonly leakage_current: number;
  readonly resistive_leakage: number;
  readonly power: number;
  readonly pcb_temperature: number;
  readonly sensor_temperature: number;
  readonly co: number;
  readonly voc: number;
  readonly power_factor: number;
  readonly arc_count: number;
}

export interface ScoredReading extends NormalizedReading {
  readonly alarm_status: AlarmStatus;
  readonly risk_indicators: RiskIndicators;
  readonly validation: ValidationResult;
  readonly rule_based_risk: number;
  readonly status_risk: number;
  readonly pattern_risk: number;
  readonly risk_modifier: number;
  readonly risk_score: number;
  readonly risk_level: RiskLevel;
  readonly confidence: number;
  readonly alert_type: AlertType;
}

export type ScoreOutcome =
  | { readonly ok: true; readonly result: ScoredReading }
  | { readonly ok: false; readonly error: ScoreError };
