import type { AlertSummary } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';

/** Levels that the source system wrote to its Alerts table (`handle_high_risk_event`). */
const ALERTING_LEVELS = new Set(['HIGH', 'CRITICAL']);
const MAX_KEPT = 500;

export type RiskAlertInput = ScoredReading;

/**
 * The seed's risk alerts: one entry when a device enters HIGH or CRITICAL (or climbs from HIGH to
 * CRITICAL), resolved when it falls back below HIGH. Not one per reading, so a hot device does not
 * flood the list.
 */
export class RiskAlertLog {
  private readonly alerts: Array<{ -readonly [K in keyof AlertSummary]: AlertSummary[K] }> = [];
  private readonly open = new Map<string, { level: string; index: number }>();
  private readonly describe: (reading: RiskAlertInput) => string;

  constructor(describe: (reading: RiskAlertInput) => string) {
    this.describe = describe;
  }

  observe(reading: RiskAlertInput): void {
    const current = this.open.get(reading.device_id);
    const alerting = ALERTING_LEVELS.has(reading.risk_level);
    if (!alerting) {
      if (current) {
        const alert = this.alerts[current.index];
        if (alert) alert.resolved = true;
        this.open.delete(reading.device_id);
      }
      return;
    }
    if (current && (current.level === reading.risk_level || current.level === 'CRITICAL')) return;
    if (current) {
      const previous = this.alerts[current.index];
      if (previous) previous.resolved = true;
    }
    this.alerts.push({
      device_id: reading.device_id,
      alert_timestamp: reading.timestamp,
      alert_level: reading.risk_level,
      alert_type: reading.alert_type,
      risk_score: reading.risk_score,
      message: this.describe(reading),
      resolved: false,
    });
    this.open.set(reading.device_id, { level: reading.risk_level, index: this.alerts.length - 1 });
    if (this.alerts.length > MAX_KEPT) this.trim();
  }

  private trim(): void {
    const drop = this.alerts.length - MAX_KEPT;
    this.alerts.splice(0, drop);
    for (const [id, entry] of this.open) {
      if (entry.index < drop) this.open.delete(id);
      else entry.index -= drop;
    }
  }

  /** Newest first. */
  recent(limit: number, deviceId?: string): ReadonlyArray<AlertSummary> {
    const out: AlertSummary[] = [];
    for (let i = this.alerts.length - 1; i >= 0 && out.length < limit; i -= 1) {
      const alert = this.alerts[i] as AlertSummary;
      if (deviceId === undefined || alert.device_id === deviceId) out.push({ ...alert });
    }
    return out;
  }
}
