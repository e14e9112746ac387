import type { DeviceHistoryResponse, TimeseriesPoint } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';
import { formatIsoMillis } from '../../../shared/scoring';
import type { SqliteDatabase } from './database';
import { EventsTable } from './events-table';
import type { HistoryRange } from './history-queries';
import { HistoryQueries } from './history-queries';
import type { StoredQuarantine } from './quarantine-table';
import { QuarantineTable } from './quarantine-table';
import type { RestoreReport, RestoreTargets } from './restore';
import { replayRecent, restoreFromStore } from './restore';
import type { RetentionPolicy, RetentionStatus } from './retention';
import { DEFAULT_RETENTION, RetentionSweeper } from './retention';
import { databaseBytes } from './store-stats';
import type { StoreWriterOptions, WriterStats } from './store-writer';
import { StoreWriter } from './store-writer';

// The local store as the host uses it: the one writer, the reads the screens need, retention, and
// restore on start, over the one database of the data directory.

export interface LocalStoreOptions {
  readonly retention?: RetentionPolicy;
  readonly writer?: StoreWriterOptions;
  readonly now?: () => number;
}

/** `/api/health` → store: the three seed-era fields, and what the store adds. */
export interface StoreHealth {
  readonly db_bytes: number;
  readonly readings: number;
  readonly oldest_reading: string | null;
  readonly used_bytes: number;
  readonly size_cap_bytes: number;
  /** True when the size cap, not the retention period, decides how far back raw readings go. */
  readonly size_capped: boolean;
  readonly pending_writes: number;
  readonly last_commit_ms: number | null;
  /** The last write failure, until a later commit succeeds; null when writes are fine. */
  readonly write_error: string | null;
}

export interface MaintenanceTimers {
  /** How often a retention sweep starts (default every 10 minutes; also once soon after start). */
  readonly retentionEveryMs?: number;
  /** A device silent this long (console clock) has its open minute written (default 2 minutes). */
  readonly idleMinuteMs?: number;
  readonly onError?: (error: Error) => void;
}

const OLDEST_CACHE_MS = 10_000;
/** Retention sweeps: the first this soon after start, then on this period (health shows the next). */
export const FIRST_SWEEP_AFTER_MS = 5_000;
export const RETENTION_EVERY_MS = 600_000;

export class LocalStore {
  readonly writer: StoreWriter;
  readonly queries: HistoryQueries;
  private readonly quarantineTable: QuarantineTable;
  readonly events: EventsTable;
  readonly retention: RetentionSweeper;
  private readonly now: () => number;
  private readonly oldestOf;
  private oldestCache: { atMs: number; sweeps: number; value: number | null } | null = null;
  private closed = false;

  constructor(
    readonly db: SqliteDatabase,
    private readonly file: string,
    options: LocalStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    // better-sqlite3 cannot step a statement while another writes on the same connection; the
    // writer runs between reads on this one thread, so reads and writes never overlap.
    this.writer = new StoreWriter(db, options.writer);
    this.queries = new HistoryQueries(db, this.writer.book);
    this.quarantineTable = new QuarantineTable(db);
    this.events = new EventsTable(db);
    this.retention = new RetentionSweeper(db, this.writer, options.retention ?? DEFAULT_RETENTION, this.now);
    this.oldestOf = db.prepare('SELECT min(ts) FROM readings WHERE device_key = ?').pluck();
  }

  /** Puts the stored state back: into the scoring engine (each device's last hour) and the fleet. */
  restore(targets: RestoreTargets): RestoreReport {
    return restoreFromStore(this.db, this.writer.book, targets);
  }

  // ---- the reads the service layer serves (console-service's ServiceStore) ----

  newestTs(deviceId: string): number | null {
    return this.queries.newestTs(deviceId);
  }

  history(deviceId: string, range: HistoryRange): DeviceHistoryResponse | null {
    return this.queries.history(deviceId, range);
  }

  recentPoints(deviceId: string, limit: number): ReadonlyArray<TimeseriesPoint> {
    return this.queries.recentPoints(deviceId, limit);
  }

  /** Quarantined messages, newest first (committed ones: a message joins within a commit). */
  quarantine(limit: number): ReadonlyArray<StoredQuarantine> {
    return this.quarantineTable.list(limit);
  }

  /** Stored readings of the recent past, to rebuild state from (see `replayRecent` in restore.ts). */
  replayRecent(windowMs: number, order: 'device' | 'time', visit: (reading: ScoredReading, receivedAtMs: number) => void): number {
    return replayRecent(this.db, this.writer.book, windowMs, order, visit);
  }

  /** Raw readings stored now, over all devices. */
  storedReadings(): number {
    let n = 0;
    for (const memo of this.writer.book.all()) n += memo.stored;
    return n;
  }

  /** Event time of the oldest stored raw reading (cached for a few seconds: it costs a seek per device). */
  oldestReadingMs(): number | null {
    const now = this.now();
    const sweeps = this.retention.sweepsDone();
    const cached = this.oldestCache;
    if (cached && cached.sweeps === sweeps && now - cached.atMs < OLDEST_CACHE_MS) return cached.value;
    let oldest: number | null = null;
    for (const memo of this.writer.book.all()) {
      const ts = this.oldestOf.get(memo.key) as number | null;
      if (ts !== null && (oldest === null || ts < oldest)) oldest = ts;
    }
    this.oldestCache = { atMs: now, sweeps, value: oldest };
    return oldest;
  }

  health(): StoreHealth {
    const writer: WriterStats = this.writer.stats();
    const retention: RetentionStatus = this.retention.status();
    const oldest = this.oldestReadingMs();
    return {
      db_bytes: databaseBytes(this.file),
      readings: this.storedReadings(),
      oldest_reading: oldest === null ? null : formatIsoMillis(oldest),
      used_bytes: retention.usedBytes,
      size_cap_bytes: retention.sizeCapBytes,
      size_capped: retention.sizeCapped,
      pending_writes: writer.pendingItems,
      last_commit_ms: writer.lastCommitMs,
      write_error: writer.lastError,
    };
  }

  /** Writes the open minute of every device silent for `idleMs`, so its roll-up is complete on disk. */
  closeIdleMinutes(idleMs: number): Promise<number> {
    const cutoff = this.now() - idleMs;
    return this.writer.maintain((ctx) => {
      let closed = 0;
      for (const seen of this.writer.book.all()) {
        if (seen.open === null || seen.lastSeenMs > cutoff) continue;
        const memo = ctx.staging.edit(seen.deviceId);
        if (!memo) continue;
        ctx.readings.closeMinute(memo);
        closed += 1;
      }
      return closed;
    });
  }

  /** Keeps the settings in effect, when they differ from the last ones recorded. */
  recordSettings(settings: unknown, source: string): Promise<boolean> {
    const text = JSON.stringify(settings);
    return this.writer.run((db) => {
      const last = db.prepare('SELECT settings FROM settings_history ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
      if (last === text) return false;
      db.prepare('INSERT INTO settings_history(at, source, settings) VALUES (?, ?, ?)').run(this.now(), source, text);
      return true;
    });
  }

  /** Starts the background upkeep; returns the function that stops it. */
  startMaintenance(timers: MaintenanceTimers = {}): () => void {
    const report = (error: unknown): void => timers.onError?.(error instanceof Error ? error : new Error(String(error)));
    const sweep = (): void => {
      if (!this.closed) this.retention.sweep().catch(report);
    };
    const idleMs = timers.idleMinuteMs ?? 120_000;
    const first = setTimeout(sweep, FIRST_SWEEP_AFTER_MS);
    const sweeping = setInterval(sweep, timers.retentionEveryMs ?? RETENTION_EVERY_MS);
    const closing = setInterval(() => {
      if (!this.closed) this.closeIdleMinutes(idleMs).catch(report);
    }, Math.max(1_000, idleMs / 2));
    for (const timer of [first, sweeping, closing]) timer.unref();
    return () => {
      clearTimeout(first);
      clearInterval(sweeping);
      clearInterval(closing);
    };
  }

  /** Commits what is queued and writes every open minute; the caller closes the database after. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.writer.close();
  }
}
