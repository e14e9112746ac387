import type { ScoredReading } from '../../../shared/scoring';
import type { SqliteDatabase } from './database';
import type { DeviceMemo } from './device-book';
import { DeviceBook, Staging } from './device-book';
import type { ApplyOutcome } from './reading-applier';
import { ReadingApplier } from './reading-applier';
import type { StoredEvent } from './events-table';
import { EventsTable } from './events-table';
import type { StoredQuarantine } from './quarantine-table';
import { QuarantineTable } from './quarantine-table';

// The database's one writer. Work queues up and is committed in groups: a group starts as soon as
// the previous commit has ended and takes whatever has arrived meanwhile (up to maxGroupRows), so
// under load groups grow and commits stay few, and when idle a single reading commits at once.
// There is no timer: a timer would hold every reading (and its broker acknowledgement) for its
// period, and the broker's small window of unacknowledged messages would throttle ingest to it.
//
// better-sqlite3 is synchronous: a commit runs on this thread, and readings that arrive during it
// wait in the socket buffers and the event loop; `setImmediate` after a commit lets them in before
// the next group is taken.

export interface CommitInfo {
  /** Number of the commit (1, 2, …) since the writer started. */
  readonly group: number;
  /** rows: readings, quarantine, events; work: `run`/`durable` items; maintenance: retention and upkeep. */
  readonly kind: 'rows' | 'work' | 'maintenance';
  /** Rows (readings, quarantined messages, events) and work items committed together. */
  readonly items: number;
  /** synchronous=FULL: on disk, not only safe against a crash of the program. */
  readonly durable: boolean;
  /** Milliseconds the transaction took, from BEGIN to the end of COMMIT. */
  readonly commitMs: number;
}

/** Called once per item, after its transaction committed (error null) or failed. */
export type CommitCallback = (error: Error | null, info: CommitInfo) => void;

export interface WriterStats {
  readonly commits: number;
  readonly readings: number;
  readonly replaced: number;
  readonly duplicates: number;
  readonly failedItems: number;
  readonly pendingItems: number;
  readonly lastCommitMs: number | null;
  readonly lastError: string | null;
}

/** What maintenance work (retention, closing idle minutes) gets inside its transaction. */
export interface WriteContext {
  readonly db: SqliteDatabase;
  readonly staging: Staging;
  readonly readings: ReadingApplier;
}

export interface StoreWriterOptions {
  /** Rows per group at most (default 2000). Work items do not count: they are few and urgent. */
  readonly maxGroupRows?: number;
  readonly onError?: (error: Error, what: string) => void;
  readonly onCommit?: (info: CommitInfo) => void;
  /** Test hook: runs inside every readings group's transaction, just before COMMIT. */
  readonly beforeCommit?: (group: number) => void;
}

export const DEFAULT_MAX_GROUP_ROWS = 2000;

type RowItem = { readonly seq: number } & (
  | { readonly kind: 'reading'; readonly reading: ScoredReading; readonly receivedAtMs: number; readonly flags: number; readonly done: CommitCallback | undefined }
  | { readonly kind: 'quarantine'; readonly message: StoredQuarantine; readonly done: CommitCallback | undefined }
  | { readonly kind: 'event'; readonly event: StoredEvent; readonly recordedAtMs: number; readonly done: CommitCallback | undefined }
);


interface WorkItem {
  readonly seq: number;
  readonly durable: boolean;
  readonly work: (db: SqliteDatabase) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface MaintenanceItem {
  readonly seq: number;
  readonly task: (ctx: WriteContext) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export class StoreWriter {
  readonly book = new DeviceBook();
  readonly readings: ReadingApplier;
  private readonly quarantine: QuarantineTable;
  private readonly events: EventsTable;
  private readonly maxGroupRows: number;
  private readonly options: StoreWriterOptions;
  private readonly inTransaction: (fn: () => void) => void;

  /** Queues, each in the order items were queued; every item is numbered (seq) as it is queued. */
  private rows: RowItem[] = [];
  private rowsHead = 0;
  private work: WorkItem[] = [];
  private maintenance: MaintenanceItem[] = [];
  private waiters: Waiter[] = [];
  private relief: Array<{ readonly atMost: number; readonly resume: () => void }> = [];
  private queued = 0;
  private finished = 0;

  private scheduled = false;
  private closed = false;
  private groups = 0;
  private storedReadings = 0;
  private replacedReadings = 0;
  private duplicateReadings = 0;
  private failedItems = 0;
  private lastCommitMs: number | null = null;
  private lastError: string | null = null;

  constructor(private readonly db: SqliteDatabase, options: StoreWriterOptions = {}) {
    this.options = options;
    this.maxGroupRows = options.maxGroupRows ?? DEFAULT_MAX_GROUP_ROWS;
    this.readings = new ReadingApplier(db);
    this.quarantine = new QuarantineTable(db);
    this.events = new EventsTable(db);
    // Called at top level it is a transaction; called inside one, a savepoint.
    this.inTransaction = db.transaction((fn: () => void) => fn());
    this.readings.load(this.book);
    // Minutes that were open when the process stopped are rebuilt now.
    this.runTransaction(() => {});
  }

  // ---- queueing -------------------------------------------------------------------------------

  /** Queues a scored reading; `done` runs once the transaction holding it has committed (or failed). */
  addReading(reading: ScoredReading, receivedAtMs: number, done?: CommitCallback, flags = 0): void {
    if (this.refuse(done)) return;
    this.pushRow({ kind: 'reading', seq: ++this.queued, reading, receivedAtMs, flags, done });
  }

  addQuarantine(message: StoredQuarantine, done?: CommitCallback): void {
    if (this.refuse(done)) return;
    this.pushRow({ kind: 'quarantine', seq: ++this.queued, message, done });
  }

  addEvent(event: StoredEvent, recordedAtMs: number, done?: CommitCallback): void {
    if (this.refuse(done)) return;
    this.pushRow({ kind: 'event', seq: ++this.queued, event, recordedAtMs, done });
  }

  /**
   * Runs `work` in the writer's next transaction and resolves with its result once that has
   * committed. `durable` commits with synchronous=FULL (alarm transitions, operator actions: on
   * disk before they are reported done). Work items are committed ahead of queued readings, each in
   * its own savepoint: one that throws is rolled back alone and rejects; the others commit.
   * `work` must be synchronous and touch only the database.
   */
  run<T>(work: (db: SqliteDatabase) => T, options: { readonly durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('the store is closed'));
      this.queued += 1;
      this.work.push({ seq: this.queued, durable: options.durable ?? false, work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** `run` with synchronous=FULL. */
  durable<T>(work: (db: SqliteDatabase) => T): Promise<T> {
    return this.run(work, { durable: true });
  }

  /** Maintenance (retention slices, closing idle minutes): one per turn, in its own transaction. */
  maintain<T>(task: (ctx: WriteContext) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('the store is closed'));
      this.queued += 1;
      this.maintenance.push({ seq: this.queued, task, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued before the call has been committed (or has failed). */
  settled(): Promise<void> {
    const upTo = this.queued;
    if (this.oldestUnfinished() > upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  /** The seq of the oldest item not yet committed or failed (Infinity when none). */
  private oldestUnfinished(): number {
    return Math.min(
      this.rows[this.rowsHead]?.seq ?? Number.POSITIVE_INFINITY,
      this.work[0]?.seq ?? Number.POSITIVE_INFINITY,
      this.maintenance[0]?.seq ?? Number.POSITIVE_INFINITY,
    );
  }

  pending(): number {
    return this.queued - this.finished;
  }

  /** Rows (readings, quarantine entries, events) queued and not yet committed. */
  backlog(): number {
    return this.rows.length - this.rowsHead;
  }

  /**
   * Calls `resume` once the backlog has come down to `atMost` rows (at once if it already has).
   * Ingest uses it to stop reading from the broker while the store catches up.
   */
  whenBacklogAtMost(atMost: number, resume: () => void): void {
    if (this.backlog() <= atMost || this.closed) {
      resume();
      return;
    }
    this.relief.push({ atMost, resume });
  }

  stats(): WriterStats {
    return {
      commits: this.groups,
      readings: this.storedReadings,
      replaced: this.replacedReadings,
      duplicates: this.duplicateReadings,
      failedItems: this.failedItems,
      pendingItems: this.pending(),
      lastCommitMs: this.lastCommitMs,
      lastError: this.lastError,
    };
  }

  /** Commits everything queued, closes every open minute, and refuses further work. */
  close(): void {
    if (this.closed) return;
    while (this.rows.length > this.rowsHead || this.work.length > 0 || this.maintenance.length > 0) this.turn();
    this.closed = true;
    this.wakeRelieved();
    this.runTransaction((staging) => {
      for (const memo of this.book.all()) {
        if (memo.open === null) continue;
        this.readings.closeMinute(staging.edit(memo.deviceId) as DeviceMemo);
      }
    });
  }

  private refuse(done: CommitCallback | undefined): boolean {
    if (!this.closed) return false;
    done?.(new Error('the store is closed'), { group: 0, kind: 'rows', items: 0, durable: false, commitMs: 0 });
    return true;
  }

  private pushRow(item: RowItem): void {
    this.rows.push(item);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.turn();
      if (this.rows.length > this.rowsHead || this.work.length > 0 || this.maintenance.length > 0) this.schedule();
    });
  }

  // ---- one turn: the work group, the readings group, one maintenance step ------------------------

  private turn(): void {
    if (this.work.length > 0) this.commitWork(this.work.splice(0));
    if (this.rows.length > this.rowsHead) this.commitRows(this.takeRows());
    const step = this.maintenance.shift();
    if (step) this.commitMaintenance(step);
    this.wakeWaiters();
    this.wakeRelieved();
  }

  private wakeRelieved(): void {
    if (this.relief.length === 0) return;
    // Once closed nothing more will commit: let everyone go (their rows are refused with an error).
    const backlog = this.closed ? 0 : this.backlog();
    const due = this.relief.filter((r) => backlog <= r.atMost);
    if (due.length === 0) return;
    this.relief = this.relief.filter((r) => backlog > r.atMost);
    for (const r of due) r.resume();
  }

  private takeRows(): RowItem[] {
    const end = Math.min(this.rows.length, this.rowsHead + this.maxGroupRows);
    const group = this.rows.slice(this.rowsHead, end);
    this.rowsHead = end;
    if (this.rowsHead === this.rows.length) {
      this.rows = [];
      this.rowsHead = 0;
    } else if (this.rowsHead > 65_536) {
      this.rows = this.rows.slice(this.rowsHead);
      this.rowsHead = 0;
    }
    return group;
  }

  /**
   * BEGIN … COMMIT around `body`. Lost minutes are rebuilt first; device_state is written last for
   * every device the transaction touched. If it rolls back, those devices are reloaded from the
   * database, so memory never holds what the database does not.
   */
  private runTransaction(body: (staging: Staging) => void, durable = false): number {
    const started = performance.now();
    const staging = new Staging(this.book);
    if (durable) this.db.pragma('synchronous = FULL');
    try {
      this.inTransaction(() => {
        this.readings.reopenMinutes(staging, this.book);
        body(staging);
        this.readings.finish(staging, this.book);
      });
    } catch (error) {
      staging.forgetCreated();
      this.readings.reload(this.book, staging.touched());
      throw error;
    } finally {
      if (durable) this.db.pragma('synchronous = NORMAL');
    }
    return performance.now() - started;
  }

  private commitRows(items: RowItem[]): void {
    const group = this.groups + 1;
    const outcomes: Array<ApplyOutcome | Error | null> = new Array<ApplyOutcome | Error | null>(items.length).fill(null);
    let commitMs: number;
    try {
      // The common case: everything in one go.
      commitMs = this.runTransaction((staging) => {
        for (let i = 0; i < items.length; i++) outcomes[i] = this.applyRow(staging, items[i] as RowItem);
        this.options.beforeCommit?.(group);
      });
    } catch (firstError) {
      // Something failed and everything was rolled back: again, each item in a savepoint, so that
      // one bad item fails alone. If the commit itself fails (disk full, I/O), every item fails.
      this.report(asError(firstError), 'a group of readings failed; retrying item by item');
      try {
        commitMs = this.runTransaction((staging) => {
          for (let i = 0; i < items.length; i++) {
            const child = staging.child();
            try {
              let outcome: ApplyOutcome | null = null;
              this.inTransaction(() => {
                outcome = this.applyRow(child, items[i] as RowItem);
              });
              child.mergeIntoParent();
              outcomes[i] = outcome;
            } catch (error) {
              child.undo();
              outcomes[i] = asError(error);
            }
          }
          this.options.beforeCommit?.(group);
        });
      } catch (commitError) {
        const error = asError(commitError);
        this.report(error, 'a group of readings could not be committed');
        outcomes.fill(error);
        commitMs = 0;
      }
    }
    const committed = outcomes.some((o) => !(o instanceof Error));
    if (committed) this.groups = group;
    const info: CommitInfo = { group: committed ? group : this.groups, kind: 'rows', items: items.length, durable: false, commitMs };
    if (committed) {
      this.lastCommitMs = commitMs;
      this.options.onCommit?.(info);
    }
    for (let i = 0; i < items.length; i++) {
      const outcome = outcomes[i];
      const item = items[i] as RowItem;
      if (outcome instanceof Error) {
        this.failedItems += 1;
        this.lastError = outcome.message;
      } else if (item.kind === 'reading') {
        if (outcome === 'stored') this.storedReadings += 1;
        else if (outcome === 'replaced') this.replacedReadings += 1;
        else if (outcome === 'duplicate') this.duplicateReadings += 1;
      }
      this.finished += 1;
      this.callBack(item.done, outcome instanceof Error ? outcome : null, info);
    }
    if (!outcomes.some((o) => o instanceof Error)) this.lastError = null;
  }

  private applyRow(staging: Staging, item: RowItem): ApplyOutcome | null {
    switch (item.kind) {
      case 'reading':
        return this.readings.apply(staging, item.reading, item.receivedAtMs, item.flags);
      case 'quarantine':
        this.quarantine.insert(item.message);
        return null;
      case 'event':
        this.events.insert(item.event, item.recordedAtMs);
        return null;
    }
  }

  private commitWork(items: WorkItem[]): void {
    const durable = items.some((w) => w.durable);
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: Error }> = [];
    let commitMs = 0;
    try {
      commitMs = this.runTransaction(() => {
        for (const item of items) {
          try {
            let value: unknown;
            this.inTransaction(() => {
              value = item.work(this.db);
            });
            results.push({ ok: true, value });
          } catch (error) {
            results.push({ ok: false, error: asError(error) });
          }
        }
      }, durable);
    } catch (commitError) {
      const error = asError(commitError);
      this.report(error, 'work could not be committed');
      results.length = 0;
      for (let i = 0; i < items.length; i++) results.push({ ok: false, error });
    }
    if (results.some((r) => r.ok)) {
      this.groups += 1;
      this.lastCommitMs = commitMs;
      this.options.onCommit?.({ group: this.groups, kind: 'work', items: items.length, durable, commitMs });
    }
    items.forEach((item, i) => {
      const result = results[i] as (typeof results)[number];
      this.finished += 1;
      if (result.ok) item.resolve(result.value);
      else {
        this.failedItems += 1;
        this.lastError = result.error.message;
        item.reject(result.error);
      }
    });
  }

  private commitMaintenance(item: MaintenanceItem): void {
    let value: unknown;
    try {
      const commitMs = this.runTransaction((staging) => {
        value = item.task({ db: this.db, staging, readings: this.readings });
      });
      this.groups += 1;
      this.lastCommitMs = commitMs;
      this.options.onCommit?.({ group: this.groups, kind: 'maintenance', items: 1, durable: false, commitMs });
    } catch (error) {
      this.finished += 1;
      this.report(asError(error), 'maintenance failed');
      item.reject(asError(error));
      return;
    }
    this.finished += 1;
    item.resolve(value);
  }

  private callBack(done: CommitCallback | undefined, error: Error | null, info: CommitInfo): void {
    if (!done) return;
    try {
      done(error, info);
    } catch (callbackError) {
      // A caller's bug must not stop the other items' callbacks.
      this.report(asError(callbackError), 'a commit callback threw');
    }
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const oldest = this.oldestUnfinished();
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (oldest > waiter.upTo) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private report(error: Error, what: string): void {
    this.lastError = error.message;
    this.options.onError?.(error, what);
  }
}
