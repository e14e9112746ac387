import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MINUTE_MS, ROLLUP_MEASURES } from '../../../electron/host/store/minute-rollup';
import type { ScoredReading } from '../../../shared/scoring/index';
import type { TimedReading } from './helpers';
import { START_MS, openStore, simulatedReadings } from './helpers';

// Roll-ups against a brute-force aggregation of the readings that were stored: in order, late,
// redelivered and changed, before and after the open minutes are written.

type Measure = (typeof ROLLUP_MEASURES)[number];

function measure(r: ScoredReading, m: Measure): number {
  return m === 'temperature' ? Math.max(r.pcb_temperature, r.sensor_temperature) : (r[m] as number);
}

interface Expected {
  n: number;
  min: Record<string, number>;
  max: Record<string, number>;
  sum: Record<string, number>;
  riskMax: number;
  riskSum: number;
  arcSum: number;
  alarmSum: number;
  statusOr: number;
}

/** What each (device, minute) must hold, from the last version of every (device, ts). */
function bruteForce(readings: ReadonlyArray<ScoredReading>): Map<string, Expected> {
  const latest = new Map<string, ScoredReading>();
  for (const r of readings) latest.set(`${r.device_id}|${r.timestamp_ms}`, r);
  const out = new Map<string, Expected>();
  for (const r of latest.values()) {
    const key = `${r.device_id}|${Math.floor(r.timestamp_ms / MINUTE_MS)}`;
    let e = out.get(key);
    if (!e) {
      e = { n: 0, min: {}, max: {}, sum: {}, riskMax: -Infinity, riskSum: 0, arcSum: 0, alarmSum: 0, statusOr: 0 };
      out.set(key, e);
    }
    e.n += 1;
    for (const m of ROLLUP_MEASURES) {
      const v = measure(r, m);
      e.min[m] = Math.min(e.min[m] ?? Infinity, v);
      e.max[m] = Math.max(e.max[m] ?? -Infinity, v);
      e.sum[m] = (e.sum[m] ?? 0) + v;
    }
    e.riskMax = Math.max(e.riskMax, r.risk_score);
    e.riskSum += r.risk_score;
    e.arcSum += r.arc_count;
    e.alarmSum += r.alarm_status.total_alarm_count;
    e.statusOr |= (r.status_bits & 0xfff) | (r.status_bits >= 4096 ? 4096 : 0);
  }
  return out;
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);
}

/** Arrival order with trouble: every 17th reading arrives 3 minutes late; a few come twice, one changed. */
function troubledArrivals(readings: ReadonlyArray<TimedReading>): TimedReading[] {
  const onTime: TimedReading[] = [];
  const late: Array<{ at: number; item: TimedReading }> = [];
  readings.forEach((r, i) => {
    if (i % 17 === 5) late.push({ at: i + 3 * 60 * 4, item: { reading: r.reading, receivedAtMs: r.receivedAtMs + 180_000 } });
    else onTime.push(r);
  });
  const out: TimedReading[] = [];
  onTime.forEach((r, i) => {
    out.push(r);
    for (const l of late) if (l.at === i) out.push(l.item);
    if (i % 50 === 7) out.push({ reading: r.reading, receivedAtMs: r.receivedAtMs + 1000 }); // exact redelivery
    if (i === 300) out.push({ reading: { ...r.reading, voltage: r.reading.voltage + 40, arc_count: r.reading.arc_count + 3 }, receivedAtMs: r.receivedAtMs + 2000 });
  });
  for (const l of late) if (l.at >= onTime.length) out.push(l.item);
  return out;
}

describe('1-minute roll-ups', () => {
  test('after closing, every stored minute equals the brute-force aggregate of its readings', async () => {
    const arrivals = troubledArrivals(simulatedReadings({ devices: 4, seconds: 600, scenario: 'mix:1' }));
    const { db, store } = openStore();
    for (const a of arrivals) store.writer.addReading(a.reading, a.receivedAtMs);
    await store.writer.settled();
    assert.ok(store.writer.stats().replaced >= 1);
    assert.ok(store.writer.stats().duplicates >= 1);
    store.close();

    const expected = bruteForce(arrivals.map((a) => a.reading));
    const rows = db.prepare('SELECT k.device_id, r.* FROM rollups_1m r JOIN device_keys k USING (device_key)').all() as Array<Record<string, number | string | null>>;
    assert.equal(rows.length, expected.size);
    for (const row of rows) {
      const e = expected.get(`${row.device_id}|${row.minute}`);
      assert.ok(e, `unexpected minute ${row.device_id} ${row.minute}`);
      assert.equal(row.n, e.n);
      for (const m of ROLLUP_MEASURES) {
        assert.equal(row[`${m}_min`], e.min[m], `${m}_min`);
        assert.equal(row[`${m}_max`], e.max[m], `${m}_max`);
        close(row[`${m}_sum`] as number, e.sum[m] as number, `${m}_sum`);
      }
      assert.equal(row.risk_max, e.riskMax);
      close(row.risk_sum as number, e.riskSum, 'risk_sum');
      assert.equal(row.arc_sum, e.arcSum);
      assert.equal(row.alarm_sum, e.alarmSum);
      assert.equal(row.status_or, e.statusOr);
    }
    db.close();
  });

  test('a group that rolls back and is retried leaves roll-ups and device state as if it had not', async () => {
    const arrivals = troubledArrivals(simulatedReadings({ devices: 3, seconds: 400, scenario: 'mix:1' }));
    let failures = 0;
    const { db, store } = openStore(undefined, {
      writer: {
        maxGroupRows: 37,
        // Every fifth group fails once after all its work was done; the retry goes item by item.
        beforeCommit: (group) => {
          if (group % 5 === 0 && failures < group / 5) {
            failures += 1;
            throw new Error('simulated failure at commit');
          }
        },
      },
    });
    for (const a of arrivals) store.writer.addReading(a.reading, a.receivedAtMs);
    await store.writer.settled();
    assert.ok(failures >= 3);
    assert.equal(store.writer.stats().failedItems, 0, 'every retried item committed');
    store.close();

    const expected = bruteForce(arrivals.map((a) => a.reading));
    const rows = db.prepare('SELECT k.device_id, r.minute, r.n, r.voltage_max, r.arc_sum FROM rollups_1m r JOIN device_keys k USING (device_key)').all() as Array<{ device_id: string; minute: number; n: number; voltage_max: number; arc_sum: number }>;
    assert.equal(rows.length, expected.size);
    for (const row of rows) {
      const e = expected.get(`${row.device_id}|${row.minute}`);
      assert.ok(e);
      assert.equal(row.n, e.n);
      assert.equal(row.voltage_max, e.max.voltage);
      assert.equal(row.arc_sum, e.arcSum);
    }
    const perDevice = new Map<string, number>();
    for (const key of new Set(arrivals.map((a) => `${a.reading.device_id}|${a.reading.timestamp_ms}`))) {
      const id = key.split('|')[0] as string;
      perDevice.set(id, (perDevice.get(id) ?? 0) + 1);
    }
    const states = db.prepare('SELECT k.device_id, s.stored, s.readings FROM device_state s JOIN device_keys k USING (device_key)').all() as Array<{ device_id: string; stored: number; readings: number }>;
    for (const state of states) {
      assert.equal(state.stored, perDevice.get(state.device_id));
      assert.equal(state.readings, perDevice.get(state.device_id));
    }
    db.close();
  });

  test('while minutes are open, history from roll-ups folds in what is still in memory', async () => {
    const readings = simulatedReadings({ devices: 2, seconds: 3 * 3600, periodS: 5 });
    const { db, store } = openStore();
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
    await store.writer.settled();
    const id = readings[0]?.reading.device_id as string;
    const mine = readings.map((r) => r.reading).filter((r) => r.device_id === id);

    // Three hours in three points: hour buckets from the roll-ups.
    const from = Math.floor(START_MS / MINUTE_MS) * MINUTE_MS;
    const hours = store.history(id, { fromMs: from, toMs: from + 3 * 3600_000, points: 3 });
    assert.ok(hours);
    assert.equal(hours.source, 'rollup');
    assert.equal(hours.bucket_s, 3600);
    assert.equal(hours.points.reduce((a, p) => a + p.readings, 0), mine.filter((r) => r.timestamp_ms < from + 3 * 3600_000).length);
    for (const point of hours.points) {
      const start = Date.parse(point.timestamp);
      const inside = mine.filter((r) => r.timestamp_ms >= start && r.timestamp_ms < start + 3600_000);
      assert.equal(point.readings, inside.length);
      assert.equal(point.temperature_max, Math.max(...inside.map((r) => measure(r, 'temperature'))));
      assert.equal(point.current_min, Math.min(...inside.map((r) => r.current)));
      close(point.voltage_avg as number, inside.reduce((a, r) => a + r.voltage, 0) / inside.length, 'voltage_avg');
      assert.equal(point.arc_count, inside.reduce((a, r) => a + r.arc_count, 0));
    }
    // The newest minute is open: the last bucket still counts it.
    const newest = mine[mine.length - 1] as ScoredReading;
    const tail = store.history(id, { fromMs: newest.timestamp_ms - 10 * MINUTE_MS, toMs: newest.timestamp_ms + 1, points: 10 });
    assert.equal(tail?.source, 'rollup');
    assert.equal(tail?.points.reduce((a, p) => a + p.readings, 0), mine.filter((r) => r.timestamp_ms >= Math.floor((newest.timestamp_ms - 10 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS).length);
    store.close();
    db.close();
  });

  test('short ranges come from the raw readings, bucketed below a minute', async () => {
    const readings = simulatedReadings({ devices: 1, seconds: 600 });
    const { db, store } = openStore();
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
    await store.writer.settled();
    const id = readings[0]?.reading.device_id as string;
    const history = store.history(id, { fromMs: START_MS, toMs: START_MS + 600_000, points: 60 });
    assert.ok(history);
    assert.equal(history.source, 'raw');
    assert.equal(history.bucket_s, 10);
    assert.ok(history.points.length <= 60);
    assert.equal(history.points.reduce((a, p) => a + p.readings, 0), readings.filter((r) => r.reading.timestamp_ms < START_MS + 600_000).length);
    const recent = store.recentPoints(id, 5);
    assert.deepEqual(recent.map((p) => p.timestamp), readings.slice(-5).map((r) => r.reading.timestamp));
    store.close();
    db.close();
  });
});
