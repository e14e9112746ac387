/**
 * The device's status word, decoded as the source system does: bit i of the low twelve bits is one
 * named alarm, and any value of 4096 or more means the device reports a communication error.
 */
export const STATUS_BIT_NAMES = [
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
] as const;

export type StatusBitName = (typeof STATUS_BIT_NAMES)[number];
export type StatusFlagName = StatusBitName | 'communication_error';

export const COMMUNICATION_ERROR_THRESHOLD = 4096;

/**
 * The flags set in a status word, communication error first because it qualifies every other
 * reading of the device. A missing or malformed word sets nothing rather than guessing.
 */
export function decodeStatusFlags(status: number | null | undefined): ReadonlyArray<StatusFlagName> {
  if (typeof status !== 'number' || !Number.isSafeInteger(status) || status < 0) return [];
  const flags: StatusFlagName[] = [];
  if (status >= COMMUNICATION_ERROR_THRESHOLD) flags.push('communication_error');
  STATUS_BIT_NAMES.forEach((name, bit) => {
    // Division instead of a bitwise AND: status words above 2^31 would wrap to negative numbers.
    if (Math.floor(status / 2 ** bit) % 2 === 1) flags.push(name);
  });
  return flags;
}
