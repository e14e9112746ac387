import type { RiskLevelName } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';

/**
 * The part of a scored reading the fleet view needs: a narrow slice, so the fleet does not depend
 * on the engine's other fields.
 */
export type ReadingView = Pick<
  ScoredReading,
  | 'device_id'
  | 'idx'
  | 'timestamp'
  | 'timestamp_ms'
  | 'status_bits'
  | 'alarm_status'
  | 'risk_score'
  | 'risk_level'
  | 'voltage'
  | 'current'
  | 'pcb_temperature'
  | 'sensor_temperature'
  | 'arc_count'
> &
  // The device wall's gauges read these when the reading has them (the host's readings always do).
  Partial<Pick<ScoredReading, 'leakage_current' | 'co' | 'voc' | 'power_factor'>>;

export function readingTemperature(reading: Pick<ReadingView, 'pcb_temperature' | 'sensor_temperature'>): number {
  return Math.max(reading.pcb_temperature, reading.sensor_temperature);
}

export function asRiskLevel(level: string): RiskLevelName | null {
  return level === 'NORMAL' || level === 'LOW' || level === 'MEDIUM' || level === 'HIGH' || level === 'CRITICAL' ? level : null;
}
