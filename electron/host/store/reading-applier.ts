import type { ScoredReading } from '../../../shared/scoring';
import { parseStatusBits } from '../../../shared/scoring';
import { learnPeriod } from '../fleet/liveness';
import type { SqliteDatabase } from './database';
import type { DeviceBook, DeviceMemo, Staging } from './device-book';
import type { MinuteAggregate } from './minute-rollup';
import {
  MERGE_ROLLUP_SQL,
  MINUTE_MS,
  REPLACE_ROLLUP_SQL,
  addToAggregate,
  aggregateParams,
  emptyAggregate,
  minuteOf,
} from './minute-rollup';
import type { ReadingRow } from './reading-codec';
import { READING_COLUMNS, READING_SELECT, decodeReading, readingParams, riskLevelCode, rowEquals, runWithReading } from './reading-codec';

export type ApplyOutcome = 'stored' | 'replaced' | 'duplicate';

interface DeviceStateRow {
  readonly device_key: number;
  readonly device_id: string;
  readonly first_seen: number;
  readonly last_seen: number;
  readonly period_ms: number | null;
  readonly newest_ts: number;
  readonly readings: number;
  readonly stored: number;
  readonly total_alarms: number;
  readonly open_minute: number | null;
  readonly risk_level: number;
  readonly risk_score: number | null;
  readonly last_temperature: number;
  readonly last_arc_count: number;
  readonly last_status_bits: number;
  readonly last_idx: number;
}

/** A device's memo as its device_state row has it (no minute open in memory: a lost one is rebuilt). */
function committedState(r: DeviceStateRow): Omit<DeviceMemo, 'deviceId' | 'key'> {
  return {
    firstSeenMs: r.first_seen,
    lastSeenMs: r.last_seen,
    periodMs: r.period_ms,
    newestTs: r.newest_ts,
    riskLevel: r.risk_level,
    riskScore: r.risk_score ?? Number.NaN,
    lastTemperature: r.last_temperature,
    lastArcCount: r.last_arc_count,
    lastStatusBits: r.last_status_bits,
    lastIdx: r.last_idx,
    readings: r.readings,
    stored: r.stored,
    totalAlarms: r.total_alarms,
    open: null,
    lostMinute: r.open_minute,
  };
}

/**
 * Writes scored readings inside the writer's transactions: the raw row (a redelivery replaces the
 * row it repeats), the minute roll-up and the device state. All state it keeps between readings is
 * staged, so a transaction that rolls back leaves memory as it left the database.
 */
export class ReadingApplier {
  private readonly insertReading;
  private readonly selectReading;
  private readonly updateReading;
  private readonly insertKey;
  private readonly mergeRollup;
  private readonly replaceRollup;
  private readonly selectMinute;
  private readonly deleteRollup;
  private readonly upsertState;
  private readonly selectState;

  constructor(private readonly db: SqliteDatabase) {
    const placeholders = READING_COLUMNS.map(() => '?').join(', ');
    this.insertReading = db.prepare(`INSERT INTO readings (${READING_SELECT}) VALUES (${placeholders}) ON CONFLICT(device_key, ts) DO NOTHING`);
    this.selectReading = db.prepare(`SELECT ${READING_SELECT} FROM readings WHERE device_key = ? AND ts = ?`);
    const updatable = READING_COLUMNS.filter((c) => c !== 'device_key' && c !== 'ts');
    this.updateReading = db.prepare(`UPDATE readings SET ${updatable.map((c) => `${c} = ?`).join(', ')} WHERE device_key = ? AND ts = ?`);
    this.insertKey = db.prepare('INSERT INTO device_keys(device_key, device_id) VALUES (?, ?)');
    this.mergeRollup = db.prepare(MERGE_ROLLUP_SQL);
    this.replaceRollup = db.prepare(REPLACE_ROLLUP_SQL);
    this.deleteRollup = db.prepare('DELETE FROM rollups_1m WHERE device_key = ? AND minute = ?');
    this.selectMinute = db.prepare(`SELECT ${READING_SELECT} FROM readings WHERE device_key = ? AND ts >= ? AND ts < ? ORDER BY ts`);
    this.selectState = db.prepare('SELECT * FROM device_state WHERE device_key = ?');
    this.upsertState = db.prepare(`
      INSERT INTO device_state (device_key, first_seen, last_seen, period_ms, newest_ts, readings, stored, total_alarms,
        open_minute, risk_level, risk_score, last_temperature, last_arc_count, last_status_bits, last_idx)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(device_key) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen,
        period_ms = excluded.period_ms, newest_ts = excluded.newest_ts, readings = excluded.readings, stored = excluded.stored,
        total_alarms = excluded.total_alarms, open_minute = excluded.open_minute, risk_level = excluded.risk_level,
        risk_score = excluded.risk_score, last_temperature = excluded.last_temperature, last_arc_count = excluded.last_arc_count,
        last_status_bits = excluded.last_status_bits, last_idx = excluded.last_idx`);
  }

  /** Loads every device's committed state into the book (at open). */
  load(book: DeviceBook): void {
    const maxKey = this.db.prepare('SELECT max(device_key) AS k FROM device_keys').get() as { k: number | null };
    if (maxKey.k !== null) book.reserveKeysAbove(maxKey.k);
    const rows = this.db
      .prepare('SELECT k.device_id, s.* FROM device_state s JOIN device_keys k ON k.device_key = s.device_key')
      .all() as DeviceStateRow[];
    for (const r of rows) {
      book.put({ deviceId: r.device_id, key: r.device_key, ...committedState(r) });
      if (r.open_minute !== null) book.markLost(r.device_id);
    }
  }

  /**
   * After a transaction rolled back: the devices it touched go back to their committed state, and
   * the minute each had open is rebuilt from raw by the next transaction (`reopenMinutes`).
   */
  reload(book: DeviceBook, deviceIds: Iterable<string>): void {
    for (const id of deviceIds) {
      const memo = book.get(id);
      if (!memo) continue;
      const r = this.selectState.get(memo.key) as DeviceStateRow | undefined;
      if (!r) {
        book.remove(id);
        continue;
      }
      Object.assign(memo, committedState(r));
      if (r.open_minute !== null) book.markLost(id);
    }
  }

  /**
   * After a crash the open minutes' deltas were lost with the process; the raw rows were not.
   * Rewrites each such minute from raw. Runs inside a transaction of the caller.
   */
  reopenMinutes(staging: Staging, book: DeviceBook): number {
    let rebuilt = 0;
    for (const id of book.takeLost()) {
      const memo = staging.edit(id);
      if (!memo || memo.lostMinute === null) continue;
      this.rewriteMinute(memo, memo.lostMinute);
      memo.lostMinute = null;
      rebuilt += 1;
    }
    return rebuilt;
  }

  apply(staging: Staging, reading: ScoredReading, receivedAtMs: number, flags: number): ApplyOutcome {
    let memo = staging.edit(reading.device_id);
    if (!memo) {
      const key = staging.takeKey();
      this.insertKey.run(key, reading.device_id);
      memo = {
        deviceId: reading.device_id,
        key,
        firstSeenMs: receivedAtMs,
        lastSeenMs: receivedAtMs,
        periodMs: null,
        newestTs: reading.timestamp_ms,
        riskLevel: 0,
        riskScore: 0,
        lastTemperature: 0,
        lastArcCount: 0,
        lastStatusBits: 0,
        lastIdx: 0,
        readings: 0,
        stored: 0,
        totalAlarms: 0,
        open: null,
        lostMinute: null,
      };
      staging.add(memo);
    } else {
      // The fleet view's liveness: learned from arrival gaps on the console's clock.
      memo.periodMs = learnPeriod(memo.periodMs, receivedAtMs - memo.lastSeenMs);
      memo.lastSeenMs = receivedAtMs;
    }

    let outcome: ApplyOutcome;
    if (runWithReading(this.insertReading, memo.key, reading, receivedAtMs, flags) === 1) {
      outcome = 'stored';
      memo.stored += 1;
      memo.readings += 1;
      memo.totalAlarms += reading.alarm_status.total_alarm_count;
      this.addToRollup(memo, reading);
    } else {
      const params = readingParams(memo.key, reading, receivedAtMs, flags);
      const old = this.selectReading.get(memo.key, reading.timestamp_ms) as ReadingRow;
      // The same reading again (a redelivery) changes nothing but liveness: counters count readings, not deliveries.
      if (rowEquals(old, params)) return 'duplicate';
      outcome = 'replaced';
      this.updateReading.run(...params.slice(2), memo.key, reading.timestamp_ms);
      memo.totalAlarms += reading.alarm_status.total_alarm_count - parseStatusBits(old.status_bits).total_alarm_count;
      // min and max cannot be taken back: the minute is summed again from its raw rows.
      this.rewriteMinute(memo, minuteOf(reading.timestamp_ms));
    }
    if (reading.timestamp_ms >= memo.newestTs) {
      memo.newestTs = reading.timestamp_ms;
      memo.riskLevel = riskLevelCode(reading.risk_level);
      memo.riskScore = reading.risk_score;
      memo.lastTemperature = Math.max(reading.pcb_temperature, reading.sensor_temperature);
      memo.lastArcCount = reading.arc_count;
      memo.lastStatusBits = reading.status_bits;
      memo.lastIdx = reading.idx;
    }
    return outcome;
  }

  private addToRollup(memo: DeviceMemo, reading: ScoredReading): void {
    const minute = minuteOf(reading.timestamp_ms);
    const open = memo.open;
    if (open === null || open.minute === minute) {
      const target = open ?? emptyAggregate(minute);
      addToAggregate(target, reading);
      memo.open = target;
    } else if (minute > open.minute) {
      this.mergeRollup.run(...aggregateParams(memo.key, open));
      const next = emptyAggregate(minute);
      addToAggregate(next, reading);
      memo.open = next;
    } else {
      // A late reading of a minute already written: merged at once.
      const late = emptyAggregate(minute);
      addToAggregate(late, reading);
      this.mergeRollup.run(...aggregateParams(memo.key, late));
    }
  }

  /** Merges a device's open delta into its row and forgets it (an idle device, or closing). */
  closeMinute(memo: DeviceMemo): void {
    if (memo.open === null) return;
    if (memo.open.n > 0) this.mergeRollup.run(...aggregateParams(memo.key, memo.open));
    memo.open = null;
  }

  /** The whole minute from its raw rows. */
  aggregateFromRaw(deviceId: string, deviceKey: number, minute: number): MinuteAggregate {
    const aggregate = emptyAggregate(minute);
    const start = minute * MINUTE_MS;
    for (const row of this.selectMinute.iterate(deviceKey, start, start + MINUTE_MS) as IterableIterator<ReadingRow>) {
      addToAggregate(aggregate, decodeReading(deviceId, row));
    }
    return aggregate;
  }

  private rewriteMinute(memo: DeviceMemo, minute: number): void {
    const full = this.aggregateFromRaw(memo.deviceId, memo.key, minute);
    if (full.n > 0) this.replaceRollup.run(...aggregateParams(memo.key, full));
    else this.deleteRollup.run(memo.key, minute);
    if (memo.open !== null && memo.open.minute === minute) memo.open = null;
  }

  /** Writes device_state for every device this transaction touched. */
  finish(staging: Staging, book: DeviceBook): void {
    for (const memo of staging.touchedMemos()) {
      // A device forgotten within the transaction (never committed) has no state to write.
      if (book.get(memo.deviceId) !== memo) continue;
      this.upsertState.run(
        memo.key, memo.firstSeenMs, memo.lastSeenMs, memo.periodMs, memo.newestTs, memo.readings, memo.stored,
        memo.totalAlarms, memo.open?.minute ?? null, memo.riskLevel, Number.isNaN(memo.riskScore) ? null : memo.riskScore,
        memo.lastTemperature, memo.lastArcCount, memo.lastStatusBits, memo.lastIdx,
      );
    }
  }
}
