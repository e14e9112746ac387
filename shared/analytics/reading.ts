import type { ScoredReading } from '../scoring/types';

/** The part of a scored reading the analytics reads (the scoring engine's ScoredReading fits it). */
export type AnalyticsReading = Pick<
  ScoredReading,
  | 'device_id'
  | 'timestamp'
  | 'timestamp_ms'
  | 'risk_score'
  | 'risk_level'
  | 'voltage'
  | 'current'
  | 'leakage_current'
  | 'power'
  | 'power_factor'
  | 'pcb_temperature'
  | 'sensor_temperature'
  | 'co'
  | 'voc'
  | 'arc_count'
>;

/** The seed's Kinesis record carried max(PCB, sensor) as "temperature". */
export function readingTemperatureOf(reading: Pick<ScoredReading, 'pcb_temperature' | 'sensor_temperature'>): number {
  return Math.max(reading.pcb_temperature, reading.sensor_temperature);
}
