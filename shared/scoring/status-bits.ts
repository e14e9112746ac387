import type { AlarmStatus, StatusBitName } from './types';

/** The twelve alarm bits of the `status` field, bit 0 first. */
export const STATUS_BIT_NAMES: ReadonlyArray<StatusBitName> = Object.freeze([
  'overvoltage',
  'power_outage',
  'overcurrent',
  'total_leakage',
  'resistive_leakage',
  'power_anomaly',
  'pcb_temp_alarm',
  'sensor_temp_alarm',
  'co_alarm',
  'voc_alarm',
  'power_factor_alarm',
  'arc_alarm',
] as const);

/** Status values at or above this mean the device reports a communication error. */
export const COMMUNICATION_ERROR_STATUS = 4096;

const LOW_BITS_MASK = 0xfff;

/**
 * Decodes the status bits. Bits above bit 11 only matter through the communication-error test;
 * `& 0xfff` on values beyond 32 bits still reads the right low bits, since 2^32 is a multiple of 4096.
 */
export function parseStatusBits(status: number): AlarmStatus {
  const bits = status & LOW_BITS_MASK;
  const overvoltage = (bits & 1) !== 0;
  const power_outage = (bits & 2) !== 0;
  const overcurrent = (bits & 4) !== 0;
  const total_leakage = (bits & 8) !== 0;
  const resistive_leakage = (bits & 16) !== 0;
  const power_anomaly = (bits & 32) !== 0;
  const pcb_temp_alarm = (bits & 64) !== 0;
  const sensor_temp_alarm = (bits & 128) !== 0;
  const co_alarm = (bits & 256) !== 0;
  const voc_alarm = (bits & 512) !== 0;
  const power_factor_alarm = (bits & 1024) !== 0;
  const arc_alarm = (bits & 2048) !== 0;
  let total_alarm_count = 0;
  for (let b = bits; b !== 0; b &= b - 1) total_alarm_count++;
  return {
    overvoltage,
    power_outage,
    overcurrent,
    total_leakage,
    resistive_leakage,
    power_anomaly,
    pcb_temp_alarm,
    sensor_temp_alarm,
    co_alarm,
    voc_alarm,
    power_factor_alarm,
    arc_alarm,
    communication_error: status >= COMMUNICATION_ERROR_STATUS,
    total_alarm_count,
  };
}

/**
 * The decoded alarm status depends only on the low twelve bits and the communication-error test,
 * so there are 8192 distinct results: decode each once and share it (results are frozen).
 */
export function statusKey(status: number): number {
  return (status & LOW_BITS_MASK) | (status >= COMMUNICATION_ERROR_STATUS ? COMMUNICATION_ERROR_STATUS : 0);
}
