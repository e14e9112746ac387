import type { StateCreator } from 'zustand';
import type { DeviceSummary } from '../../../shared/protocol/api-types';
import { parseTime } from '../model/relative-time';
import type { ConsoleState } from './console-state';
import type { DeviceChangeBatch } from './device-changes';
import { applyDeviceBatch, devicesById } from './device-changes';
import { TrendBook } from './trends';

export interface DevicesSlice {
  readonly devices: ReadonlyMap<string, DeviceSummary>;
  /** False until the first `devices.list` answer: an empty map then means "not known yet", not "no devices". */
  readonly devicesLoaded: boolean;
  /** Receive time (epoch ms) of the newest reading of any device: how current the feed is. */
  readonly newestReadingAt: number | null;
  /** Temperatures seen since this screen opened, for sparklines and zone trends (mutable, see TrendBook). */
  readonly trends: TrendBook;
  replaceDevices(devices: ReadonlyArray<DeviceSummary>): void;
  applyDeviceBatch(batch: DeviceChangeBatch): void;
}

function newestOf(devices: Iterable<DeviceSummary>, start: number | null): number | null {
  let newest = start;
  for (const device of devices) {
    const at = parseTime(device.last_seen);
    if (at !== null && (newest === null || at > newest)) newest = at;
  }
  return newest;
}

export const createDevicesSlice: StateCreator<ConsoleState, [], [], DevicesSlice> = (set) => {
  const trends = new TrendBook();
  return {
    devices: new Map(),
    devicesLoaded: false,
    newestReadingAt: null,
    trends,
    replaceDevices: (devices) =>
      set((state) => {
        for (const device of devices) trends.record(device);
        trends.sampleZones(devices, Date.now());
        return { devices: devicesById(devices), devicesLoaded: true, newestReadingAt: newestOf(devices, state.newestReadingAt) };
      }),
    applyDeviceBatch: (batch) =>
      set((state) => {
        const devices = applyDeviceBatch(state.devices, batch);
        if (devices === state.devices) return state;
        for (const device of batch.upserts.values()) trends.record(device);
        for (const id of batch.removals) trends.forget(id);
        trends.sampleZones(devices.values(), Date.now());
        return { devices, newestReadingAt: newestOf(batch.upserts.values(), state.newestReadingAt) };
      }),
  };
};
