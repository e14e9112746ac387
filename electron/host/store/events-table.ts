import { formatIsoMillis } from '../../../shared/scoring';
import type { SqliteDatabase } from './database';

/** An analytics event (shared/analytics' AnalyticsEvent fits it): a device's or a zone's. */
export interface StoredEvent {
  readonly event: string;
  readonly device_id?: string | null;
  readonly zone?: string | null;
  /** Event time, ISO-8601. */
  readonly at: string;
  readonly severity: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface EventQuery {
  /** Event time, epoch ms: from (inclusive) … until (exclusive). */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly deviceId?: string;
  readonly zone?: string;
  readonly limit?: number;
  /** 'asc' (default) reads forward from `sinceMs`; 'desc' the newest first. */
  readonly order?: 'asc' | 'desc';
}

export interface EventRecord {
  readonly id: number;
  readonly event: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly at: string;
  readonly severity: string;
  readonly values: Readonly<Record<string, unknown>>;
}

interface EventRow {
  readonly id: number;
  readonly at: number;
  readonly event: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly severity: string;
  readonly event_values: string;
}

export const DEFAULT_EVENT_LIMIT = 500;
export const MAX_EVENT_LIMIT = 10_000;

/** Analytics events by event time, per device or per zone. */
export class EventsTable {
  private readonly insertRow;

  constructor(private readonly db: SqliteDatabase) {
    this.insertRow = db.prepare(
      'INSERT INTO analytics_events(at, event, device_id, zone, severity, event_values, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  insert(event: StoredEvent, recordedAtMs: number): void {
    const at = Date.parse(event.at);
    this.insertRow.run(
      Number.isFinite(at) ? at : recordedAtMs,
      event.event,
      event.device_id ?? null,
      event.zone ?? null,
      event.severity,
      JSON.stringify(event.values),
      recordedAtMs,
    );
  }

  query(q: EventQuery): ReadonlyArray<EventRecord> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.sinceMs !== undefined) {
      where.push('at >= ?');
      params.push(q.sinceMs);
    }
    if (q.untilMs !== undefined) {
      where.push('at < ?');
      params.push(q.untilMs);
    }
    if (q.deviceId !== undefined) {
      where.push('device_id = ?');
      params.push(q.deviceId);
    }
    if (q.zone !== undefined) {
      where.push('zone = ?');
      params.push(q.zone);
    }
    const order = q.order === 'desc' ? 'DESC' : 'ASC';
    const limit = Math.max(1, Math.min(MAX_EVENT_LIMIT, Math.floor(q.limit ?? DEFAULT_EVENT_LIMIT)));
    const sql = `SELECT id, at, event, device_id, zone, severity, event_values FROM analytics_events
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at ${order}, id ${order} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, limit) as EventRow[];
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      device_id: r.device_id,
      zone: r.zone,
      at: formatIsoMillis(r.at),
      severity: r.severity,
      values: JSON.parse(r.event_values) as Record<string, unknown>,
    }));
  }
}
