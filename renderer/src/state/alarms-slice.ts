import type { StateCreator } from 'zustand';
import type { AlarmItem, AlarmsSnapshot, AlarmsStatus, SharingView, StationView } from '../../../shared/protocol/alarms-types';
import type { ConsoleState } from './console-state';
import { alarmsById, mergeAlarms } from './alarms-model';

/** An action the operator is about to take, waiting for its comment (and shelve time). */
export type AlarmDialogAction = 'acknowledge' | 'acknowledge_all' | 'shelve' | 'unshelve' | 'reset' | 'remove_from_service' | 'return_to_service';

export type AlarmDialog =
  | { readonly kind: 'sign_in'; readonly tokenNeeded: boolean }
  | { readonly kind: 'action'; readonly action: AlarmDialogAction; readonly ids: ReadonlyArray<string> };

export interface AlarmNotice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/**
 * The station's alarms, as the host pushes them: every alarm not back to normal (by id), flood,
 * chattering and each station's sound, this station's identity and sign-in, and the dialog open.
 */
export interface AlarmsSlice {
  readonly alarms: ReadonlyMap<string, AlarmItem>;
  readonly alarmsLoaded: boolean;
  readonly alarmStatus: AlarmsStatus | null;
  /** This screen's station name (kept in the browser), and whether it is a wall display. */
  readonly stationId: string;
  readonly wallDisplay: boolean;
  /** As the host knows the station: who is signed in, with which role. */
  readonly station: StationView | null;
  readonly alarmSharing: SharingView | null;
  readonly alarmOperators: AlarmsSnapshot['operators'];
  readonly alarmLimits: AlarmsSnapshot['config'] | null;
  /** EMBERWATCH_TOKEN as typed at sign-in (only a station beyond loopback needs it); never stored. */
  readonly consoleToken: string | null;
  readonly alarmNotice: AlarmNotice | null;
  readonly alarmDialog: AlarmDialog | null;
  setStationIdentity(stationId: string, wallDisplay: boolean): void;
  setAlarmSnapshot(snapshot: AlarmsSnapshot): void;
  applyAlarmChanges(items: ReadonlyArray<AlarmItem>): void;
  setAlarmStatus(status: AlarmsStatus): void;
  setStation(station: StationView): void;
  setConsoleToken(token: string | null): void;
  setAlarmNotice(notice: AlarmNotice | null): void;
  setAlarmDialog(dialog: AlarmDialog | null): void;
}

export const createAlarmsSlice: StateCreator<ConsoleState, [], [], AlarmsSlice> = (set) => ({
  alarms: new Map(),
  alarmsLoaded: false,
  alarmStatus: null,
  stationId: 'station',
  wallDisplay: false,
  station: null,
  alarmSharing: null,
  alarmOperators: [],
  alarmLimits: null,
  consoleToken: null,
  alarmNotice: null,
  alarmDialog: null,
  setStationIdentity: (stationId, wallDisplay) => set({ stationId, wallDisplay }),
  setAlarmSnapshot: (snapshot) =>
    set({
      alarms: alarmsById(snapshot.alarms),
      alarmsLoaded: true,
      alarmStatus: snapshot.status,
      station: snapshot.station,
      alarmSharing: snapshot.sharing,
      alarmOperators: snapshot.operators,
      alarmLimits: snapshot.config,
    }),
  applyAlarmChanges: (items) =>
    set((state) => {
      const alarms = mergeAlarms(state.alarms, items);
      return alarms === state.alarms ? state : { alarms };
    }),
  setAlarmStatus: (alarmStatus) => set({ alarmStatus }),
  setStation: (station) => set({ station }),
  setConsoleToken: (consoleToken) => set({ consoleToken }),
  setAlarmNotice: (alarmNotice) => set({ alarmNotice }),
  setAlarmDialog: (alarmDialog) => set({ alarmDialog }),
});
