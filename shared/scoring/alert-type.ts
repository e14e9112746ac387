import type { AlarmStatus, AlertType } from './types';

/** The source system's `determine_alert_type`: the first matching cause, most urgent first. */
export function determineAlertType(alarm: AlarmStatus, arcCount: number): AlertType {
  if (alarm.pcb_temp_alarm || alarm.sensor_temp_alarm) return 'TEMPERATURE_CRITICAL';
  if (alarm.arc_alarm || arcCount > 0) return 'ARC_DETECTED';
  if (alarm.total_leakage || alarm.resistive_leakage) return 'ELECTRICAL_LEAKAGE';
  if (alarm.overcurrent) return 'OVERCURRENT';
  if (alarm.co_alarm || alarm.voc_alarm) return 'GAS_DETECTION';
  return 'GENERAL_RISK';
}
