import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { HistoryReading, ScoredReading, ScoringEngine } from '../../../shared/scoring';
import { createScoringEngine, formatIsoMillis } from '../../../shared/scoring';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../store/database';
import { READING_FLAG_CLOUD } from '../store/reading-codec';
import type { StoreWriter } from '../store/store-writer';
import type { PlainValue } from './attribute-values';
import { fromItem } from './attribute-values';
import type { CircuitBreaker } from './circuit-breaker';
import { errorText } from './circuit-breaker';
import { classifyCloudError } from './cloud-errors';
import type { DynamoApi } from './dynamo-client';
import type { TimeRange } from './gaps';
import { findGaps, mergeRanges } from './gaps';
import { messageFromRawRow } from './table-items';

// Filling holes in the local history from the cloud's RawData: after an outage (the console's own
// downtime, or a lost broker connection while the cloud pipeline kept collecting), and when a
// device page opens on a gap. A reading already stored here is never stored again: rows are
// checked against the local readings inside the very transaction that stores the rest, so a live
// reading that arrived meanwhile wins, and the readings table's key (device, timestamp) would refuse
// a second copy anyway.
//
// Rows are scored here, with the device's history around the gap put back into a scoring engine of
// their own first, so a filled reading gets the score an unbroken run would have given it.

export interface BackfillOptions {
  readonly db: SqliteDatabase;
  readonly writer: Pick<StoreWriter, 'maintain' | 'book'>;
  readonly api: Pick<DynamoApi, 'query'>;
  readonly breaker: CircuitBreaker;
  readonly table: string;
  /** The console's scoring settings (the same overrides the live engine runs with). */
  readonly scoring: Readonly<Record<string, unknown>>;
  /** How far back a gap is looked for. */
  readonly windowMs: number;
  readonly log: Logger;
  readonly now?: () => number;
  /** Readings stored by a fill, oldest first (for the alarm system's backlog handling). */
  readonly onFilled?: (deviceId: string, readings: ReadonlyArray<ScoredReading>) => void;
}

export interface BackfillStats {
  readonly filled: number;
  readonly queued_devices: number;
  readonly last_error: string | null;
}

/** A device page may ask for a gap check this often at most. */
export const OPEN_CHECK_EVERY_MS = 10 * 60_000;
/** Smallest hole worth a query: three reporting periods, and never under this. */
export const MIN_GAP_MS = 30_000;
/** Holes closer than this are read with one query. */
const JOIN_WITHIN_MS = 5 * 60_000;
/** Text timestamps of other writers may lack milliseconds or zone: the query reads a little wider. */
const QUERY_MARGIN_MS = 60_000;
const MAX_RANGES_PER_DEVICE = 24;
const MAX_ROWS_PER_RANGE = 200_000;
const STORE_CHUNK = 1_000;
const RETRY_MS = 30_000;

interface LocalHistoryRow {
  readonly ts: number;
  readonly pcb_temperature: number | null;
  readonly arc_count: number;
  readonly total_risk_score: number | null;
}

export class Backfiller {
  private readonly now: () => number;
  private readonly queue = new Map<string, TimeRange[]>();
  private readonly checkedAt = new Map<string, number>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private filled = 0;
  private lastError: string | null = null;
  private readonly timestampsOf;
  private readonly historyOf;

  constructor(private readonly options: BackfillOptions) {
    this.now = options.now ?? Date.now;
    this.timestampsOf = options.db.prepare('SELECT ts FROM readings WHERE device_key = ? AND ts >= ? AND ts <= ? ORDER BY ts').pluck();
    this.historyOf = options.db.prepare(
      'SELECT ts, pcb_temperature, arc_count, total_risk_score FROM readings WHERE device_key = ? AND ts >= ? AND ts <= ? ORDER BY ts',
    );
  }

  stats(): BackfillStats {
    return { filled: this.filled, queued_devices: this.queue.size, last_error: this.lastError };
  }

  /** Queues a range of one device (joined with what is queued for it already). */
  request(deviceId: string, range: TimeRange): void {
    if (this.stopped || range.toMs <= range.fromMs) return;
    const ranges = mergeRanges([...(this.queue.get(deviceId) ?? []), range], JOIN_WITHIN_MS);
    this.queue.set(deviceId, ranges.slice(-MAX_RANGES_PER_DEVICE));
    this.kick();
  }

  /** A device page opened: fill the holes of its last `windowMs`, at most every 10 minutes per device. */
  deviceOpened(deviceId: string): void {
    const now = this.now();
    const checked = this.checkedAt.get(deviceId);
    if (checked !== undefined && now - checked < OPEN_CHECK_EVERY_MS) return;
    this.checkedAt.set(deviceId, now);
    for (const gap of this.gapsOf(deviceId, now - this.options.windowMs, now)) this.request(deviceId, gap);
  }

  /** The broker connection (or the console) was away from `fromMs` to `toMs`: fill every known device. */
  afterOutage(fromMs: number, toMs: number): void {
    for (const memo of this.options.writer.book.all()) {
      const gaps = this.gapsOf(memo.deviceId, Math.max(fromMs, toMs - this.options.windowMs), toMs);
      for (const gap of gaps) this.request(memo.deviceId, gap);
    }
  }

  /** After a start: each device from its newest stored reading up to now, where that is a hole. */
  afterStart(): void {
    const now = this.now();
    for (const memo of this.options.writer.book.all()) {
      const from = Math.max(memo.newestTs, now - this.options.windowMs);
      if (now - from > this.minGap(memo.periodMs)) this.request(memo.deviceId, { fromMs: from + 1, toMs: now });
    }
  }

  private minGap(periodMs: number | null): number {
    return Math.max(MIN_GAP_MS, 3 * (periodMs ?? 0));
  }

  private gapsOf(deviceId: string, fromMs: number, toMs: number): TimeRange[] {
    const memo = this.options.writer.book.get(deviceId);
    if (!memo) return [{ fromMs, toMs }];
    const stamps = this.timestampsOf.all(memo.key, fromMs, toMs) as number[];
    return mergeRanges(findGaps(stamps, fromMs, toMs, this.minGap(memo.periodMs)), JOIN_WITHIN_MS);
  }

  /** Resolves when everything queued has been tried (tests, shutdown). */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  kick(): void {
    if (this.stopped || this.running || this.queue.size === 0) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.running = this.work().finally(() => {
      this.running = null;
    });
  }

  private wakeLater(): void {
    if (this.stopped || this.timer) return;
    const at = this.options.breaker.retryAt() ?? this.now() + RETRY_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      const next = this.queue.entries().next();
      if (next.done) return;
      const [deviceId, ranges] = next.value;
      this.queue.delete(deviceId);
      const range = ranges[0] as TimeRange;
      try {
        await this.fill(deviceId, range);
        if (ranges.length > 1) this.queue.set(deviceId, ranges.slice(1));
      } catch (error) {
        const kind = classifyCloudError(error);
        if (kind === 'item') {
          // The table refuses the query itself (its key schema differs): retrying cannot help.
          this.lastError = errorText(error);
          this.options.log.warn('cloud backfill: RawData refused the query', { device: deviceId, error: this.lastError });
          continue;
        }
        if (kind === 'endpoint') this.lastError = errorText(error);
        // Put it back (first in line again) and wait for the cloud.
        const rest = this.queue;
        const again = new Map<string, TimeRange[]>([[deviceId, mergeRanges([...ranges, ...(rest.get(deviceId) ?? [])], JOIN_WITHIN_MS)]]);
        for (const [id, r] of rest) if (id !== deviceId) again.set(id, r);
        rest.clear();
        for (const [id, r] of again) rest.set(id, r);
        this.wakeLater();
        return;
      }
    }
  }

  private async fill(deviceId: string, range: TimeRange): Promise<void> {
    const rows = await this.queryRange(deviceId, range);
    if (rows.length === 0 || this.stopped) return;
    const stored = new Set(this.localTimestamps(deviceId, range));
    const byTime = new Map<number, Record<string, unknown>>();
    for (const row of rows) {
      const parsed = messageFromRawRow(row);
      if (!parsed || parsed.timestampMs < range.fromMs || parsed.timestampMs > range.toMs) continue;
      if (stored.has(parsed.timestampMs) || byTime.has(parsed.timestampMs)) continue;
      byTime.set(parsed.timestampMs, parsed.message);
    }
    if (byTime.size === 0) return;
    const readings = this.score(deviceId, byTime);
    let count = 0;
    const kept: ScoredReading[] = [];
    for (let i = 0; i < readings.length; i += STORE_CHUNK) {
      const part = readings.slice(i, i + STORE_CHUNK);
      const storedHere = await this.store(deviceId, part);
      count += storedHere.length;
      kept.push(...storedHere);
    }
    this.filled += count;
    if (count > 0) {
      this.options.log.info('cloud backfill: filled a gap from RawData', {
        device: deviceId,
        from: formatIsoMillis(range.fromMs),
        to: formatIsoMillis(range.toMs),
        readings: count,
      });
      this.options.onFilled?.(deviceId, kept);
    }
  }

  private async queryRange(deviceId: string, range: TimeRange): Promise<Array<{ [key: string]: PlainValue }>> {
    const rows: Array<{ [key: string]: PlainValue }> = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const output = await this.options.api.query({
        TableName: this.options.table,
        KeyConditionExpression: '#d = :d AND #t BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#d': 'device_id', '#t': 'timestamp' },
        ExpressionAttributeValues: {
          ':d': { S: deviceId },
          ':from': { S: formatIsoMillis(Math.max(0, range.fromMs - QUERY_MARGIN_MS)).slice(0, 19) },
          ':to': { S: formatIsoMillis(range.toMs + QUERY_MARGIN_MS) },
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of output.Items ?? []) rows.push(fromItem(item));
      start = output.LastEvaluatedKey;
    } while (start && rows.length < MAX_ROWS_PER_RANGE && !this.stopped);
    return rows;
  }

  private localTimestamps(deviceId: string, range: TimeRange): number[] {
    const memo = this.options.writer.book.get(deviceId);
    return memo ? (this.timestampsOf.all(memo.key, range.fromMs, range.toMs) as number[]) : [];
  }

  /** Scores the rows in time order with the device's local history interleaved, as an unbroken run would have. */
  private score(deviceId: string, byTime: ReadonlyMap<number, Record<string, unknown>>): ScoredReading[] {
    const engine: ScoringEngine = createScoringEngine({ config: this.options.scoring });
    const times = [...byTime.keys()].sort((a, b) => a - b);
    const first = times[0] as number;
    const last = times[times.length - 1] as number;
    const memo = this.options.writer.book.get(deviceId);
    const local = memo ? (this.historyOf.all(memo.key, first - engine.config.history.windowMs, last) as LocalHistoryRow[]) : [];
    const out: ScoredReading[] = [];
    let l = 0;
    for (const ts of times) {
      const before: HistoryReading[] = [];
      while (l < local.length && (local[l] as LocalHistoryRow).ts < ts) {
        const row = local[l] as LocalHistoryRow;
        before.push({ timestamp_ms: row.ts, pcb_temperature: row.pcb_temperature ?? Number.NaN, arc_count: row.arc_count, total_risk_score: row.total_risk_score ?? Number.NaN });
        l += 1;
      }
      if (before.length > 0) engine.restoreHistory(deviceId, before);
      const outcome = engine.scoreMessage(byTime.get(ts));
      if (outcome.ok) out.push(outcome.result);
    }
    return out;
  }

  /** Stores readings not stored yet, in one transaction; returns those it stored. */
  private store(deviceId: string, readings: ReadonlyArray<ScoredReading>): Promise<ScoredReading[]> {
    const receivedAt = this.now();
    return this.options.writer.maintain(({ db, staging, readings: applier }) => {
      const exists = db.prepare('SELECT 1 FROM readings WHERE device_key = ? AND ts = ?').pluck();
      const stored: ScoredReading[] = [];
      // Liveness is for readings received here: a filled reading does not make a device look
      // alive, nor teach it a reporting period. A device the store meets for the first time here
      // is "seen" at its readings' own times.
      let createdHere = false;
      for (const reading of readings) {
        const before = staging.edit(deviceId);
        if (before && exists.get(before.key, reading.timestamp_ms) !== undefined) continue;
        const liveness = before && !createdHere ? { lastSeenMs: before.lastSeenMs, periodMs: before.periodMs, firstSeenMs: before.firstSeenMs } : null;
        if (applier.apply(staging, reading, receivedAt, READING_FLAG_CLOUD) !== 'stored') continue;
        if (!before) createdHere = true;
        const memo = staging.edit(deviceId);
        if (memo && liveness) Object.assign(memo, liveness);
        else if (memo) {
          memo.lastSeenMs = reading.timestamp_ms;
          memo.periodMs = null;
          if (!before) memo.firstSeenMs = reading.timestamp_ms;
        }
        stored.push(reading);
      }
      return stored;
    });
  }
}
