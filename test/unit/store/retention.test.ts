import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RetentionPolicy } from '../../../electron/host/store/retention';
import { DAY_MS, DEFAULT_RETENTION, SLICE_ROWS, usedBytes } from '../../../electron/host/store/retention';
import { MINUTE_MS } from '../../../electron/host/store/minute-rollup';
import { START_MS, openStore, simulatedReadings } from './helpers';

// Expiry in slices: by age per kind of data, and by size, oldest raw first; a device's newest
// reading stays; readings queued during a sweep are committed between its slices.

function count(db: { prepare(sql: string): { pluck(): { get(...a: unknown[]): unknown } } }, sql: string, ...args: unknown[]): number {
  return db.prepare(sql).pluck().get(...args) as number;
}

/** Readings of `devices` devices spread over `days` days, one every `everyS` seconds. */
function spreadReadings(devices: number, days: number, everyS: number): ReturnType<typeof simulatedReadings> {
  return simulatedReadings({ devices, seconds: days * 86_400, periodS: everyS, startMs: START_MS });
}

describe('retention', () => {
  test('raw readings older than the period go in slices; roll-ups, and each device newest minute, stay', async () => {
    const readings = spreadReadings(3, 10, 600);
    const newestTs = Math.max(...readings.map((r) => r.reading.timestamp_ms));
    let now = newestTs + 60_000;
    const policy: RetentionPolicy = { ...DEFAULT_RETENTION, rawDays: 7 };
    const { db, store } = openStore(undefined, { retention: policy, now: () => now });
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
    await store.writer.settled();
    const rollupsBefore = count(db, 'SELECT count(*) FROM rollups_1m');

    const cutoff = Math.floor((now - 7 * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    const expectedGone = readings.filter((r) => r.reading.timestamp_ms < cutoff).length;
    const report = await store.retention.sweep();
    assert.equal(report.raw, expectedGone);
    assert.equal(count(db, 'SELECT count(*) FROM readings WHERE ts < ?', cutoff), 0);
    assert.equal(count(db, 'SELECT count(*) FROM readings'), readings.length - expectedGone);
    assert.equal(store.storedReadings(), readings.length - expectedGone, 'device_state counts follow');
    assert.equal(count(db, 'SELECT sum(stored) FROM device_state'), readings.length - expectedGone);
    assert.equal(count(db, 'SELECT count(*) FROM rollups_1m'), rollupsBefore, 'roll-ups are kept 400 days');
    assert.ok(report.slices >= 3);

    // Much later: everything is past its period, but each device keeps its newest reading.
    now = newestTs + 30 * DAY_MS;
    await store.retention.sweep();
    assert.equal(count(db, 'SELECT count(*) FROM readings'), 3);
    assert.equal(count(db, 'SELECT count(*) FROM readings r JOIN device_state s ON s.device_key = r.device_key AND s.newest_ts = r.ts'), 3);
    store.close();
    db.close();
  });

  test('no slice deletes more than SLICE_ROWS rows, and readings queued meanwhile commit between slices', async () => {
    const readings = spreadReadings(2, 2, 20);
    assert.ok(readings.length > 3 * SLICE_ROWS);
    const newestTs = Math.max(...readings.map((r) => r.reading.timestamp_ms));
    const now = newestTs + 10 * DAY_MS;
    const { db, store } = openStore(undefined, { retention: { ...DEFAULT_RETENTION, rawDays: 1 }, now: () => now });
    const old = readings.slice(0, -200);
    for (const r of old) store.writer.addReading(r.reading, r.receivedAtMs);
    await store.writer.settled();

    const before = count(db, 'SELECT count(*) FROM readings');
    const sweeping = store.retention.sweep();
    let sweepDone = false;
    void sweeping.then(() => (sweepDone = true));
    // New readings arrive while the sweep runs: each is committed before the sweep has finished.
    const committedDuringSweep: boolean[] = [];
    for (const r of readings.slice(-200)) {
      await new Promise<void>((resolve) => store.writer.addReading(r.reading, r.receivedAtMs, () => {
        committedDuringSweep.push(!sweepDone);
        resolve();
      }));
    }
    const report = await sweeping;
    assert.ok(report.raw > 3 * SLICE_ROWS);
    // Each slice deletes SLICE_ROWS at most, so there were at least this many, each its own commit.
    assert.ok(report.slices > report.raw / SLICE_ROWS);
    assert.ok(committedDuringSweep.filter(Boolean).length > 0, 'ingest went on during the sweep');
    assert.equal(before + 200 - count(db, 'SELECT count(*) FROM readings'), report.raw);
    store.close();
    db.close();
  });

  test('events and quarantine expire after their own periods', async () => {
    let now = START_MS;
    const { db, store } = openStore(undefined, { now: () => now });
    for (let d = 0; d < 40; d++) {
      const at = new Date(START_MS + d * DAY_MS).toISOString();
      store.writer.addEvent({ event: 'RISK_SPIKE', device_id: 'D1', at, severity: 'HIGH', values: { risk: 0.9 } }, START_MS + d * DAY_MS);
      store.writer.addQuarantine({ received_at: at, connection: 'c', topic: 't', reason: 'INVALID_JSON', detail: 'x', payload_preview: '{' });
    }
    await store.writer.settled();
    now = START_MS + 39 * DAY_MS + 1000;
    const report = await store.retention.sweep();
    // The cutoff is 30 days before now: days 0 to 9 are older.
    assert.equal(report.events, 10);
    assert.equal(report.quarantine, 10);
    assert.equal(count(db, 'SELECT count(*) FROM analytics_events'), 30);
    assert.equal(count(db, 'SELECT count(*) FROM quarantine'), 30);
    const events = store.events.query({ deviceId: 'D1', sinceMs: START_MS + 35 * DAY_MS });
    assert.equal(events.length, 5);
    assert.deepEqual(events[0]?.values, { risk: 0.9 });
    store.close();
    db.close();
  });

  test('over the size cap the oldest raw readings go first, down to the cap; health says so', async () => {
    const readings = spreadReadings(4, 3, 30);
    const newestTs = Math.max(...readings.map((r) => r.reading.timestamp_ms));
    const now = newestTs + 1000;
    const probe = openStore(undefined, { now: () => now });
    for (const r of readings) probe.store.writer.addReading(r.reading, r.receivedAtMs);
    await probe.store.writer.settled();
    const full = usedBytes(probe.db);
    const rollupsFull = count(probe.db, 'SELECT count(*) FROM rollups_1m');
    probe.store.close();
    probe.db.close();

    const cap = Math.floor(full * 0.6);
    const { db, store } = openStore(undefined, { retention: { ...DEFAULT_RETENTION, sizeCapBytes: cap }, now: () => now });
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
    await store.writer.settled();
    assert.equal(store.health().size_capped, false);
    const report = await store.retention.sweep();
    assert.ok(report.forSize > 0);
    assert.ok(usedBytes(db) <= cap, `${usedBytes(db)} ≤ ${cap}`);
    const health = store.health();
    assert.equal(health.size_cap_bytes, cap);
    assert.equal(health.size_capped, true);
    // What is left is the newest part: nothing older than what was kept remains anywhere.
    const oldestKept = count(db, 'SELECT min(ts) FROM readings');
    assert.ok(oldestKept > START_MS);
    assert.equal(health.oldest_reading, new Date(oldestKept).toISOString());
    const expectedLeft = readings.filter((r) => r.reading.timestamp_ms >= oldestKept).length;
    assert.ok(Math.abs(count(db, 'SELECT count(*) FROM readings') - expectedLeft) <= 4);
    assert.equal(count(db, 'SELECT count(*) FROM rollups_1m'), rollupsFull, 'roll-ups go only when raw is exhausted');
    store.close();
    db.close();
  });
});
