import type { ScoringConfig } from './config';
import type { AlarmStatus, NormalizedReading, RiskIndicators, TemperatureRisk } from './types';

// The source system's `calculate_risk_indicators`. Sums are built in its order so that they land
// on the same doubles.

export function calculateRiskIndicators(
  reading: NormalizedReading,
  alarm: AlarmStatus,
  config: ScoringConfig,
): RiskIndicators {
  const t = config.thresholds;
  const w = config.indicators;
  const maxTemp = Math.max(reading.pcb_temperature, reading.sensor_temperature);
  let temperatureRisk: TemperatureRisk;
  let temperatureScore: number;
  if (maxTemp > t.temperatureC.critical) {
    temperatureRisk = 'CRITICAL';
    temperatureScore = w.temperatureScore.critical;
  } else if (maxTemp > t.temperatureC.high) {
    temperatureRisk = 'HIGH';
    temperatureScore = w.temperatureScore.high;
  } else if (maxTemp > t.temperatureC.medium) {
    temperatureRisk = 'MEDIUM';
    temperatureScore = w.temperatureScore.medium;
  } else {
    temperatureRisk = 'LOW';
    temperatureScore = w.temperatureScore.low;
  }

  let electrical = 0;
  if (alarm.overvoltage) electrical += w.overvoltage;
  if (alarm.overcurrent) electrical += w.overcurrent;
  if (alarm.total_leakage) electrical += w.totalLeakage;
  if (reading.arc_count > 0) electrical += Math.min(w.arcMax, reading.arc_count * w.arcPerCount);

  let gas = 0;
  if (reading.co > t.coPpm) gas += w.co;
  if (reading.voc > t.vocUgM3) gas += w.voc;

  const total = Math.min(1.0, temperatureScore * w.temperatureWeight + electrical + gas);
  return {
    temperature_risk: temperatureRisk,
    electrical_risk_score: electrical,
    gas_risk_score: gas,
    temperature_score: temperatureScore,
    total_risk_score: total,
  };
}
