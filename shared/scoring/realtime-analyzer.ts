import { STATUS_BIT_NAMES } from './status-bits';
import type { ScoringConfig } from './config';
import type { AlarmStatus, NormalizedReading, RiskLevel } from './types';

// The source system's `RealTimeAnalyzer`: rule, status and pattern risk, their weighted sum, the
// level and the confidence. Every sum adds its terms in the source's order (floating point).

/** Lowest to highest. */
export const RISK_LEVELS: ReadonlyArray<RiskLevel> = Object.freeze(['NORMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const);

export function ruleBasedRisk(reading: NormalizedReading, config: ScoringConfig): number {
  const t = config.thresholds;
  const w = config.rules;
  let risk = 0;
  const maxTemp = Math.max(reading.pcb_temperature, reading.sensor_temperature);
  if (maxTemp > t.temperatureC.critical) risk += w.temperature.critical;
  else if (maxTemp > t.temperatureC.high) risk += w.temperature.high;
  else if (maxTemp > t.temperatureC.medium) risk += w.temperature.medium;

  if (reading.voltage > t.overvoltageV || reading.voltage_low < t.undervoltageV) risk += w.voltage;
  if (reading.current > t.overcurrentA) risk += w.overcurrent;
  if (reading.leakage_current > t.leakageMa || reading.resistive_leakage > t.leakageMa) risk += w.leakage;
  if (reading.arc_count > 0) risk += Math.min(w.arcMax, reading.arc_count * w.arcPerCount);
  if (reading.co > t.coPpm) risk += w.co;
  if (reading.voc > t.vocUgM3) risk += w.voc;
  if (reading.power_factor < t.powerFactorMin) risk += w.powerFactor;
  return Math.min(1.0, risk);
}

export function statusRisk(alarm: AlarmStatus, config: ScoringConfig): number {
  const s = config.status;
  let risk = 0;
  for (const name of STATUS_BIT_NAMES) {
    if (alarm[name]) risk += s.weights[name];
  }
  if (alarm.total_alarm_count > s.multiAlarmFrom) risk += s.multiAlarmStep * (alarm.total_alarm_count - s.multiAlarmFrom);
  // A device that cannot report its alarms reliably gets a fixed risk, unclamped as in the source.
  if (alarm.communication_error) return s.communicationErrorRisk;
  return Math.min(1.0, risk);
}

/**
 * Temperature imbalance, power consistency and Ohm's-law plausibility. Power is reported in kW,
 * so the computed V·I·PF is divided by 1000 before the comparison.
 */
export function patternRisk(reading: NormalizedReading, config: ScoringConfig): number {
  const p = config.pattern;
  let risk = 0;
  const tempDiff = Math.abs(reading.pcb_temperature - reading.sensor_temperature);
  if (tempDiff > p.imbalanceHighC) risk += p.imbalanceHighWeight;
  else if (tempDiff > p.imbalanceC) risk += p.imbalanceWeight;

  const calculatedKw = (reading.voltage * reading.current * reading.power_factor) / 1000;
  if (Math.abs(calculatedKw - reading.power) > calculatedKw * p.powerTolerance) risk += p.powerMismatchWeight;

  if (reading.current > p.resistanceMinCurrentA) {
    const resistance = reading.voltage / reading.current;
    if (resistance < p.resistanceMinOhm || resistance > p.resistanceMaxOhm) risk += p.resistanceWeight;
  }
  return Math.min(1.0, risk);
}

export function finalRisk(
  ruleRisk: number,
  statusRiskValue: number,
  patternRiskValue: number,
  modifier: number,
  config: ScoringConfig,
): number {
  const f = config.final;
  const base = ruleRisk * f.rule + statusRiskValue * f.status + patternRiskValue * f.pattern;
  return Math.min(1.0, base * modifier);
}

export function riskLevel(score: number, config: ScoringConfig): RiskLevel {
  const l = config.levels;
  if (score >= l.critical) return 'CRITICAL';
  if (score >= l.high) return 'HIGH';
  if (score >= l.medium) return 'MEDIUM';
  if (score >= l.low) return 'LOW';
  return 'NORMAL';
}

/** Agreement between the rule view and the device's own alarms. */
export function confidence(ruleRisk: number, statusRiskValue: number, config: ScoringConfig): number {
  const c = config.confidence;
  const value = 1.0 - Math.abs(ruleRisk - statusRiskValue) * c.diffWeight;
  return Math.max(c.min, Math.min(c.max, value));
}
