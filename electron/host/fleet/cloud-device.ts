import type { RiskLevelName } from '../../../shared/protocol';
import { ACTIVE_WINDOW_MS } from './liveness';

// Devices the cloud knows (the DeviceState table, scored by the cloud pipeline or by another
// console) and this console does not stream itself. They appear in the fleet with their cloud
// risk and state, marked `source: 'cloud'`.

const COMMUNICATION_ERROR_STATUS = 4096;

/** A device as the cloud's DeviceState table holds it. */
export interface CloudDeviceState {
  readonly device_id: string;
  /** Event time of the cloud's newest reading of the device (the table's last_seen). */
  readonly last_seen_ms: number | null;
  readonly risk_level: RiskLevelName | null;
  readonly risk_score: number | null;
  readonly temperature: number | null;
  readonly arc_count: number | null;
  readonly status_bits: number | null;
  readonly idx: number | null;
  readonly total_alarms: number | null;
}

/**
 * Whether the cloud's state stands for the device: it has no reading here, or it has gone quiet
 * here (no reading in the active window) while the cloud has a newer one. A device this console
 * streams is always shown from its own readings.
 */
export function cloudStands(
  cloud: CloudDeviceState | null,
  local: { readonly lastSeenMs: number | null; readonly newestTs: number | null },
  nowMs: number,
): cloud is CloudDeviceState {
  if (cloud === null) return false;
  if (local.newestTs === null) return true;
  const quietHere = local.lastSeenMs === null || nowMs - local.lastSeenMs > ACTIVE_WINDOW_MS;
  return quietHere && cloud.last_seen_ms !== null && cloud.last_seen_ms > local.newestTs;
}

/** The seed's rule, on the cloud's clock: active when its newest reading is within 5 minutes. */
export function cloudActive(cloud: CloudDeviceState, nowMs: number): boolean {
  return cloud.last_seen_ms !== null && nowMs - cloud.last_seen_ms <= ACTIVE_WINDOW_MS;
}

export function cloudOnline(cloud: CloudDeviceState, nowMs: number): boolean {
  return cloudActive(cloud, nowMs) && (cloud.status_bits ?? 0) < COMMUNICATION_ERROR_STATUS;
}

export function cloudLastSeen(cloud: CloudDeviceState): string | null {
  return cloud.last_seen_ms === null ? null : new Date(cloud.last_seen_ms).toISOString();
}

export function sameCloudState(a: CloudDeviceState | null, b: CloudDeviceState | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.last_seen_ms === b.last_seen_ms &&
    a.risk_level === b.risk_level &&
    a.risk_score === b.risk_score &&
    a.temperature === b.temperature &&
    a.status_bits === b.status_bits &&
    a.arc_count === b.arc_count &&
    a.total_alarms === b.total_alarms
  );
}
