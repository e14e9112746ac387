import type { DeviceSummary } from '../../../shared/protocol/api-types';
import type { RiskBadgeLevel } from './risk';
import { toBadgeLevel } from './risk';
import { decodeStatusFlags } from './status-bits';

/**
 * `alarmed`: a standing alarm (with the alarm service) or any status bit or communication error;
 * `quiet`: none of that; `offline`: silent or reporting a communication error.
 */
export const ALARM_FILTERS = ['all', 'alarmed', 'quiet', 'offline'] as const;
export type AlarmFilter = (typeof ALARM_FILTERS)[number];

export interface DeviceFilter {
  /** null: every zone. */
  readonly zone: string | null;
  /** Empty: every level. */
  readonly risks: ReadonlySet<RiskBadgeLevel>;
  readonly alarm: AlarmFilter;
  /** Matched case-insensitively against id and name. */
  readonly text: string;
}

export const NO_FILTER: DeviceFilter = { zone: null, risks: new Set(), alarm: 'all', text: '' };

export function isAlarmFilter(value: unknown): value is AlarmFilter {
  return typeof value === 'string' && (ALARM_FILTERS as ReadonlyArray<string>).includes(value);
}

/** True when the device's own status word raises anything (bits or communication error). */
export function hasStatusAlarm(device: Pick<DeviceSummary, 'status_bits'>): boolean {
  return decodeStatusFlags(device.status_bits).length > 0;
}

/**
 * Whether a device is "in alarm" for filtering. With the alarm service, the ids of devices with a
 * standing alarm are given and decide; without it, the device's status bits do.
 */
export type AlarmPredicate = (device: DeviceSummary) => boolean;

export function alarmPredicate(alarmedDeviceIds: ReadonlySet<string> | null): AlarmPredicate {
  if (alarmedDeviceIds === null) return hasStatusAlarm;
  return (device) => alarmedDeviceIds.has(device.device_id);
}

export function isOffline(device: Pick<DeviceSummary, 'online' | 'status_bits'>): boolean {
  return !device.online || decodeStatusFlags(device.status_bits).includes('communication_error');
}

export function matchesFilter(device: DeviceSummary, filter: DeviceFilter, alarmed: AlarmPredicate = hasStatusAlarm): boolean {
  if (filter.zone !== null && device.zone !== filter.zone) return false;
  if (filter.risks.size > 0 && !filter.risks.has(toBadgeLevel(device.risk_level))) return false;
  switch (filter.alarm) {
    case 'alarmed':
      if (!alarmed(device)) return false;
      break;
    case 'quiet':
      if (alarmed(device)) return false;
      break;
    case 'offline':
      if (!isOffline(device)) return false;
      break;
    case 'all':
      break;
  }
  const text = filter.text.trim().toLowerCase();
  if (text !== '' && !device.device_id.toLowerCase().includes(text) && !device.name.toLowerCase().includes(text)) return false;
  return true;
}

export function filterDevices(
  devices: ReadonlyArray<DeviceSummary>,
  filter: DeviceFilter,
  alarmed: AlarmPredicate = hasStatusAlarm,
): ReadonlyArray<DeviceSummary> {
  if (filter === NO_FILTER) return devices;
  return devices.filter((device) => matchesFilter(device, filter, alarmed));
}

const zoneCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Every zone with at least one device, in natural order. */
export function zonesOf(devices: Iterable<Pick<DeviceSummary, 'zone'>>): ReadonlyArray<string> {
  const zones = new Set<string>();
  for (const device of devices) zones.add(device.zone);
  return [...zones].sort(zoneCollator.compare);
}

export function compareZones(a: string, b: string): number {
  return zoneCollator.compare(a, b);
}
