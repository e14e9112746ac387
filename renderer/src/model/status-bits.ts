import { COMMUNICATION_ERROR_STATUS, STATUS_BIT_NAMES } from '../../../shared/scoring/status-bits';
import type { StatusBitName } from '../../../shared/scoring/types';

/**
 * The device's status word, decoded as the source system does: bit i of the low twelve bits is one
 * named alarm, and any value of 4096 or more means the device reports a communication error.
 */
export { STATUS_BIT_NAMES };
export type { StatusBitName };
export type StatusFlagName = StatusBitName | 'communication_error';

/**
 * The flags set in a status word, communication error first because it qualifies every other
 * reading of the device. A missing or malformed word sets nothing rather than guessing.
 */
export function decodeStatusFlags(status: number | null | undefined): ReadonlyArray<StatusFlagName> {
  if (typeof status !== 'number' || !Number.isSafeInteger(status) || status < 0) return [];
  const flags: StatusFlagName[] = [];
  if (status >= COMMUNICATION_ERROR_STATUS) flags.push('communication_error');
  STATUS_BIT_NAMES.forEach((name, bit) => {
    // Division instead of a bitwise AND: status words above 2^31 would wrap to negative numbers.
    if (Math.floor(status / 2 ** bit) % 2 === 1) flags.push(name);
  });
  return flags;
}
