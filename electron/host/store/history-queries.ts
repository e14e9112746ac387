import type { DeviceHistoryResponse, HistoryPoint, TimeseriesPoint } from '../../../shared/protocol';
import { formatIsoMillis } from '../../../shared/scoring';
import type { SqliteDatabase } from './database';
import type { DeviceBook, DeviceMemo } from './device-book';
import { MINUTE_MS, aggregateAsRow } from './minute-rollup';

// The reads the screens need, fast at scale: a device's recent readings, any range of its history
// cut into at most N buckets (from raw readings when a bucket is shorter than a minute, from the
// 1-minute roll-ups otherwise), which makes a day or a month one index range read.

export const DAY_MS = 86_400_000;

export interface HistoryRange {
  readonly fromMs: number;
  /** Exclusive. */
  readonly toMs: number;
  readonly points: number;
}

/** Sums of one bucket, as both the raw and the roll-up queries return them. */
interface BucketRow {
  b: number;
  n: number;
  t_min: number | null;
  t_max: number | null;
  t_sum: number | null;
  r_max: number | null;
  r_sum: number | null;
  r_n: number;
  arcs: number;
  v_min: number | null;
  v_max: number | null;
  v_sum: number | null;
  c_min: number | null;
  c_max: number | null;
  c_sum: number | null;
  l_max: number | null;
  l_sum: number | null;
  /** The device page's other measures: PCB and sensor temperature, CO, VOC (max and sum), power factor (min and sum). */
  pcb_max: number | null;
  pcb_sum: number | null;
  sen_max: number | null;
  sen_sum: number | null;
  co_max: number | null;
  co_sum: number | null;
  voc_max: number | null;
  voc_sum: number | null;
  pf_min: number | null;
  pf_sum: number | null;
}

const TEMPERATURE = 'max(pcb_temperature, sensor_temperature)';
// better-sqlite3 binds JS numbers as REAL: the bucket number is cast back to a whole number.

/** A measure bucketed for the charts: its column in raw readings, its columns' stem in roll-ups. */
interface BucketMeasure {
  readonly alias: string;
  readonly raw: string;
  readonly rollup: string;
  readonly take: ReadonlyArray<'min' | 'max' | 'sum'>;
}

const BUCKET_MEASURES: ReadonlyArray<BucketMeasure> = [
  { alias: 't', raw: TEMPERATURE, rollup: 'temperature', take: ['min', 'max', 'sum'] },
  { alias: 'r', raw: 'risk_score', rollup: 'risk', take: ['max', 'sum'] },
  { alias: 'v', raw: 'voltage', rollup: 'voltage', take: ['min', 'max', 'sum'] },
  { alias: 'c', raw: 'current', rollup: 'current', take: ['min', 'max', 'sum'] },
  { alias: 'l', raw: 'leakage_current', rollup: 'leakage_current', take: ['max', 'sum'] },
  { alias: 'pcb', raw: 'pcb_temperature', rollup: 'pcb_temperature', take: ['max', 'sum'] },
  { alias: 'sen', raw: 'sensor_temperature', rollup: 'sensor_temperature', take: ['max', 'sum'] },
  { alias: 'co', raw: 'co', rollup: 'co', take: ['max', 'sum'] },
  { alias: 'voc', raw: 'voc', rollup: 'voc', take: ['max', 'sum'] },
  { alias: 'pf', raw: 'power_factor', rollup: 'power_factor', take: ['min', 'sum'] },
];

/** The same bucket columns from raw readings or from 1-minute roll-ups (whose min of mins is the min). */
function bucketColumns(source: 'raw' | 'rollup'): string {
  return BUCKET_MEASURES.flatMap((m) =>
    m.take.map((agg) => `${agg}(${source === 'raw' ? m.raw : `${m.rollup}_${agg}`}) AS ${m.alias}_${agg}`),
  ).join(', ');
}

const RAW_BUCKETS_SQL = `
  SELECT CAST((ts - @from) / @bucket AS INTEGER) AS b, count(*) AS n, count(risk_score) AS r_n, sum(arc_count) AS arcs,
    ${bucketColumns('raw')}
  FROM readings WHERE device_key = @key AND ts >= @from AND ts < @to
  GROUP BY b ORDER BY b`;

const ROLLUP_BUCKETS_SQL = `
  SELECT CAST((minute - @from) / @bucket AS INTEGER) AS b, sum(n) AS n, sum(n) AS r_n, sum(arc_sum) AS arcs,
    ${bucketColumns('rollup')}
  FROM rollups_1m WHERE device_key = @key AND minute >= @from AND minute < @to
  GROUP BY b ORDER BY b`;

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function plus(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

function average(sum: number | null, n: number): number | null {
  return sum === null || n === 0 ? null : sum / n;
}

export class HistoryQueries {
  private readonly rawBuckets;
  private readonly rollupBuckets;
  private readonly recent;

  constructor(
    db: SqliteDatabase,
    private readonly book: DeviceBook,
  ) {
    this.rawBuckets = db.prepare(RAW_BUCKETS_SQL);
    this.rollupBuckets = db.prepare(ROLLUP_BUCKETS_SQL);
    this.recent = db.prepare(`
      SELECT ts, pcb_temperature, sensor_temperature, risk_score, arc_count, voltage, current
      FROM readings WHERE device_key = ? AND ts >= ? ORDER BY ts DESC LIMIT ?`);
  }

  /** Event time of the device's newest stored reading, or null for a device the store never saw. */
  newestTs(deviceId: string): number | null {
    return this.book.get(deviceId)?.newestTs ?? null;
  }

  /**
   * The device's newest readings (at most `limit`, none older than `windowMs` before its newest),
   * oldest first: what the device page's chart and advice read.
   */
  recentPoints(deviceId: string, limit: number, windowMs = DAY_MS): ReadonlyArray<TimeseriesPoint> {
    const memo = this.book.get(deviceId);
    if (!memo) return [];
    const rows = this.recent.all(memo.key, memo.newestTs - windowMs, limit) as Array<{
      ts: number; pcb_temperature: number; sensor_temperature: number; risk_score: number | null; arc_count: number; voltage: number; current: number;
    }>;
    const points: TimeseriesPoint[] = new Array<TimeseriesPoint>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as (typeof rows)[number];
      points[rows.length - 1 - i] = {
        timestamp: formatIsoMillis(r.ts),
        temperature: Math.max(r.pcb_temperature, r.sensor_temperature),
        risk_score: r.risk_score,
        arc_count: r.arc_count,
        voltage: r.voltage,
        current: r.current,
      };
    }
    return points;
  }

  /** The range cut into at most `points` buckets; null for a device the store never saw. */
  history(deviceId: string, range: HistoryRange): DeviceHistoryResponse | null {
    const memo = this.book.get(deviceId);
    if (!memo) return null;
    const span = Math.max(1, range.toMs - range.fromMs);
    const points = Math.max(1, Math.floor(range.points));
    const rawBucket = Math.max(1, Math.ceil(span / points));
    if (rawBucket < MINUTE_MS) {
      const rows = this.rawBuckets.all({ key: memo.key, from: range.fromMs, to: range.toMs, bucket: rawBucket }) as BucketRow[];
      if (rows.length > 0) return this.response(deviceId, range, rawBucket, 'raw', rows, range.fromMs);
      // Raw readings past their retention are gone; their minutes live on in the roll-ups.
      const coarse = this.fromRollups(deviceId, memo, range, 1);
      return coarse.points.length > 0 ? coarse : this.response(deviceId, range, rawBucket, 'raw', rows, range.fromMs);
    }
    return this.fromRollups(deviceId, memo, range, Math.ceil(rawBucket / MINUTE_MS));
  }

  private fromRollups(deviceId: string, memo: DeviceMemo, range: HistoryRange, minutesPerBucket: number): DeviceHistoryResponse {
    const bucketMinutes = Math.max(1, minutesPerBucket);
    const fromMinute = Math.floor(range.fromMs / MINUTE_MS);
    const toMinute = Math.ceil(range.toMs / MINUTE_MS);
    const rows = this.rollupBuckets.all({ key: memo.key, from: fromMinute, to: toMinute, bucket: bucketMinutes }) as BucketRow[];
    // The newest minute's delta is still in memory: fold it into its bucket.
    const open = memo.open;
    if (open !== null && open.n > 0 && open.minute >= fromMinute && open.minute < toMinute) {
      const b = Math.floor((open.minute - fromMinute) / bucketMinutes);
      const delta = aggregateAsRow(open);
      const row = rows.find((r) => r.b === b);
      const asBucket: BucketRow = {
        b,
        n: open.n,
        t_min: delta.temperature_min ?? null,
        t_max: delta.temperature_max ?? null,
        t_sum: delta.temperature_sum ?? null,
        r_max: delta.risk_max ?? null,
        r_sum: delta.risk_sum ?? null,
        r_n: open.n,
        arcs: open.arcSum,
        v_min: delta.voltage_min ?? null,
        v_max: delta.voltage_max ?? null,
        v_sum: delta.voltage_sum ?? null,
        c_min: delta.current_min ?? null,
        c_max: delta.current_max ?? null,
        c_sum: delta.current_sum ?? null,
        l_max: delta.leakage_current_max ?? null,
        l_sum: delta.leakage_current_sum ?? null,
        pcb_max: delta.pcb_temperature_max ?? null,
        pcb_sum: delta.pcb_temperature_sum ?? null,
        sen_max: delta.sensor_temperature_max ?? null,
        sen_sum: delta.sensor_temperature_sum ?? null,
        co_max: delta.co_max ?? null,
        co_sum: delta.co_sum ?? null,
        voc_max: delta.voc_max ?? null,
        voc_sum: delta.voc_sum ?? null,
        pf_min: delta.power_factor_min ?? null,
        pf_sum: delta.power_factor_sum ?? null,
      };
      if (row) mergeBucket(row, asBucket);
      else {
        rows.push(asBucket);
        rows.sort((x, y) => x.b - y.b);
      }
    }
    return this.response(deviceId, range, bucketMinutes * MINUTE_MS, 'rollup', rows, fromMinute * MINUTE_MS);
  }

  private response(
    deviceId: string,
    range: HistoryRange,
    bucketMs: number,
    source: 'raw' | 'rollup',
    rows: ReadonlyArray<BucketRow>,
    originMs: number,
  ): DeviceHistoryResponse {
    return {
      device_id: deviceId,
      from: formatIsoMillis(range.fromMs),
      to: formatIsoMillis(range.toMs),
      bucket_s: bucketMs / 1000,
      source,
      points: rows.map((r): HistoryPoint => ({
        timestamp: formatIsoMillis(originMs + r.b * bucketMs),
        readings: r.n,
        temperature_min: r.t_min,
        temperature_avg: average(r.t_sum, r.n),
        temperature_max: r.t_max,
        risk_score_avg: average(r.r_sum, r.r_n),
        risk_score_max: r.r_max,
        arc_count: r.arcs,
        voltage_min: r.v_min,
        voltage_avg: average(r.v_sum, r.n),
        voltage_max: r.v_max,
        current_min: r.c_min,
        current_avg: average(r.c_sum, r.n),
        current_max: r.c_max,
        leakage_current_avg: average(r.l_sum, r.n),
        leakage_current_max: r.l_max,
        pcb_temperature_avg: average(r.pcb_sum, r.n),
        pcb_temperature_max: r.pcb_max,
        sensor_temperature_avg: average(r.sen_sum, r.n),
        sensor_temperature_max: r.sen_max,
        co_avg: average(r.co_sum, r.n),
        co_max: r.co_max,
        voc_avg: average(r.voc_sum, r.n),
        voc_max: r.voc_max,
        power_factor_avg: average(r.pf_sum, r.n),
        power_factor_min: r.pf_min,
      })),
    };
  }
}

function mergeBucket(into: BucketRow, from: BucketRow): void {
  into.n += from.n;
  into.t_min = minOf(into.t_min, from.t_min);
  into.t_max = maxOf(into.t_max, from.t_max);
  into.t_sum = plus(into.t_sum, from.t_sum);
  into.r_max = maxOf(into.r_max, from.r_max);
  into.r_sum = plus(into.r_sum, from.r_sum);
  into.r_n += from.r_n;
  into.arcs += from.arcs;
  into.v_min = minOf(into.v_min, from.v_min);
  into.v_max = maxOf(into.v_max, from.v_max);
  into.v_sum = plus(into.v_sum, from.v_sum);
  into.c_min = minOf(into.c_min, from.c_min);
  into.c_max = maxOf(into.c_max, from.c_max);
  into.c_sum = plus(into.c_sum, from.c_sum);
  into.l_max = maxOf(into.l_max, from.l_max);
  into.l_sum = plus(into.l_sum, from.l_sum);
  into.pcb_max = maxOf(into.pcb_max, from.pcb_max);
  into.pcb_sum = plus(into.pcb_sum, from.pcb_sum);
  into.sen_max = maxOf(into.sen_max, from.sen_max);
  into.sen_sum = plus(into.sen_sum, from.sen_sum);
  into.co_max = maxOf(into.co_max, from.co_max);
  into.co_sum = plus(into.co_sum, from.co_sum);
  into.voc_max = maxOf(into.voc_max, from.voc_max);
  into.voc_sum = plus(into.voc_sum, from.voc_sum);
  into.pf_min = minOf(into.pf_min, from.pf_min);
  into.pf_sum = plus(into.pf_sum, from.pf_sum);
}
