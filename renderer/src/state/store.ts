import { create } from 'zustand';
import type { StateCreator, StoreApi, UseBoundStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createAlarmsSlice } from './alarms-slice';
import { createAnalyticsSlice } from './analytics-slice';
import type { ConsoleState } from './console-state';
import { createConnectionSlice } from './connection-slice';
import { createDevicesSlice } from './devices-slice';
import { createHealthSlice } from './health-slice';
import { createPreferencesSlice } from './preferences-slice';
import { createScoringSlice } from './scoring-slice';
import { createSirenSlice } from './siren-slice';

/** Every slice of the renderer's state, composed once: the app's hook and the tests' stores use it alike. */
export const consoleStateCreator: StateCreator<ConsoleState> = (...args) => ({
  ...createDevicesSlice(...args),
  ...createConnectionSlice(...args),
  ...createHealthSlice(...args),
  ...createPreferencesSlice(...args),
  ...createSirenSlice(...args),
  ...createAnalyticsSlice(...args),
  ...createAlarmsSlice(...args),
  ...createScoringSlice(...args),
});

export const useConsoleStore: UseBoundStore<StoreApi<ConsoleState>> = create<ConsoleState>()(consoleStateCreator);

/** A store outside React (tests, tools). */
export function createConsoleStore(): StoreApi<ConsoleState> {
  return createStore<ConsoleState>()(consoleStateCreator);
}
