import type { TimeseriesPoint } from '../../../shared/protocol';
import type { HistoryReading, ScoredReading, ScoringEngine } from '../../../shared/scoring';
import { formatIsoMillis } from '../../../shared/scoring';
import type { SqliteDatabase } from './database';
import type { DeviceBook } from './device-book';
import type { ReadingRow } from './reading-codec';
import { READING_SELECT, decodeReading, receivedAtOf } from './reading-codec';

// After a start, the console carries on where it stopped: each device's newest reading and counters
// come back from device_state, and each device's last hour (event time, as the scoring history
// keeps it) is put back into the scoring engine, so the next reading scores as in an unbroken run.

/** A device as the store kept it, for the fleet view. */
export interface RestoredDevice {
  readonly deviceId: string;
  readonly last: ScoredReading;
  /** Receive time of its latest reading before the stop (console clock). */
  readonly lastSeenMs: number;
  readonly periodMs: number | null;
  readonly readings: number;
  readonly totalAlarms: number;
  /** Its newest readings within the window, oldest first. */
  readonly recent: ReadonlyArray<TimeseriesPoint>;
}

export interface RestoreTargets {
  /** Seeded with each device's readings within `windowMs` before its newest. */
  readonly engine?: Pick<ScoringEngine, 'restoreHistory' | 'config'>;
  /** Each device, once its history is read. */
  readonly onDevice?: (device: RestoredDevice) => void;
  /** Recent points kept per device for the fleet view (default 720). */
  readonly recentPoints?: number;
}

export interface RestoreReport {
  readonly devices: number;
  readonly readings: number;
}

interface WindowRow {
  readonly ts: number;
  readonly pcb_temperature: number;
  readonly sensor_temperature: number;
  readonly total_risk_score: number | null;
  readonly risk_score: number | null;
  readonly arc_count: number;
  readonly voltage: number;
  readonly current: number;
}

export function restoreFromStore(db: SqliteDatabase, book: DeviceBook, targets: RestoreTargets): RestoreReport {
  const newest = db.prepare(`SELECT ${READING_SELECT} FROM readings WHERE device_key = ? AND ts = ?`);
  const window = db.prepare(`
    SELECT ts, pcb_temperature, sensor_temperature, total_risk_score, risk_score, arc_count, voltage, current
    FROM readings WHERE device_key = ? AND ts >= ? ORDER BY ts`);
  const windowMs = targets.engine?.config.history.windowMs ?? 3_600_000;
  const keep = targets.recentPoints ?? 720;
  let devices = 0;
  let readings = 0;
  for (const memo of book.all()) {
    const row = newest.get(memo.key, memo.newestTs) as ReadingRow | undefined;
    if (!row) continue;
    const rows = window.all(memo.key, memo.newestTs - windowMs) as WindowRow[];
    readings += rows.length;
    targets.engine?.restoreHistory(
      memo.deviceId,
      rows.map((r): HistoryReading => ({
        timestamp_ms: r.ts,
        pcb_temperature: r.pcb_temperature,
        arc_count: r.arc_count,
        total_risk_score: r.total_risk_score ?? Number.NaN,
      })),
    );
    if (targets.onDevice) {
      const recent = rows.slice(-keep).map((r): TimeseriesPoint => ({
        timestamp: formatIsoMillis(r.ts),
        temperature: Math.max(r.pcb_temperature, r.sensor_temperature),
        risk_score: r.risk_score,
        arc_count: r.arc_count,
        voltage: r.voltage,
        current: r.current,
      }));
      targets.onDevice({
        deviceId: memo.deviceId,
        last: decodeReading(memo.deviceId, row),
        lastSeenMs: memo.lastSeenMs,
        periodMs: memo.periodMs,
        readings: memo.readings,
        totalAlarms: memo.totalAlarms,
        recent,
      });
    }
    devices += 1;
  }
  return { devices, readings };
}

/**
 * Replays stored readings as scored readings, for state that is rebuilt from recent history (the
 * stream analytics' windows). `device`: each device's readings within `windowMs` before its own
 * newest, oldest first, device after device. `time`: every reading within `windowMs` before the
 * fleet's newest, in event-time order across devices. Returns how many were replayed.
 */
export function replayRecent(
  db: SqliteDatabase,
  book: DeviceBook,
  windowMs: number,
  order: 'device' | 'time',
  visit: (reading: ScoredReading, receivedAtMs: number) => void,
): number {
  let n = 0;
  if (order === 'device') {
    const rows = db.prepare(`SELECT ${READING_SELECT} FROM readings WHERE device_key = ? AND ts >= ? ORDER BY ts`);
    for (const memo of book.all()) {
      for (const row of rows.iterate(memo.key, memo.newestTs - windowMs) as IterableIterator<ReadingRow>) {
        visit(decodeReading(memo.deviceId, row), receivedAtOf(row));
        n += 1;
      }
    }
    return n;
  }
  let newest = Number.NEGATIVE_INFINITY;
  for (const memo of book.all()) if (memo.newestTs > newest) newest = memo.newestTs;
  if (newest === Number.NEGATIVE_INFINITY) return 0;
  const ids = new Map<number, string>();
  for (const memo of book.all()) ids.set(memo.key, memo.deviceId);
  const rows = db.prepare(`SELECT ${READING_SELECT} FROM readings WHERE ts >= ? ORDER BY ts, device_key`);
  for (const row of rows.iterate(newest - windowMs) as IterableIterator<ReadingRow>) {
    const id = ids.get(row.device_key);
    if (id === undefined) continue;
    visit(decodeReading(id, row), receivedAtOf(row));
    n += 1;
  }
  return n;
}
