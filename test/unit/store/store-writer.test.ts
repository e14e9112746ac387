import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CommitInfo } from '../../../electron/host/store/store-writer';
import type { StoredQuarantine } from '../../../electron/host/store/quarantine-table';
import type { ScoredReading } from '../../../shared/scoring/index';
import { openStore, simulatedReadings } from './helpers';

// The one writer: grouped commits with no timer, callbacks in order after COMMIT, one bad item
// failing alone, and durable work at synchronous=FULL.

function quarantined(overrides: Partial<StoredQuarantine> = {}): StoredQuarantine {
  return {
    received_at: '2026-03-01T09:00:00.000Z',
    connection: 'site',
    topic: 'fire-prediction/device/X/data',
    reason: 'INVALID_JSON',
    detail: 'payload is not valid JSON',
    payload_preview: '{',
    ...overrides,
  };
}

function count(db: { prepare(sql: string): { get(): unknown } }, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('store writer', () => {
  test('whatever arrives while a commit runs forms the next group', async () => {
    const readings = simulatedReadings({ devices: 3, seconds: 3 });
    const arrivals: Array<{ index: number; group: number }> = [];
    let injected = false;
    const { db, store } = openStore(undefined, {
      writer: {
        // Inside the first group's transaction, before COMMIT: new readings arrive.
        beforeCommit: (group) => {
          if (group !== 1 || injected) return;
          injected = true;
          for (let i = 1; i < readings.length; i++) {
            const r = readings[i] as (typeof readings)[number];
            store.writer.addReading(r.reading, r.receivedAtMs, (error, info) => {
              assert.equal(error, null);
              arrivals.push({ index: i, group: info.group });
            });
          }
        },
      },
    });
    const first = readings[0] as (typeof readings)[number];
    const firstGroup = await new Promise<CommitInfo>((resolve, reject) =>
      store.writer.addReading(first.reading, first.receivedAtMs, (error, info) => (error ? reject(error) : resolve(info))),
    );
    assert.equal(firstGroup.items, 1, 'an idle writer commits a single reading at once');
    await store.writer.settled();
    assert.deepEqual(new Set(arrivals.map((a) => a.group)), new Set([firstGroup.group + 1]), 'all arrivals committed together, next');
    assert.equal(arrivals.length, readings.length - 1);
    assert.equal(count(db, 'readings'), readings.length);
    store.close();
    db.close();
  });

  test('groups hold at most maxGroupRows; callbacks fire in the order items were queued', async () => {
    const readings = simulatedReadings({ devices: 5, seconds: 5 });
    const { db, store } = openStore(undefined, { writer: { maxGroupRows: 4 } });
    const order: number[] = [];
    const sizes = new Map<number, number>();
    readings.forEach((r, i) =>
      store.writer.addReading(r.reading, r.receivedAtMs, (error, info) => {
        assert.equal(error, null);
        order.push(i);
        sizes.set(info.group, (sizes.get(info.group) ?? 0) + 1);
      }),
    );
    await store.writer.settled();
    assert.deepEqual(order, readings.map((_, i) => i));
    assert.ok([...sizes.values()].every((n) => n <= 4));
    assert.equal(sizes.size, Math.ceil(readings.length / 4));
    assert.equal(store.writer.stats().readings, readings.length);
    store.close();
    db.close();
  });

  test('a bad item fails alone and is reported; the rest of its group is committed', async () => {
    const readings = simulatedReadings({ devices: 2, seconds: 4 });
    const errors: string[] = [];
    const { db, store } = openStore(undefined, { writer: { onError: (error) => errors.push(error.message) } });
    const outcomes: Array<string | null> = [];
    const done = (error: Error | null): void => {
      outcomes.push(error ? error.message : null);
    };
    const half = Math.floor(readings.length / 2);
    for (const r of readings.slice(0, half)) store.writer.addReading(r.reading, r.receivedAtMs, done);
    // A reading that cannot be encoded, and a quarantine entry the schema refuses (NOT NULL).
    const broken = { ...(readings[0] as (typeof readings)[number]).reading, device_id: 'BROKEN', risk_indicators: undefined } as unknown as ScoredReading;
    store.writer.addReading(broken, 0, done);
    store.writer.addQuarantine(quarantined({ connection: null as unknown as string }), done);
    store.writer.addQuarantine(quarantined(), done);
    for (const r of readings.slice(half)) store.writer.addReading(r.reading, r.receivedAtMs, done);
    await store.writer.settled();

    assert.equal(outcomes.length, readings.length + 3);
    assert.equal(outcomes.filter((o) => o !== null).length, 2, 'exactly the two bad items failed');
    assert.match(outcomes[half] ?? '', /\S/);
    assert.match(outcomes[half + 1] ?? '', /NOT NULL/);
    assert.equal(count(db, 'readings'), readings.length, 'no good reading was lost');
    assert.equal(count(db, 'quarantine'), 1);
    assert.ok(errors.length > 0, 'the failure was reported');
    assert.equal(store.writer.stats().failedItems, 2);
    assert.equal(db.prepare("SELECT count(*) AS n FROM device_keys WHERE device_id = 'BROKEN'").pluck().get(), 0);
    store.close();
    db.close();
  });

  test('a commit that fails fails every item of its group, and the writer carries on', async () => {
    const readings = simulatedReadings({ devices: 2, seconds: 2 });
    let failNext = true;
    const { db, store } = openStore(undefined, {
      writer: {
        beforeCommit: () => {
          if (failNext) throw new Error('disk full (simulated)');
        },
      },
    });
    const outcomes: Array<Error | null> = [];
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs, (error) => outcomes.push(error));
    await store.writer.settled();
    assert.equal(outcomes.length, readings.length);
    assert.ok(outcomes.every((e) => e instanceof Error && /disk full/.test(e.message)));
    assert.equal(count(db, 'readings'), 0);
    assert.match(store.health().write_error ?? '', /disk full/);

    failNext = false;
    const again: Array<Error | null> = [];
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs, (error) => again.push(error));
    await store.writer.settled();
    assert.ok(again.every((e) => e === null));
    assert.equal(count(db, 'readings'), readings.length);
    assert.equal(store.health().write_error, null, 'a later good commit clears the error');
    store.close();
    db.close();
  });

  test('durable work commits at synchronous=FULL, ahead of queued readings; readings at NORMAL', async () => {
    const readings = simulatedReadings({ devices: 2, seconds: 2 });
    const syncDuringReadings: number[] = [];
    const { db, store } = openStore(undefined, {
      writer: { beforeCommit: () => syncDuringReadings.push(db.pragma('synchronous', { simple: true }) as number) },
    });
    const order: string[] = [];
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs, () => order.push('reading'));
    const result = await store.writer.durable((conn) => {
      order.push('work');
      return conn.pragma('synchronous', { simple: true });
    });
    await store.writer.settled();
    assert.equal(result, 2, 'FULL');
    assert.ok(syncDuringReadings.length > 0 && syncDuringReadings.every((s) => s === 1), 'NORMAL');
    assert.equal(order[0], 'work', 'work goes before the readings queued before it');
    assert.equal(db.pragma('synchronous', { simple: true }), 1, 'back to NORMAL after');
    store.close();
    db.close();
  });

  test('work that throws is rolled back alone and rejects; the other work commits', async () => {
    const { db, store } = openStore();
    const a = store.writer.durable((conn) => conn.prepare("INSERT INTO meta(key, value) VALUES ('a', '1')").run());
    const bad = store.writer.durable((conn) => {
      conn.prepare("INSERT INTO meta(key, value) VALUES ('b', '1')").run();
      throw new Error('alarm code bug');
    });
    const c = store.writer.run((conn) => conn.prepare("INSERT INTO meta(key, value) VALUES ('c', '1')").run());
    await a;
    await assert.rejects(bad, /alarm code bug/);
    await c;
    const keys = db.prepare("SELECT key FROM meta WHERE key IN ('a', 'b', 'c') ORDER BY key").pluck().all();
    assert.deepEqual(keys, ['a', 'c']);
    store.close();
    db.close();
  });

  test('a redelivered reading replaces its row instead of adding one', async () => {
    const readings = simulatedReadings({ devices: 1, seconds: 90 });
    const { db, store } = openStore();
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
    const again = readings[10] as (typeof readings)[number];
    store.writer.addReading(again.reading, again.receivedAtMs + 5000);
    const changed = { ...again.reading, voltage: again.reading.voltage + 10, idx: 999 };
    store.writer.addReading(changed, again.receivedAtMs + 6000);
    await store.writer.settled();
    assert.equal(count(db, 'readings'), readings.length);
    const stats = store.writer.stats();
    assert.equal(stats.duplicates, 1);
    assert.equal(stats.replaced, 1);
    const row = db.prepare('SELECT idx, voltage FROM readings WHERE ts = ?').get(again.reading.timestamp_ms) as { idx: number; voltage: number };
    assert.deepEqual(row, { idx: 999, voltage: changed.voltage });
    assert.equal(store.storedReadings(), readings.length);
    store.close();
    db.close();
  });

  test('after close, queued items are committed and new ones are refused', async () => {
    const readings = simulatedReadings({ devices: 2, seconds: 1 });
    const { db, store } = openStore();
    const outcomes: Array<Error | null> = [];
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs, (error) => outcomes.push(error));
    store.close();
    assert.equal(count(db, 'readings'), readings.length);
    assert.ok(outcomes.every((e) => e === null));
    const r = readings[0] as (typeof readings)[number];
    let refused: Error | null = null;
    store.writer.addReading(r.reading, r.receivedAtMs, (error) => (refused = error));
    assert.ok(refused !== null);
    await assert.rejects(store.writer.durable(() => 1), /closed/);
    db.close();
  });
});
