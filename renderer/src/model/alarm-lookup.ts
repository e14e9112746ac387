import type { AlarmView } from '../../../shared/alarms/api-view';
import { isStanding } from '../../../shared/alarms/record';
import type { AlarmState } from '../../../shared/alarms/types';

/**
 * The alarm service's view of points, for screens that are not the alarm list (matrix, tiles,
 * overview). Until the alarm protocol reaches this renderer there is no lookup and those screens
 * fall back to the devices' status bits; see `state/alarm-access.ts` for the one switch.
 */

/** The states a point shows in; `normal` shows as off. */
export type AlarmPresentation = Exclude<AlarmState, 'normal'>;

export interface AlarmLookup {
  /** The state of the point (device, source), or null when the point is normal or unknown. */
  stateOf(deviceId: string, source: string): AlarmPresentation | null;
  /** Devices with at least one standing (not normal) alarm. */
  readonly alarmedDeviceIds: ReadonlySet<string>;
}

export function alarmLookupFrom(alarms: Iterable<Pick<AlarmView, 'device_id' | 'source' | 'state'>>): AlarmLookup {
  const byPoint = new Map<string, AlarmPresentation>();
  const alarmed = new Set<string>();
  for (const alarm of alarms) {
    if (alarm.device_id === null || alarm.state === 'normal') continue;
    byPoint.set(`${alarm.device_id}\u0000${alarm.source}`, alarm.state);
    alarmed.add(alarm.device_id);
  }
  return {
    stateOf: (deviceId, source) => byPoint.get(`${deviceId}\u0000${source}`) ?? null,
    alarmedDeviceIds: alarmed,
  };
}

export const ALARM_PRIORITY_ORDER = ['critical', 'high', 'medium', 'low'] as const;
export type AlarmPriorityName = (typeof ALARM_PRIORITY_ORDER)[number];

/** Standing alarms (the API's `state=active`: not shelved, suppressed or out of service) by priority. */
export function activeByPriority(alarms: Iterable<Pick<AlarmView, 'priority' | 'state'>>): { readonly [P in AlarmPriorityName]: number } {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const alarm of alarms) {
    if (isStanding(alarm.state)) counts[alarm.priority] += 1;
  }
  return counts;
}
