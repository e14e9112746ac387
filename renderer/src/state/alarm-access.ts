import { useMemo } from 'react';
import type { AlarmView } from '../../../shared/alarms/api-view';
import type { AlarmLookup } from '../model/alarm-lookup';
import { alarmLookupFrom } from '../model/alarm-lookup';
import type { ConsoleState } from './console-state';
import { useConsoleStore } from './store';

/**
 * The one place the operator's views (matrix, tiles, overview, device page) read the alarm
 * service's state from: the alarm slice's alarms once its snapshot has loaded. Before that (or
 * with a host without the alarm service) there is none, and those views fall back to the
 * devices' status bits.
 */
export function selectAlarmViews(state: Pick<ConsoleState, 'alarms' | 'alarmsLoaded'>): ReadonlyArray<AlarmView> | null {
  return state.alarmsLoaded ? [...state.alarms.values()] : null;
}

/** Null while there is no alarm service in this console; then callers use the status bits. */
export function useAlarmLookup(): AlarmLookup | null {
  const alarms = useConsoleStore((state) => state.alarms);
  const loaded = useConsoleStore((state) => state.alarmsLoaded);
  return useMemo(() => (loaded ? alarmLookupFrom(alarms.values()) : null), [alarms, loaded]);
}

export function useAlarmViews(): ReadonlyArray<AlarmView> | null {
  const alarms = useConsoleStore((state) => state.alarms);
  const loaded = useConsoleStore((state) => state.alarmsLoaded);
  return useMemo(() => selectAlarmViews({ alarms, alarmsLoaded: loaded }), [alarms, loaded]);
}

/** The operator signed in at this station, as the host knows it. */
export function useSignedInOperator(): string | null {
  return useConsoleStore((state) => state.station?.operator ?? null);
}
