import { create } from 'zustand';
import type { UseBoundStore, StoreApi } from 'zustand';
import { createAlarmsSlice } from './alarms-slice';
import { createAnalyticsSlice } from './analytics-slice';
import type { ConsoleState } from './console-state';
import { createConnectionSlice } from './connection-slice';
import { createDevicesSlice } from './devices-slice';
import { createHealthSlice } from './health-slice';
import { createPreferencesSlice } from './preferences-slice';
import { createSirenSlice } from './siren-slice';

export const useConsoleStore: UseBoundStore<StoreApi<ConsoleState>> = create<ConsoleState>()((...args) => ({
  ...createDevicesSlice(...args),
  ...createConnectionSlice(...args),
  ...createHealthSlice(...args),
  ...createPreferencesSlice(...args),
  ...createSirenSlice(...args),
  ...createAnalyticsSlice(...args),
  ...createAlarmsSlice(...args),
}));
