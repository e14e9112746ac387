import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { toItem } from '../../../electron/host/cloud/attribute-values';
import { Backfiller } from '../../../electron/host/cloud/backfill';
import { CircuitBreaker } from '../../../electron/host/cloud/circuit-breaker';
import { isEndpointFailure } from '../../../electron/host/cloud/cloud-errors';
import { guardedApi } from '../../../electron/host/cloud/dynamo-client';
import { rawDataRecord } from '../../../electron/host/cloud/table-items';
import { createLogger } from '../../../electron/host/log/logger';
import { READING_FLAG_CLOUD, flagsOf } from '../../../electron/host/store/reading-codec';
import type { TimedReading } from '../store/helpers';
import { START_MS, openStore, simulatedReadings, writeAll } from '../store/helpers';
import { FakeDynamo, outage } from './fake-dynamo';

const TABLE = 'T-RawData';
const quiet = createLogger(null, { stderr: false });
const opened: Array<ReturnType<typeof openStore>> = [];
after(() => {
  for (const s of opened) {
    s.store.close();
    s.db.close();
  }
});

function cloudHolds(fake: FakeDynamo, readings: ReadonlyArray<TimedReading>): void {
  for (const { reading } of readings) {
    const item = toItem(rawDataRecord(reading, { id: 'elsewhere', name: 'B' }, START_MS));
    fake.table(TABLE).set(`${reading.device_id}|${reading.timestamp}`, item);
  }
}

function setup(nowMs: number): { fake: FakeDynamo; backfill: Backfiller; store: ReturnType<typeof openStore>; clock: { t: number }; breaker: CircuitBreaker } {
  const store = openStore();
  opened.push(store);
  const fake = new FakeDynamo();
  const clock = { t: nowMs };
  const breaker = new CircuitBreaker({ now: () => clock.t, isFailure: isEndpointFailure });
  const backfill = new Backfiller({
    db: store.db,
    writer: store.store.writer,
    api: guardedApi(fake, breaker),
    breaker,
    table: TABLE,
    scoring: {},
    windowMs: 3_600_000,
    log: quiet,
    now: () => clock.t,
  });
  return { fake, backfill, store, clock, breaker };
}

function rows(store: ReturnType<typeof openStore>, device: string): Array<{ ts: number; codes: number; risk_score: number | null; receive_lag_ms: number }> {
  return store.db
    .prepare('SELECT r.ts, r.codes, r.risk_score, r.receive_lag_ms FROM readings r JOIN device_keys k ON k.device_key = r.device_key WHERE k.device_id = ? ORDER BY r.ts')
    .all(device) as Array<{ ts: number; codes: number; risk_score: number | null; receive_lag_ms: number }>;
}

describe('backfill from RawData', () => {
  // Two devices, 240 s at one reading a second, scored in one unbroken run: what the cloud holds.
  const all = simulatedReadings({ devices: 2, seconds: 239, scenario: 'mix:1' });
  const ids = [...new Set(all.map((r) => r.reading.device_id))].sort();
  const [a, b] = ids as [string, string];
  const ofA = all.filter((r) => r.reading.device_id === a);
  const inGap = (r: TimedReading): boolean => r.reading.timestamp_ms >= START_MS + 60_000 && r.reading.timestamp_ms < START_MS + 180_000;

  it('fills a hole when a device page opens: only what is missing, scored as the unbroken run scored it', async () => {
    const { fake, backfill, store } = setup(START_MS + 240_000);
    cloudHolds(fake, all);
    await writeAll(store.store, ofA.filter((r) => !inGap(r)));
    const memoBefore = { ...store.store.writer.book.get(a) };
    backfill.deviceOpened(a);
    await backfill.drain();
    const stored = rows(store, a);
    assert.equal(stored.length, ofA.length, 'every reading once');
    assert.equal(new Set(stored.map((r) => r.ts)).size, stored.length);
    const filled = stored.filter((r) => (flagsOf(r.codes) & READING_FLAG_CLOUD) !== 0);
    assert.equal(filled.length, ofA.filter(inGap).length);
    const original = new Map(ofA.map((r) => [r.reading.timestamp_ms, r.reading.risk_score]));
    for (const row of filled) assert.equal(row.risk_score, original.get(row.ts), `score at ${new Date(row.ts).toISOString()}`);
    assert.equal(backfill.stats().filled, filled.length);
    const memo = store.store.writer.book.get(a);
    assert.equal(memo?.lastSeenMs, memoBefore.lastSeenMs, 'a filled reading does not make the device look alive');
    assert.equal(memo?.periodMs, memoBefore.periodMs);
    assert.equal(memo?.stored, ofA.length);
    assert.equal(fake.calls.filter((c) => c.op === 'query').length, 1, 'one query for the one hole');
  });

  it('never stores a reading twice: asked again, and asked after an outage, it adds nothing', async () => {
    const { fake, backfill, store, clock } = setup(START_MS + 240_000);
    cloudHolds(fake, all);
    await writeAll(store.store, ofA.filter((r) => !inGap(r)));
    backfill.deviceOpened(a);
    await backfill.drain();
    const count = rows(store, a).length;
    clock.t += 11 * 60_000;
    backfill.request(a, { fromMs: START_MS, toMs: START_MS + 240_000 });
    backfill.afterOutage(START_MS, START_MS + 240_000);
    await backfill.drain();
    assert.equal(rows(store, a).length, count);
  });

  it('a device only the cloud streams gets its window filled when its page opens', async () => {
    const { fake, backfill, store } = setup(START_MS + 240_000);
    cloudHolds(fake, all);
    backfill.deviceOpened(b);
    await backfill.drain();
    const stored = rows(store, b);
    assert.equal(stored.length, all.filter((r) => r.reading.device_id === b).length);
    const memo = store.store.writer.book.get(b);
    assert.equal(memo?.lastSeenMs, stored[stored.length - 1]?.ts, 'seen at its readings\' own times, not now');
    assert.equal(memo?.periodMs, null);
  });

  it('after a restart, each device from its newest stored reading up to now', async () => {
    const { fake, backfill, store } = setup(START_MS + 240_000);
    cloudHolds(fake, all);
    await writeAll(store.store, ofA.filter((r) => r.reading.timestamp_ms < START_MS + 100_000));
    backfill.afterStart();
    await backfill.drain();
    assert.equal(rows(store, a).length, ofA.length);
  });

  it('waits out an outage and fills once the cloud answers', async () => {
    const { fake, backfill, store, clock, breaker } = setup(START_MS + 240_000);
    cloudHolds(fake, all);
    await writeAll(store.store, ofA.filter((r) => !inGap(r)));
    fake.fail = () => outage();
    backfill.deviceOpened(a);
    await backfill.drain();
    assert.equal(backfill.stats().queued_devices, 1);
    assert.match(String(backfill.stats().last_error), /ECONNREFUSED/);
    fake.fail = null;
    clock.t += 60_000;
    assert.equal(breaker.state(), 'closed');
    await backfill.drain();
    assert.equal(rows(store, a).length, ofA.length);
    assert.equal(backfill.stats().queued_devices, 0);
  });
});
