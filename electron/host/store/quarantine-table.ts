import type { SqliteDatabase } from './database';

/** A message that could not be scored (the ingest's QuarantinedMessage fits it). */
export interface StoredQuarantine {
  /** Receive time, ISO-8601. */
  readonly received_at: string;
  readonly connection: string;
  readonly topic: string;
  readonly reason: string;
  readonly detail: string;
  readonly payload_preview: string;
}

interface QuarantineRow {
  readonly received_at: number;
  readonly connection: string;
  readonly topic: string;
  readonly reason: string;
  readonly detail: string;
  readonly payload_preview: string;
}

/** Quarantined messages with their reason, kept (30 days by default) so they outlive a restart. */
export class QuarantineTable {
  private readonly insertRow;
  private readonly newest;

  constructor(db: SqliteDatabase) {
    this.insertRow = db.prepare(
      'INSERT INTO quarantine(received_at, connection, topic, reason, detail, payload_preview) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.newest = db.prepare(
      'SELECT received_at, connection, topic, reason, detail, payload_preview FROM quarantine ORDER BY id DESC LIMIT ?',
    );
  }

  insert(message: StoredQuarantine): void {
    const at = Date.parse(message.received_at);
    this.insertRow.run(Number.isFinite(at) ? at : 0, message.connection, message.topic, message.reason, message.detail, message.payload_preview);
  }

  /** Newest first. */
  list(limit: number): ReadonlyArray<StoredQuarantine> {
    return (this.newest.all(limit) as QuarantineRow[]).map((r) => ({ ...r, received_at: new Date(r.received_at).toISOString() }));
  }
}
