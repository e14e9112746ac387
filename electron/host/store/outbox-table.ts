import type { SqliteDatabase } from './database';

/** A write waiting for the cloud: a DynamoDB item, an SNS message, a webhook call. */
export interface OutboxEntry {
  readonly id: number;
  readonly created_at: number;
  readonly kind: string;
  readonly target: string;
  readonly payload: string;
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly last_error: string | null;
}

/**
 * The cloud outbox: entries stay until delivered, so an outage delays them and never loses them.
 * Writes are meant to run through the store's writer (`writer.durable(db => outbox.add(db, …))`).
 */
export const outbox = {
  add(db: SqliteDatabase, kind: string, target: string, payload: string, atMs: number): number {
    const result = db
      .prepare('INSERT INTO cloud_outbox(created_at, kind, target, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?)')
      .run(atMs, kind, target, payload, atMs);
    return Number(result.lastInsertRowid);
  },

  /** Entries due at `nowMs`, oldest first. */
  due(db: SqliteDatabase, nowMs: number, limit: number): ReadonlyArray<OutboxEntry> {
    return db
      .prepare('SELECT * FROM cloud_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?')
      .all(nowMs, limit) as OutboxEntry[];
  },

  delivered(db: SqliteDatabase, id: number): void {
    db.prepare('DELETE FROM cloud_outbox WHERE id = ?').run(id);
  },

  failed(db: SqliteDatabase, id: number, error: string, nextAttemptMs: number): void {
    db.prepare('UPDATE cloud_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptMs, id);
  },

  size(db: SqliteDatabase): number {
    return (db.prepare('SELECT count(*) AS n FROM cloud_outbox').get() as { n: number }).n;
  },
};
