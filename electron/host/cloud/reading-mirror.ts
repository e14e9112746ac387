import type { ScoredReading } from '../../../shared/scoring';
import type { SqliteDatabase } from '../store/database';
import type { PlainItem } from './attribute-values';
import { BATCH_LIMIT, chunk } from './batch-writer';
import { addPut } from './cloud-outbox';
import type { ConsoleIdentity } from './table-items';
import { deviceStateRecord, rawDataRecord } from './table-items';

// Mirroring for sites where this console is the only ingestion point (the roadmap's edge role):
// every scored reading to RawData, and each device's state to DeviceState — at once when its risk
// level changes, else at most every `stateEveryMs`; a state held back by that limit is written
// when the limit has passed, so the cloud always ends with a device's newest state.
//
// Readings are observed as ingest scores them, before their own commit, and the outbox rows are
// queued in the same turn of the event loop: the store's writer commits queued work before queued
// readings, so a reading is never stored without its mirror entry. (A crash between the two leaves
// an entry whose reading the broker redelivers; sending it twice puts the same item twice.)

export interface MirrorOptions {
  readonly readings: boolean;
  readonly deviceState: boolean;
  readonly stateEveryMs: number;
  readonly console: ConsoleIdentity;
  readonly write: <T>(work: (db: SqliteDatabase) => T) => Promise<T>;
  /** The device's running count of alarm bits (the seed's DeviceState total_alarms). */
  readonly totalAlarms: (deviceId: string) => number;
  readonly now?: () => number;
  /** Entries were committed: time to send. */
  readonly onQueued: () => void;
  readonly onError: (error: Error) => void;
}

interface StateMemo {
  newestTs: number;
  sentAtMs: number;
  level: string;
}

export class ReadingMirror {
  private readonly now: () => number;
  private raw: PlainItem[] = [];
  private readonly state = new Map<string, PlainItem>();
  private readonly memo = new Map<string, StateMemo>();
  /** Newest states held back by the rate limit, written when it allows. */
  private readonly deferred = new Map<string, PlainItem>();
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: MirrorOptions) {
    this.now = options.now ?? Date.now;
    if (options.deviceState) {
      this.timer = setInterval(() => this.releaseDeferred(false), Math.min(options.stateEveryMs, 5_000));
      this.timer.unref();
    }
  }

  get active(): boolean {
    return this.options.readings || this.options.deviceState;
  }

  observe(reading: ScoredReading): void {
    if (!this.active) return;
    const now = this.now();
    if (this.options.readings) this.raw.push(rawDataRecord(reading, this.options.console, now));
    if (this.options.deviceState) {
      const due = this.stateDue(reading, now);
      if (due !== null) {
        const record = deviceStateRecord(reading, this.options.totalAlarms(reading.device_id), this.options.console, now);
        if (due) {
          this.state.set(reading.device_id, record);
          this.deferred.delete(reading.device_id);
        } else this.deferred.set(reading.device_id, record);
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (!this.scheduled && (this.raw.length > 0 || this.state.size > 0)) {
      this.scheduled = true;
      // A microtask runs before the writer's next turn (a setImmediate), so the entries of the
      // readings ingest just queued are committed in that turn, ahead of the readings themselves.
      queueMicrotask(() => this.flush());
    }
  }

  /** Held-back states whose limit has passed (or all of them) go out now. */
  private releaseDeferred(all: boolean): void {
    const now = this.now();
    for (const [id, record] of this.deferred) {
      const memo = this.memo.get(id);
      if (!all && memo && now - memo.sentAtMs < this.options.stateEveryMs) continue;
      if (memo) memo.sentAtMs = now;
      this.state.set(id, record);
      this.deferred.delete(id);
    }
    this.schedule();
  }

  /**
   * true: write the state now; false: hold it back (the rate limit); null: not state at all (only a
   * device's newest reading makes its state; a late one is history).
   */
  private stateDue(reading: ScoredReading, now: number): boolean | null {
    const memo = this.memo.get(reading.device_id);
    if (memo && reading.timestamp_ms < memo.newestTs) return null;
    const due = !memo || memo.level !== reading.risk_level || now - memo.sentAtMs >= this.options.stateEveryMs;
    if (!memo) this.memo.set(reading.device_id, { newestTs: reading.timestamp_ms, sentAtMs: now, level: reading.risk_level });
    else {
      memo.newestTs = reading.timestamp_ms;
      if (due) {
        memo.sentAtMs = now;
        memo.level = reading.risk_level;
      }
    }
    return due;
  }

  /** Writes every held-back state and stops the timer (the host is stopping). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush(true);
  }

  /** Queues what was observed as outbox entries of up to 25 items each (`all`: held-back states too). */
  flush(all = false): void {
    if (all) {
      for (const [id, record] of this.deferred) this.state.set(id, record);
      this.deferred.clear();
    }
    this.scheduled = false;
    if (this.raw.length === 0 && this.state.size === 0) return;
    const raw = chunk(this.raw, BATCH_LIMIT);
    const state = chunk([...this.state.values()], BATCH_LIMIT);
    this.raw = [];
    this.state.clear();
    const at = this.now();
    this.options
      .write((db) => {
        for (const items of raw) addPut(db, 'raw_data', items, at);
        for (const items of state) addPut(db, 'device_state', items, at);
      })
      .then(
        () => this.options.onQueued(),
        (error: unknown) => this.options.onError(error instanceof Error ? error : new Error(String(error))),
      );
  }
}

