import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PlainItem } from '../../../electron/host/cloud/attribute-values';
import { CircuitBreaker } from '../../../electron/host/cloud/circuit-breaker';
import { isEndpointFailure } from '../../../electron/host/cloud/cloud-errors';
import { ALERT_KIND, PARKED_AT, addAlert, addPut, outboxStats } from '../../../electron/host/cloud/cloud-outbox';
import { guardedApi } from '../../../electron/host/cloud/dynamo-client';
import { OutboxSender } from '../../../electron/host/cloud/outbox-sender';
import { createLogger } from '../../../electron/host/log/logger';
import type { OutboxEntry } from '../../../electron/host/store/outbox-table';
import { outbox } from '../../../electron/host/store/outbox-table';
import { openStore } from '../store/helpers';
import { FakeDynamo, outage, refusal } from './fake-dynamo';

const TABLES = { raw_data: 'T-RawData', device_state: 'T-DeviceState', alerts: 'T-Alerts' };
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const quiet = createLogger(null, { stderr: false });

function raw(device: string, i: number): PlainItem {
  return { device_id: device, timestamp: new Date(T0 + i * 1000).toISOString(), v: i };
}

function setup(): {
  fake: FakeDynamo;
  clock: { t: number };
  breaker: CircuitBreaker;
  sender: OutboxSender;
  opened: ReturnType<typeof openStore>;
  entries: () => OutboxEntry[];
} {
  const opened = openStore();
  const fake = new FakeDynamo();
  const clock = { t: T0 };
  const breaker = new CircuitBreaker({ now: () => clock.t, isFailure: isEndpointFailure });
  const sender = new OutboxSender({
    db: opened.db,
    write: (work) => opened.store.writer.run(work),
    api: guardedApi(fake, breaker),
    breaker,
    tables: TABLES,
    log: quiet,
    now: () => clock.t,
    batch: { sleep: async () => {} },
  });
  const entries = (): OutboxEntry[] => opened.db.prepare('SELECT * FROM cloud_outbox ORDER BY id').all() as OutboxEntry[];
  return { fake, clock, breaker, sender, opened, entries };
}

const stores: Array<ReturnType<typeof openStore>> = [];
after(() => {
  for (const s of stores) {
    s.store.close();
    s.db.close();
  }
});

describe('the cloud outbox sender', () => {
  it('sends entries oldest first, small ones together in one BatchWriteItem, and deletes them once delivered', async () => {
    const { fake, sender, opened, entries } = setup();
    stores.push(opened);
    await opened.store.writer.run((db) => {
      for (let i = 0; i < 30; i++) addPut(db, 'raw_data', [raw('A', i)], T0);
      addPut(db, 'device_state', [{ device_id: 'A', last_seen: 'x' }], T0);
    });
    await sender.drain();
    assert.deepEqual(fake.calls.map((c) => `${c.op} ${c.table} ${c.items}`), ['batchWrite T-RawData 25', 'batchWrite T-RawData 5', 'batchWrite T-DeviceState 1']);
    assert.equal(fake.count('T-RawData'), 30);
    assert.equal(entries().length, 0);
    assert.deepEqual(sender.stats().sent_items, 31);
  });

  it('through an outage: the oldest entry waits with backoff, nothing behind it overtakes it, the breaker opens and closes', async () => {
    const { fake, clock, breaker, sender, opened, entries } = setup();
    stores.push(opened);
    await opened.store.writer.run((db) => {
      addPut(db, 'device_state', [{ device_id: 'A', last_seen: 'old' }], T0);
      addPut(db, 'device_state', [{ device_id: 'A', last_seen: 'new' }], T0);
    });
    fake.fail = () => outage();
    await sender.drain();
    assert.equal(fake.calls.length, 1, 'both entries went in one call, which failed');
    const [head] = entries();
    assert.equal(head?.attempts, 1);
    assert.equal(head?.next_attempt_at, T0 + 1000);
    assert.match(String(head?.last_error), /ECONNREFUSED/);
    await sender.drain();
    assert.equal(fake.calls.length, 1, 'not due yet: no call');
    for (const wait of [1000, 2000]) {
      clock.t += wait;
      await sender.drain();
    }
    assert.equal(fake.calls.length, 3);
    assert.equal(breaker.state(), 'open');
    clock.t += 4000;
    await sender.drain();
    assert.equal(fake.calls.length, 3, 'the open breaker refuses without calling');
    assert.equal(entries().length, 2, 'nothing lost');
    fake.fail = null;
    clock.t += 30_000;
    assert.equal(breaker.state(), 'half_open');
    sender.resume();
    await sender.drain();
    assert.equal(breaker.state(), 'closed');
    assert.equal(entries().length, 0);
    assert.equal(fake.table('T-DeviceState').get('A')?.last_seen?.S, 'new', 'the newer state is the one that stays');
  });

  it('an entry the cloud refuses for good is set aside alone; the rest go on', async () => {
    const { fake, sender, opened, entries } = setup();
    stores.push(opened);
    await opened.store.writer.run((db) => {
      addPut(db, 'raw_data', [raw('A', 1)], T0);
      addPut(db, 'raw_data', [{ device_id: 'A', timestamp: 'poison' }], T0);
      addPut(db, 'raw_data', [raw('A', 3)], T0);
    });
    fake.fail = (_op, _table, items) => (items.some((i) => i.timestamp?.S === 'poison') ? refusal() : null);
    await sender.drain();
    assert.equal(fake.count('T-RawData'), 2);
    const left = entries();
    assert.equal(left.length, 1);
    assert.equal(left[0]?.next_attempt_at, PARKED_AT);
    assert.match(String(left[0]?.last_error), /ValidationException/);
    const stats = outboxStats(opened.db);
    assert.equal(stats.parked, 1);
    assert.equal(stats.depth, 1);
    assert.equal(stats.oldestMs, null, 'a parked entry is not waiting to be sent: the outbox is not stuck');
  });

  it('an entry that does not parse is set aside without holding up the rest', async () => {
    const { fake, sender, opened, entries } = setup();
    stores.push(opened);
    await opened.store.writer.run((db) => {
      addPut(db, 'raw_data', [raw('A', 1)], T0);
      outbox.add(db, 'dynamo.put', 'raw_data', '{"items": [', T0);
      addPut(db, 'raw_data', [raw('A', 2)], T0);
    });
    await sender.drain();
    assert.equal(fake.count('T-RawData'), 2);
    assert.deepEqual(entries().map((e) => [e.payload, e.next_attempt_at === PARKED_AT]), [['{"items": [', true]]);
  });

  it('health counts the outbox from an index, not by reading every waiting row (migration 004)', () => {
    const { opened } = setup();
    stores.push(opened);
    const plan = opened.db.prepare('EXPLAIN QUERY PLAN SELECT kind, count(*) AS n, min(CASE WHEN next_attempt_at < ? THEN created_at END) AS oldest, sum(next_attempt_at >= ?) AS parked FROM cloud_outbox GROUP BY kind').all(1, 1) as Array<{ detail: string }>;
    assert.match(plan.map((p) => p.detail).join(' '), /COVERING INDEX cloud_outbox_kind/);
  });

    it('an alarm replayed, or older than the row there, changes nothing and is done', async () => {
    const { fake, sender, opened, entries } = setup();
    stores.push(opened);
    const row = { device_id: 'A', alert_timestamp: '2026-03-01T09:00:00.000012Z', alarm_id: 'device:A:arc_alarm', state: 'unacknowledged', last_change_ms: 10 };
    await opened.store.writer.run((db) => {
      addAlert(db, row, T0);
      addAlert(db, { ...row, state: 'acknowledged', last_change_ms: 20 }, T0);
      addAlert(db, row, T0);
      addAlert(db, { ...row, alarm_id: 'device:A:other', state: 'x', last_change_ms: 30 }, T0);
    });
    await sender.drain();
    assert.equal(fake.count('T-Alerts'), 1);
    assert.equal(fake.table('T-Alerts').values().next().value?.state?.S, 'acknowledged');
    assert.equal(entries().length, 0);
  });

  it('leaves rows of other kinds (escalations for SNS or a webhook) queued and counted', async () => {
    const { fake, sender, opened } = setup();
    stores.push(opened);
    await opened.store.writer.run((db) => {
      outbox.add(db, 'sns.publish', 'arn:aws:sns:ap-northeast-2:1:critical', '{}', T0 - 5000);
      addPut(db, 'raw_data', [raw('A', 1)], T0);
    });
    await sender.drain();
    assert.equal(fake.calls.length, 1);
    const stats = outboxStats(opened.db);
    assert.deepEqual(stats.byKind, { 'sns.publish': 1 });
    assert.equal(stats.oldestMs, T0 - 5000);
    assert.equal(ALERT_KIND, 'dynamo.alert');
  });
});
