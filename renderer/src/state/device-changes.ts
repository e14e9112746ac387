import type { DeviceSummary } from '../../../shared/protocol/api-types';

/** Changes gathered between two flushes; an id is in at most one of the two. */
export interface DeviceChangeBatch {
  readonly upserts: ReadonlyMap<string, DeviceSummary>;
  readonly removals: ReadonlySet<string>;
}

export interface FlushScheduler {
  now(): number;
  /** Runs `task` after `delayMs`; the returned function cancels it. */
  schedule(task: () => void, delayMs: number): () => void;
}

export interface DeviceChangeBufferOptions {
  readonly intervalMs: number;
  readonly scheduler: FlushScheduler;
  readonly flush: (batch: DeviceChangeBatch) => void;
}

export interface DeviceChangeBuffer {
  upsert(devices: ReadonlyArray<DeviceSummary>): void;
  remove(deviceIds: ReadonlyArray<string>): void;
  /** Hands over what is pending now, without waiting for the interval. */
  flushNow(): void;
  /** Forgets what is pending: a fresh snapshot supersedes every change received before it. */
  clear(): void;
  pendingCount(): number;
}

/**
 * Coalesces device changes so the store (and React) sees at most one update per interval however
 * many messages arrive: the newest summary of a device wins. The first change after a quiet
 * period is flushed at once, so a lone alarm is not held back by the throttle.
 */
export function createDeviceChangeBuffer(options: DeviceChangeBufferOptions): DeviceChangeBuffer {
  const { intervalMs, scheduler, flush } = options;
  let upserts = new Map<string, DeviceSummary>();
  let removals = new Set<string>();
  let cancelScheduled: (() => void) | null = null;
  let lastFlushAt = Number.NEGATIVE_INFINITY;

  function cancel(): void {
    cancelScheduled?.();
    cancelScheduled = null;
  }

  function requestFlush(): void {
    if (cancelScheduled !== null) return;
    const wait = Math.max(0, lastFlushAt + intervalMs - scheduler.now());
    cancelScheduled = scheduler.schedule(flushNow, wait);
  }

  function flushNow(): void {
    cancel();
    if (upserts.size === 0 && removals.size === 0) return;
    const batch: DeviceChangeBatch = { upserts, removals };
    upserts = new Map();
    removals = new Set();
    lastFlushAt = scheduler.now();
    flush(batch);
  }

  return {
    upsert(devices) {
      if (devices.length === 0) return;
      for (const device of devices) {
        removals.delete(device.device_id);
        upserts.set(device.device_id, device);
      }
      requestFlush();
    },
    remove(deviceIds) {
      if (deviceIds.length === 0) return;
      for (const id of deviceIds) {
        upserts.delete(id);
        removals.add(id);
      }
      requestFlush();
    },
    flushNow,
    clear() {
      cancel();
      upserts = new Map();
      removals = new Set();
    },
    pendingCount() {
      return upserts.size + removals.size;
    },
  };
}

/** The device map after a batch; the same map when the batch changes nothing, so selectors stay quiet. */
export function applyDeviceBatch(
  devices: ReadonlyMap<string, DeviceSummary>,
  batch: DeviceChangeBatch,
): ReadonlyMap<string, DeviceSummary> {
  let next: Map<string, DeviceSummary> | null = null;
  const writable = (): Map<string, DeviceSummary> => (next ??= new Map(devices));
  for (const id of batch.removals) {
    if (devices.has(id)) writable().delete(id);
  }
  for (const [id, device] of batch.upserts) {
    if (devices.get(id) !== device) writable().set(id, device);
  }
  return next ?? devices;
}

export function devicesById(devices: ReadonlyArray<DeviceSummary>): ReadonlyMap<string, DeviceSummary> {
  return new Map(devices.map((device) => [device.device_id, device]));
}
