import type { EventName, EventPayload } from '../../../shared/protocol';
import type { FleetState } from '../fleet/fleet-state';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** How often device changes are pushed: fast enough to look live, slow enough for 10,000 devices. */
export const DEVICE_PUSH_INTERVAL_MS = 250;
/** Liveness changes with time alone (a device falls silent), so the whole fleet is re-checked this often. */
export const LIVENESS_SCAN_INTERVAL_MS = 2000;

/**
 * Coalesces device changes into one `devices.changed` event per interval, carrying only the devices
 * that changed. A device that reported ten times in the interval is sent once, with its newest state.
 */
export function startDeviceChangePublisher(fleet: FleetState, emit: EventSink, now: () => number = Date.now): () => void {
  const lastOnline = new Map<string, boolean>();
  let lastScan = 0;
  const timer = setInterval(() => {
    const at = now();
    const ids = new Set(fleet.takeChanged());
    if (at - lastScan >= LIVENESS_SCAN_INTERVAL_MS) {
      lastScan = at;
      for (const summary of fleet.summaries(at)) {
        if (lastOnline.get(summary.device_id) !== summary.online) ids.add(summary.device_id);
      }
    }
    if (ids.size === 0) return;
    const devices = [...ids].map((id) => fleet.summary(id, at)).filter((d) => d !== null);
    for (const d of devices) lastOnline.set(d.device_id, d.online);
    emit('devices.changed', { devices });
  }, DEVICE_PUSH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
