import type { ScoringConfig } from './config';
import type { NormalizedReading, ValidationErrorCode, ValidationResult, ValidationWarningCode } from './types';

// The source system's `validate_discrete_data`, with codes instead of sentences. An invalid
// reading is still scored, as it was there; the result says what was wrong.

const NO_CODES: ReadonlyArray<never> = Object.freeze([]);

// Nearly every reading is valid with no warning: one shared, frozen result spares an allocation.
const VALID: ValidationResult = Object.freeze({ is_valid: true, warnings: NO_CODES, errors: NO_CODES });

export function validateReading(reading: NormalizedReading, config: ScoringConfig): ValidationResult {
  const r = config.validation;
  const mismatch = reading.verify_status !== undefined && reading.verify_status !== reading.status_bits;
  const voltageBad = reading.voltage < r.voltageMinV || reading.voltage > r.voltageMaxV;
  const currentBad = reading.current < r.currentMinA || reading.current > r.currentMaxA;
  const pcbBad = reading.pcb_temperature < r.temperatureMinC || reading.pcb_temperature > r.temperatureMaxC;
  const sensorBad = reading.sensor_temperature < r.temperatureMinC || reading.sensor_temperature > r.temperatureMaxC;
  if (!mismatch && !voltageBad && !currentBad && !pcbBad && !sensorBad) return VALID;

  const warnings: ValidationWarningCode[] = [];
  if (mismatch) warnings.push('STATUS_VERIFY_MISMATCH');
  const errors: ValidationErrorCode[] = [];
  if (voltageBad) errors.push('VOLTAGE_OUT_OF_RANGE');
  if (currentBad) errors.push('CURRENT_OUT_OF_RANGE');
  if (pcbBad) errors.push('PCB_TEMPERATURE_OUT_OF_RANGE');
  if (sensorBad) errors.push('SENSOR_TEMPERATURE_OUT_OF_RANGE');
  return { is_valid: errors.length === 0, warnings, errors };
}
