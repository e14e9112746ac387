import type { ScoredReading } from '../../../shared/scoring';
import { riskLevelCode } from './reading-codec';

// 1-minute aggregates of a device. An aggregate in memory is a delta: what the readings added since
// its row in rollups_1m was last written. Writing merges it into the row (n and sums add, min and
// max combine), so the stored row plus the delta in memory is always the whole minute.

export const MINUTE_MS = 60_000;

/** Measures aggregated per minute; `temperature` is max(PCB, sensor), the seed's chart series. */
export const ROLLUP_MEASURES = [
  'temperature',
  'pcb_temperature',
  'sensor_temperature',
  'voltage',
  'voltage_low',
  'current',
  'leakage_current',
  'resistive_leakage',
  'power',
  'power_factor',
  'co',
  'voc',
] as const;
export type RollupMeasure = (typeof ROLLUP_MEASURES)[number];

const MEASURE_COUNT = ROLLUP_MEASURES.length;
/** Only the twelve named bits and the communication error are kept in the OR of a minute. */
const STATUS_KEPT_BITS = 0xfff;
const COMMUNICATION_ERROR_BIT = 4096;

export interface MinuteAggregate {
  readonly minute: number;
  n: number;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly sum: Float64Array;
  riskMax: number;
  riskSum: number;
  levelMax: number;
  arcSum: number;
  statusOr: number;
  alarmSum: number;
}

export function minuteOf(ts: number): number {
  return Math.floor(ts / MINUTE_MS);
}

export function emptyAggregate(minute: number): MinuteAggregate {
  return {
    minute,
    n: 0,
    min: new Float64Array(MEASURE_COUNT).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(MEASURE_COUNT).fill(Number.NEGATIVE_INFINITY),
    sum: new Float64Array(MEASURE_COUNT),
    riskMax: Number.NEGATIVE_INFINITY,
    riskSum: 0,
    levelMax: 0,
    arcSum: 0,
    statusOr: 0,
    alarmSum: 0,
  };
}

export function copyAggregate(a: MinuteAggregate): MinuteAggregate {
  return {
    minute: a.minute,
    n: a.n,
    min: a.min.slice(),
    max: a.max.slice(),
    sum: a.sum.slice(),
    riskMax: a.riskMax,
    riskSum: a.riskSum,
    levelMax: a.levelMax,
    arcSum: a.arcSum,
    statusOr: a.statusOr,
    alarmSum: a.alarmSum,
  };
}

/** The fields of a reading a roll-up reads (a ScoredReading, or a stored row decoded). */
export type RollupInput = Pick<
  ScoredReading,
  | 'pcb_temperature'
  | 'sensor_temperature'
  | 'voltage'
  | 'voltage_low'
  | 'current'
  | 'leakage_current'
  | 'resistive_leakage'
  | 'power'
  | 'power_factor'
  | 'co'
  | 'voc'
  | 'risk_score'
  | 'risk_level'
  | 'arc_count'
  | 'status_bits'
> & { readonly alarm_status: { readonly total_alarm_count: number } };

function fold(a: MinuteAggregate, i: number, value: number): void {
  if (value < (a.min[i] as number)) a.min[i] = value;
  if (value > (a.max[i] as number)) a.max[i] = value;
  a.sum[i] = (a.sum[i] as number) + value;
}

export function addToAggregate(a: MinuteAggregate, r: RollupInput): void {
  a.n += 1;
  fold(a, 0, Math.max(r.pcb_temperature, r.sensor_temperature));
  fold(a, 1, r.pcb_temperature);
  fold(a, 2, r.sensor_temperature);
  fold(a, 3, r.voltage);
  fold(a, 4, r.voltage_low);
  fold(a, 5, r.current);
  fold(a, 6, r.leakage_current);
  fold(a, 7, r.resistive_leakage);
  fold(a, 8, r.power);
  fold(a, 9, r.power_factor);
  fold(a, 10, r.co);
  fold(a, 11, r.voc);
  const risk = r.risk_score;
  if (risk === risk) {
    if (risk > a.riskMax) a.riskMax = risk;
    a.riskSum += risk;
  }
  const level = riskLevelCode(r.risk_level);
  if (level > a.levelMax) a.levelMax = level;
  a.arcSum += r.arc_count;
  a.statusOr |= (r.status_bits & STATUS_KEPT_BITS) | (r.status_bits >= COMMUNICATION_ERROR_BIT ? COMMUNICATION_ERROR_BIT : 0);
  a.alarmSum += r.alarm_status.total_alarm_count;
}

/** Adds `from` into `into` (same minute). */
export function mergeAggregate(into: MinuteAggregate, from: MinuteAggregate): void {
  into.n += from.n;
  for (let i = 0; i < MEASURE_COUNT; i++) {
    if ((from.min[i] as number) < (into.min[i] as number)) into.min[i] = from.min[i] as number;
    if ((from.max[i] as number) > (into.max[i] as number)) into.max[i] = from.max[i] as number;
    into.sum[i] = (into.sum[i] as number) + (from.sum[i] as number);
  }
  if (from.riskMax > into.riskMax) into.riskMax = from.riskMax;
  into.riskSum += from.riskSum;
  if (from.levelMax > into.levelMax) into.levelMax = from.levelMax;
  into.arcSum += from.arcSum;
  into.statusOr |= from.statusOr;
  into.alarmSum += from.alarmSum;
}

const MEASURE_COLUMNS: ReadonlyArray<string> = ROLLUP_MEASURES.flatMap((m) => [`${m}_min`, `${m}_max`, `${m}_sum`]);

/** Columns of rollups_1m in the order `aggregateParams` binds them. */
export const ROLLUP_COLUMNS: ReadonlyArray<string> = [
  'device_key', 'minute', 'n', ...MEASURE_COLUMNS, 'risk_max', 'risk_sum', 'level_max', 'arc_sum', 'status_or', 'alarm_sum',
];

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function aggregateParams(deviceKey: number, a: MinuteAggregate): unknown[] {
  const params: unknown[] = [deviceKey, a.minute, a.n];
  for (let i = 0; i < MEASURE_COUNT; i++) {
    params.push(a.n > 0 ? a.min[i] : null, a.n > 0 ? a.max[i] : null, a.sum[i]);
  }
  params.push(finiteOrNull(a.riskMax), a.riskSum, a.levelMax, a.arcSum, a.statusOr, a.alarmSum);
  return params;
}

const PLACEHOLDERS = ROLLUP_COLUMNS.map(() => '?').join(', ');

/** Adds a delta to the minute's row (creating it). */
export const MERGE_ROLLUP_SQL = `
  INSERT INTO rollups_1m (${ROLLUP_COLUMNS.join(', ')}) VALUES (${PLACEHOLDERS})
  ON CONFLICT(device_key, minute) DO UPDATE SET
    n = n + excluded.n,
    ${ROLLUP_MEASURES.map((m) => `${m}_min = min(${m}_min, excluded.${m}_min), ${m}_max = max(${m}_max, excluded.${m}_max), ${m}_sum = ${m}_sum + excluded.${m}_sum`).join(',\n    ')},
    risk_max = coalesce(max(risk_max, excluded.risk_max), risk_max, excluded.risk_max),
    risk_sum = risk_sum + excluded.risk_sum,
    level_max = max(level_max, excluded.level_max),
    arc_sum = arc_sum + excluded.arc_sum,
    status_or = status_or | excluded.status_or,
    alarm_sum = alarm_sum + excluded.alarm_sum`;

/** Writes the whole minute, replacing what the row held. */
export const REPLACE_ROLLUP_SQL = `
  INSERT INTO rollups_1m (${ROLLUP_COLUMNS.join(', ')}) VALUES (${PLACEHOLDERS})
  ON CONFLICT(device_key, minute) DO UPDATE SET
    ${ROLLUP_COLUMNS.filter((c) => c !== 'device_key' && c !== 'minute').map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** A stored roll-up row, or several combined into one bucket, as the queries read them. */
export interface RollupRow {
  readonly n: number;
  readonly [column: string]: number | null;
}

/** The in-memory delta as a row of the same shape, for queries that fold it into stored rows. */
export function aggregateAsRow(a: MinuteAggregate): Record<string, number | null> {
  const row: Record<string, number | null> = { minute: a.minute, n: a.n };
  ROLLUP_MEASURES.forEach((m, i) => {
    row[`${m}_min`] = a.n > 0 ? (a.min[i] as number) : null;
    row[`${m}_max`] = a.n > 0 ? (a.max[i] as number) : null;
    row[`${m}_sum`] = a.sum[i] as number;
  });
  row.risk_max = finiteOrNull(a.riskMax);
  row.risk_sum = a.riskSum;
  row.level_max = a.levelMax;
  row.arc_sum = a.arcSum;
  row.status_or = a.statusOr;
  row.alarm_sum = a.alarmSum;
  return row;
}
