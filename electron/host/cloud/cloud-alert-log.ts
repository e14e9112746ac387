import type { AlertSummary } from '../../../shared/protocol';
import type { CloudAlert } from './table-items';

// Alerts of other consoles and of the cloud pipeline, as read from the Alerts table: shown in the
// alarm history beside this console's own, marked `source: 'cloud'`, and read-only — this console
// cannot acknowledge another's alarm through them.

export const MAX_CLOUD_ALERTS = 1_000;

/** What the service layer asks of an alert list: the alarm system's recent alerts, merged with the cloud's. */
export interface AlertList {
  recent(limit: number, deviceId?: string): ReadonlyArray<AlertSummary>;
}

export class CloudAlertLog implements AlertList {
  private readonly byKey = new Map<string, CloudAlert>();

  constructor(private readonly maxKept = MAX_CLOUD_ALERTS) {}

  /** Adds or updates rows (a newer change of one row replaces the older); returns how many changed. */
  merge(alerts: ReadonlyArray<CloudAlert>): number {
    let changed = 0;
    for (const alert of alerts) {
      const key = `${alert.device_id}\u0000${alert.alert_timestamp}`;
      const known = this.byKey.get(key);
      if (known && (known.last_change_ms ?? 0) > (alert.last_change_ms ?? 0)) continue;
      if (known && JSON.stringify(known) === JSON.stringify(alert)) continue;
      this.byKey.set(key, alert);
      changed += 1;
    }
    if (this.byKey.size > this.maxKept) {
      const oldest = [...this.byKey.entries()].sort((a, b) => a[1].at_ms - b[1].at_ms).slice(0, this.byKey.size - this.maxKept);
      for (const [key] of oldest) this.byKey.delete(key);
    }
    return changed;
  }

  size(): number {
    return this.byKey.size;
  }

  /** Every row kept, newest activation first. */
  list(deviceId?: string): ReadonlyArray<CloudAlert> {
    const rows = [...this.byKey.values()].filter((a) => deviceId === undefined || a.device_id === deviceId);
    return rows.sort((a, b) => b.at_ms - a.at_ms);
  }

  /** In the seed's alert shape (with `source: 'cloud'`), newest first. */
  recent(limit: number, deviceId?: string): ReadonlyArray<AlertSummary> {
    return this.list(deviceId)
      .slice(0, limit)
      .map((a): AlertSummary => ({
        device_id: a.device_id,
        alert_timestamp: a.alert_timestamp,
        alert_level: a.alert_level,
        alert_type: a.alert_type,
        risk_score: a.risk_score,
        message: a.message,
        resolved: a.resolved,
        source: 'cloud',
      }));
  }
}

function timeOfAlert(alert: AlertSummary): number {
  const ms = Date.parse(alert.alert_timestamp.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(alert.alert_timestamp) ? alert.alert_timestamp : `${alert.alert_timestamp}Z`);
  return Number.isNaN(ms) ? 0 : ms;
}

/** This console's alerts and the cloud's in one list, newest first. */
export function mergedAlertList(local: AlertList, cloud: AlertList | null): AlertList {
  if (cloud === null) return local;
  return {
    recent(limit: number, deviceId?: string): ReadonlyArray<AlertSummary> {
      const all = [...local.recent(limit, deviceId), ...cloud.recent(limit, deviceId)];
      return all.sort((a, b) => timeOfAlert(b) - timeOfAlert(a)).slice(0, limit);
    },
  };
}
