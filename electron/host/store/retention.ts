import type { SqliteDatabase } from './database';
import type { DeviceMemo } from './device-book';
import { MINUTE_MS, minuteOf } from './minute-rollup';
import type { StoreWriter, WriteContext } from './store-writer';

// Expiry in small slices. Each slice is one short transaction of the writer, queued behind the
// readings like any other work, deleting at most SLICE_ROWS rows: a sweep of millions of rows never
// holds the writer for longer than a small group of readings does.
//
// Raw readings and roll-ups are deleted per device over their (device_key, time) index, up to a
// cutoff on a minute boundary, so a minute is either wholly kept or wholly gone. A device's newest
// minute is never expired: the newest reading is its state for the console, whatever its age.

export const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  readonly rawDays: number;
  readonly rollupDays: number;
  readonly eventsDays: number;
  readonly quarantineDays: number;
  /** The database may not use more than this; the oldest raw readings go first. */
  readonly sizeCapBytes: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  rawDays: 7,
  rollupDays: 400,
  eventsDays: 30,
  quarantineDays: 30,
  sizeCapBytes: 20 * 1000 ** 3,
};

/** The policy from settings.json's `storage` section. */
export function retentionFromSettings(storage: {
  readonly raw_days: number;
  readonly rollup_days: number;
  readonly events_days: number;
  readonly quarantine_days: number;
  readonly size_cap_gb: number;
}): RetentionPolicy {
  return {
    rawDays: storage.raw_days,
    rollupDays: storage.rollup_days,
    eventsDays: storage.events_days,
    quarantineDays: storage.quarantine_days,
    sizeCapBytes: Math.round(storage.size_cap_gb * 1000 ** 3),
  };
}

/** Rows one slice deletes at most, and devices it looks at at most. */
export const SLICE_ROWS = 2000;
export const SLICE_DEVICES = 256;
/** How much of the oldest raw data the size cap takes per pass. */
const CAP_STEP_MS = 60 * MINUTE_MS;

export interface SweepReport {
  readonly raw: number;
  readonly rollups: number;
  readonly events: number;
  readonly quarantine: number;
  /** Raw readings (and, past those, roll-ups) expired to keep under the size cap. */
  readonly forSize: number;
  readonly slices: number;
}

export interface RetentionStatus {
  readonly sizeCapBytes: number;
  readonly usedBytes: number;
  /** True when the size cap, not the retention period, decided how far back raw readings go. */
  readonly sizeCapped: boolean;
  readonly lastSweepAt: number | null;
  readonly running: boolean;
  readonly expiredForSize: number;
}

/** Bytes the database's pages hold (free pages of deleted rows are reused, so they do not count). */
export function usedBytes(db: SqliteDatabase): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * pageSize;
}

/** Where a per-device deletion stands between slices. */
interface DeviceCursor {
  keys: number[];
  at: number;
}

type Table = 'readings' | 'rollups_1m';

export class RetentionSweeper {
  private readonly deleteReadings;
  private readonly deleteRollups;
  private readonly deleteEvents;
  private readonly deleteQuarantine;
  private readonly oldestOfDevice;
  private readonly oldestRollupOfDevice;
  private running: Promise<SweepReport> | null = null;
  private lastSweepAt: number | null = null;
  private sizeCapped = false;
  private expiredForSize = 0;
  private completed = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: StoreWriter,
    private policy: RetentionPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.deleteReadings = db.prepare(
      'DELETE FROM readings WHERE rowid IN (SELECT rowid FROM readings WHERE device_key = ? AND ts < ? ORDER BY ts LIMIT ?)',
    );
    this.deleteRollups = db.prepare(
      'DELETE FROM rollups_1m WHERE rowid IN (SELECT rowid FROM rollups_1m WHERE device_key = ? AND minute < ? ORDER BY minute LIMIT ?)',
    );
    this.deleteEvents = db.prepare('DELETE FROM analytics_events WHERE id IN (SELECT id FROM analytics_events WHERE at < ? ORDER BY at LIMIT ?)');
    this.deleteQuarantine = db.prepare('DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE received_at < ? ORDER BY received_at LIMIT ?)');
    this.oldestOfDevice = db.prepare('SELECT min(ts) AS ts FROM readings WHERE device_key = ?').pluck();
    this.oldestRollupOfDevice = db.prepare('SELECT min(minute) AS m FROM rollups_1m WHERE device_key = ?').pluck();
  }

  /** Sweeps finished so far: what was read about the oldest data before one is stale after it. */
  sweepsDone(): number {
    return this.completed;
  }

  setPolicy(policy: RetentionPolicy): void {
    this.policy = policy;
  }

  /** The policy in effect: the start's, or the last one a supervisor set from the settings screen. */
  currentPolicy(): RetentionPolicy {
    return this.policy;
  }

  status(): RetentionStatus {
    return {
      sizeCapBytes: this.policy.sizeCapBytes,
      usedBytes: usedBytes(this.db),
      sizeCapped: this.sizeCapped,
      lastSweepAt: this.lastSweepAt,
      running: this.running !== null,
      expiredForSize: this.expiredForSize,
    };
  }

  /** Starts a sweep unless one runs; either way resolves with the running sweep's report. */
  sweep(): Promise<SweepReport> {
    if (!this.running) {
      this.running = this.runSweep().finally(() => {
        this.running = null;
        this.lastSweepAt = this.now();
        this.completed += 1;
      });
    }
    return this.running;
  }

  private async runSweep(): Promise<SweepReport> {
    const now = this.now();
    const p = this.policy;
    let slices = 0;
    const step = async <T>(task: (ctx: WriteContext) => T): Promise<T> => {
      slices += 1;
      return this.writer.maintain(task);
    };
    const raw = await this.expirePerDevice('readings', alignedCutoff(now - p.rawDays * DAY_MS), step);
    const rollups = await this.expirePerDevice('rollups_1m', minuteOf(alignedCutoff(now - p.rollupDays * DAY_MS)), step);
    const events = await this.expireByTime(this.deleteEvents, now - p.eventsDays * DAY_MS, step);
    const quarantine = await this.expireByTime(this.deleteQuarantine, now - p.quarantineDays * DAY_MS, step);
    const forSize = await this.enforceSizeCap(step);
    return { raw, rollups, events, quarantine, forSize, slices };
  }

  /** Deletes, device by device, rows older than `cutoff` (ts for readings, minute for roll-ups). */
  private async expirePerDevice(
    table: Table,
    cutoff: number,
    step: <T>(task: (ctx: WriteContext) => T) => Promise<T>,
  ): Promise<number> {
    const cursor: DeviceCursor = { keys: [...this.writer.book.all()].map((m) => m.key).sort((a, b) => a - b), at: 0 };
    let total = 0;
    while (cursor.at < cursor.keys.length) {
      total += await step((ctx) => this.sliceOfDevices(ctx, table, cutoff, cursor));
    }
    return total;
  }

  private sliceOfDevices(ctx: WriteContext, table: Table, cutoff: number, cursor: DeviceCursor): number {
    let budget = SLICE_ROWS;
    let visited = 0;
    while (cursor.at < cursor.keys.length && budget > 0 && visited < SLICE_DEVICES) {
      const key = cursor.keys[cursor.at] as number;
      const seen = this.writer.book.byDeviceKey(key);
      visited += 1;
      if (!seen) {
        cursor.at += 1;
        continue;
      }
      const bound = Math.min(cutoff, protectedFrom(seen, table));
      const deleted = table === 'readings'
        ? this.deleteReadings.run(key, bound, budget).changes
        : this.deleteRollups.run(key, bound, budget).changes;
      if (deleted > 0 && table === 'readings') {
        const memo = ctx.staging.edit(seen.deviceId) as DeviceMemo;
        memo.stored -= deleted;
      }
      budget -= deleted;
      // A device with more to delete than the budget is taken up again by the next slice.
      if (budget > 0) cursor.at += 1;
    }
    return SLICE_ROWS - budget;
  }

  private async expireByTime(
    statement: { run(cutoff: number, limit: number): { changes: number } },
    cutoff: number,
    step: <T>(task: (ctx: WriteContext) => T) => Promise<T>,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await step(() => statement.run(cutoff, SLICE_ROWS).changes);
      total += deleted;
      if (deleted < SLICE_ROWS) return total;
    }
  }

  /** Over the cap: the oldest hour of raw readings goes, then the next, until the data fits. */
  private async enforceSizeCap(step: <T>(task: (ctx: WriteContext) => T) => Promise<T>): Promise<number> {
    let total = 0;
    let capped = false;
    for (;;) {
      if (usedBytes(this.db) <= this.policy.sizeCapBytes) break;
      const oldestRaw = this.oldest('readings');
      if (oldestRaw !== null) {
        const deleted = await this.expirePerDevice('readings', alignedCutoff(oldestRaw + CAP_STEP_MS), step);
        capped = true;
        total += deleted;
        if (deleted > 0) continue;
      }
      // Only each device's newest minute of raw data is left: the oldest roll-ups go next.
      const oldestMinute = this.oldest('rollups_1m');
      if (oldestMinute === null) break;
      const deleted = await this.expirePerDevice('rollups_1m', oldestMinute + CAP_STEP_MS / MINUTE_MS, step);
      capped = true;
      total += deleted;
      if (deleted === 0) break;
    }
    this.sizeCapped = capped;
    this.expiredForSize += total;
    return total;
  }

  /** The oldest time (ms) of raw readings, or minute of roll-ups, that expiry may take. */
  private oldest(table: Table): number | null {
    let oldest: number | null = null;
    for (const memo of this.writer.book.all()) {
      const value = (table === 'readings' ? this.oldestOfDevice.get(memo.key) : this.oldestRollupOfDevice.get(memo.key)) as number | null;
      if (value === null || value >= protectedFrom(memo, table)) continue;
      if (oldest === null || value < oldest) oldest = value;
    }
    return oldest;
  }
}

/** Retention cutoffs fall on minute boundaries, so no minute is left half expired. */
function alignedCutoff(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** A device's newest minute (and the minute still open in memory) is never expired. */
function protectedFrom(memo: DeviceMemo, table: Table): number {
  let minute = minuteOf(memo.newestTs);
  if (memo.open !== null && memo.open.minute < minute) minute = memo.open.minute;
  return table === 'readings' ? minute * MINUTE_MS : minute;
}
