import type { RiskLevelName } from '../../../shared/protocol';

/**
 * The part of a scored reading the fleet view needs. The scoring engine's result satisfies it
 * structurally, which keeps the fleet independent of the engine's other fields.
 */
export interface ReadingView {
  readonly device_id: string;
  readonly idx: number;
  readonly timestamp: string;
  readonly timestamp_ms: number;
  readonly status_bits: number;
  readonly alarm_status: { readonly [name: string]: boolean | number };
  readonly risk_score: number;
  readonly risk_level: string;
  readonly voltage: number;
  readonly current: number;
  readonly pcb_temperature: number;
  readonly sensor_temperature: number;
  readonly arc_count: number;
}

export function readingTemperature(reading: ReadingView): number {
  return Math.max(reading.pcb_temperature, reading.sensor_temperature);
}

export function asRiskLevel(level: string): RiskLevelName | null {
  return level === 'NORMAL' || level === 'LOW' || level === 'MEDIUM' || level === 'HIGH' || level === 'CRITICAL' ? level : null;
}
