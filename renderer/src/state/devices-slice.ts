import type { StateCreator } from 'zustand';
import type { DeviceSummary } from '../../../shared/protocol/api-types';
import type { ConsoleState } from './console-state';
import type { DeviceChangeBatch } from './device-changes';
import { applyDeviceBatch, devicesById } from './device-changes';

export interface DevicesSlice {
  readonly devices: ReadonlyMap<string, DeviceSummary>;
  /** False until the first `devices.list` answer: an empty map then means "not known yet", not "no devices". */
  readonly devicesLoaded: boolean;
  replaceDevices(devices: ReadonlyArray<DeviceSummary>): void;
  applyDeviceBatch(batch: DeviceChangeBatch): void;
}

export const createDevicesSlice: StateCreator<ConsoleState, [], [], DevicesSlice> = (set) => ({
  devices: new Map(),
  devicesLoaded: false,
  replaceDevices: (devices) => set({ devices: devicesById(devices), devicesLoaded: true }),
  applyDeviceBatch: (batch) =>
    set((state) => {
      const devices = applyDeviceBatch(state.devices, batch);
      return devices === state.devices ? state : { devices };
    }),
});
