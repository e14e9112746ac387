import type { StoreApi } from 'zustand';
import type { LinkSink } from '../transport/link-session';
import type { ConsoleState } from './console-state';
import type { FlushScheduler } from './device-changes';
import { createDeviceChangeBuffer } from './device-changes';

/** At most ten device updates a second reach React, however fast the host pushes. */
export const DEVICE_FLUSH_INTERVAL_MS = 100;

const timerScheduler: FlushScheduler = {
  now: () => performance.now(),
  schedule: (task, delayMs) => {
    const handle = setTimeout(task, delayMs);
    return () => clearTimeout(handle);
  },
};

/** Feeds what the link session learns into the store, device changes in batches. */
export function createStoreSink(store: StoreApi<ConsoleState>, scheduler: FlushScheduler = timerScheduler): LinkSink {
  const buffer = createDeviceChangeBuffer({
    intervalMs: DEVICE_FLUSH_INTERVAL_MS,
    scheduler,
    flush: (batch) => store.getState().applyDeviceBatch(batch),
  });
  return {
    setLink: (link) => store.getState().setLink(link),
    setLastMessageAt: (at) => store.getState().setLastMessageAt(at),
    setHello: (hello) => store.getState().setHost({ version: hello.version, protocol: hello.protocol }),
    replaceDevices: (devices) => {
      buffer.clear();
      store.getState().replaceDevices(devices);
    },
    changeDevices: (devices) => buffer.upsert(devices),
    removeDevices: (deviceIds) => buffer.remove(deviceIds),
    setHealth: (health) => {
      store.getState().setHealth(health);
      // An older host reports no thresholds: the screen keeps what it has.
      if (health.scoring !== undefined) store.getState().setScoring(health.scoring);
    },
    setScoring: (scoring) => store.getState().setScoring(scoring),
    setConnections: (connections) => store.getState().setConnections(connections),
    setClient: (client) => store.getState().setClient(client),
    analyticsEvent: (event) => store.getState().addAnalyticsEvent(event),
  };
}
