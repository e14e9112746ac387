import type { SqliteDatabase } from '../store/database';
import type { OutboxEntry } from '../store/outbox-table';
import { outbox } from '../store/outbox-table';
import type { CloudTableRole } from './cloud-config';
import type { PlainItem } from './attribute-values';

// The cloud link's rows in the store's outbox (cloud_outbox, migration 002). Every write to
// DynamoDB is one of these first: committed locally, sent when the cloud can be reached, deleted
// once it has arrived, and kept across restarts until then.
//
//   kind          target         payload
//   dynamo.put    raw_data       {"items": [RawData rows]}        up to 25, one BatchWriteItem
//   dynamo.put    device_state   {"items": [DeviceState rows]}    up to 25, one BatchWriteItem
//   dynamo.alert  alerts         {"item": Alerts row}             one conditional PutItem
//
// The target names the table's role, not its name: a changed environment suffix applies to rows
// already queued. Other kinds (the alarm system's SNS and webhook escalations) share the table;
// the cloud link sends only its own and counts the rest in health.

export const PUT_KIND = 'dynamo.put';
export const ALERT_KIND = 'dynamo.alert';
export const CLOUD_KINDS: ReadonlyArray<string> = [PUT_KIND, ALERT_KIND];

/** next_attempt_at of an entry set aside for good (the cloud refused it): never due again. */
export const PARKED_AT = Number.MAX_SAFE_INTEGER;

export interface PutPayload {
  readonly items: ReadonlyArray<PlainItem>;
}

export interface AlertPayload {
  readonly item: PlainItem;
}

export function isTableRole(target: string): target is CloudTableRole {
  return target === 'raw_data' || target === 'device_state' || target === 'alerts';
}

export function addPut(db: SqliteDatabase, role: CloudTableRole, items: ReadonlyArray<PlainItem>, atMs: number): number {
  return outbox.add(db, PUT_KIND, role, JSON.stringify({ items } satisfies PutPayload), atMs);
}

export function addAlert(db: SqliteDatabase, item: PlainItem, atMs: number): number {
  return outbox.add(db, ALERT_KIND, 'alerts', JSON.stringify({ item } satisfies AlertPayload), atMs);
}

const KIND_LIST = CLOUD_KINDS.map((k) => `'${k}'`).join(', ');

/** The cloud link's entries not set aside, oldest first: the order they were written in. */
export function headEntries(db: SqliteDatabase, limit: number): ReadonlyArray<OutboxEntry> {
  return db
    // Read in id order and stop at the limit ('+' keeps SQLite from sorting the whole backlog by id).
    .prepare(`SELECT * FROM cloud_outbox WHERE +kind IN (${KIND_LIST}) AND +next_attempt_at < ? ORDER BY id LIMIT ?`)
    .all(PARKED_AT, limit) as OutboxEntry[];
}

export function replacePayload(db: SqliteDatabase, id: number, payload: string): void {
  db.prepare('UPDATE cloud_outbox SET payload = ? WHERE id = ?').run(payload, id);
}

export function park(db: SqliteDatabase, id: number, error: string): void {
  outbox.failed(db, id, error, PARKED_AT);
}

export interface OutboxStats {
  /** Entries waiting, of every kind (the cloud link's, and escalations waiting for their sender). */
  readonly depth: number;
  /** created_at of the oldest entry still to be sent (parked ones are not), or null. */
  readonly oldestMs: number | null;
  readonly byKind: Readonly<Record<string, number>>;
  /** Entries the cloud refused for good; kept for inspection, never sent again. */
  readonly parked: number;
}

export function outboxStats(db: SqliteDatabase): OutboxStats {
  const rows = db
    // A parked entry will never be sent: it must not make the outbox look stuck for ever.
    .prepare('SELECT kind, count(*) AS n, min(CASE WHEN next_attempt_at < ? THEN created_at END) AS oldest, sum(next_attempt_at >= ?) AS parked FROM cloud_outbox GROUP BY kind')
    .all(PARKED_AT, PARKED_AT) as Array<{ kind: string; n: number; oldest: number | null; parked: number }>;
  const byKind: Record<string, number> = {};
  let depth = 0;
  let parked = 0;
  let oldestMs: number | null = null;
  for (const row of rows) {
    byKind[row.kind] = row.n;
    depth += row.n;
    parked += row.parked;
    if (row.oldest !== null && (oldestMs === null || row.oldest < oldestMs)) oldestMs = row.oldest;
  }
  return { depth, oldestMs, byKind, parked };
}
