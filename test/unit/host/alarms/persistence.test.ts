import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProtocolError } from '../../../../shared/protocol';
import { CRITICAL_ID, HIGH_ID, MINUTE, OVERCURRENT, OVERCURRENT_ID, SECOND, T0, harness, reading, storedStates, tempFile } from './helpers';

// What survives: open alarms come back in their states (and flags), with stations, sign-ins,
// silences, escalations and applied station actions; a write that fails is retried and the alarm
// is shown meanwhile; the journal is append-only and its chain is checked.

describe('alarm persistence', () => {
  test('a restart puts every alarm back in its state, with stations, silences and escalations', async () => {
    const file = tempFile();
    const first = harness({ file, alarms: { operators: [{ name: 'Park', role: 'supervisor' }], webhook_url: 'https://hooks.example/x' } });
    first.service.hello({ station: 'desk-1' });
    first.service.observeReading(reading({ at: T0, level: 'CRITICAL', status: OVERCURRENT }), T0, { zone: 'B1', newestTs: T0 });
    first.service.observeReading(reading({ device: 'DEV0002', at: T0, status: OVERCURRENT }), T0, { zone: 'B2', newestTs: T0 });
    await first.service.act('acknowledge', { id: HIGH_ID, operator: 'kim', station: 'desk-1', comment: 'seen' });
    await first.service.act('shelve', { id: OVERCURRENT_ID, operator: 'kim', comment: 'testing', minutes: 60 });
    await first.service.act('remove_from_service', { id: 'device:DEV0002:overcurrent', operator: 'park', comment: 'maintenance' });
    await first.service.signIn({ station: 'desk-1', operator: 'kim' });
    await first.service.silence({ station: 'desk-1' });
    first.clock.now = T0 + 4 * MINUTE;
    first.service.tick();
    await first.settle();
    const before = Object.fromEntries(first.service.allRecords().map((r) => [r.id, r]));
    first.close();

    const second = harness({ file, now: T0 + 5 * MINUTE, alarms: { operators: [{ name: 'Park', role: 'supervisor' }], webhook_url: 'https://hooks.example/x' } });
    try {
      const after = Object.fromEntries(second.service.allRecords().map((r) => [r.id, r]));
      assert.deepEqual(after, before, 'every record, field for field');
      assert.equal(after[CRITICAL_ID]?.state, 'unacknowledged');
      assert.equal(after[HIGH_ID]?.state, 'acknowledged');
      assert.equal(after[OVERCURRENT_ID]?.state, 'shelved');
      assert.equal(after['device:DEV0002:overcurrent']?.state, 'out_of_service');
      assert.equal(second.service.stationView('desk-1').operator, 'kim');
      // The escalation of this presentation was done before the restart: not again.
      second.service.tick();
      await second.settle();
      assert.equal(second.db.prepare('SELECT count(*) FROM cloud_outbox').pluck().get(), 1);
      // The shelve still runs out at its time.
      second.clock.now = T0 + 61 * MINUTE;
      second.service.tick();
      assert.equal(second.service.get(OVERCURRENT_ID)?.state, 'unacknowledged');
      assert.deepEqual(second.service.verifyJournal().ok, true);
    } finally {
      second.close();
    }
  });

  test('a failed write: the alarm is shown anyway, an action is refused 503, and the write is retried', async () => {
    const h = harness();
    try {
      h.failWrites(true);
      h.service.observeReading(reading({ at: T0, status: OVERCURRENT }), T0, { zone: null, newestTs: T0 });
      await h.settle();
      assert.ok(h.emitted.changed.some((a) => a.id === OVERCURRENT_ID), 'shown although not written');
      assert.match(h.service.writeError() ?? '', /disk I\/O/);
      assert.ok(h.service.counts().unsaved > 0);
      let refusal: unknown = null;
      await h.service.act('acknowledge', { id: OVERCURRENT_ID, operator: 'kim' }).catch((e: unknown) => {
        refusal = e;
      });
      assert.ok(refusal instanceof ProtocolError);
      assert.deepEqual([refusal.code, refusal.reason], ['UNAVAILABLE', 'STORE_FAILING']);
      assert.deepEqual(storedStates(h.db), {});
      // The disk comes back: the retry writes the newest state, its transitions and the journal entry.
      h.failWrites(false);
      for (const retry of h.retries.splice(0)) retry();
      await h.settle();
      assert.deepEqual(storedStates(h.db), { [OVERCURRENT_ID]: 'acknowledged' });
      assert.equal(h.service.writeError(), null);
      assert.equal(h.service.counts().unsaved, 0);
      assert.equal(h.db.prepare('SELECT count(*) FROM alarm_transitions').pluck().get(), 2);
      assert.equal(h.service.journalEntries({ limit: 5 }).length, 1);
    } finally {
      h.close();
    }
  });

  test('the journal is append-only, and a change to it breaks the chain where it was made', async () => {
    const h = harness();
    try {
      h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0, { zone: null, newestTs: T0 });
      for (const [i, station] of ['desk-1', 'desk-2', 'desk-3'].entries()) {
        h.clock.now = T0 + i * SECOND;
        await h.service.signIn({ station, operator: `op${i}` });
      }
      await h.service.act('acknowledge', { id: CRITICAL_ID, station: 'desk-2', comment: 'ok' });
      const verdict = h.service.verifyJournal();
      assert.deepEqual(verdict.ok && [verdict.entries, verdict.anchored], [4, true]);
      assert.throws(() => h.db.prepare("UPDATE journal SET comment = 'edited' WHERE seq = 4").run(), /append-only/);
      assert.throws(() => h.db.prepare('DELETE FROM journal WHERE seq = 1').run(), /append-only/);
      // Someone with the file and a SQLite shell drops the guard and edits an entry: the check says where.
      h.db.exec('DROP TRIGGER journal_append_only_update');
      h.db.prepare("UPDATE journal SET comment = 'nothing to see' WHERE seq = 4").run();
      const broken = h.service.verifyJournal();
      assert.equal(broken.ok, false);
      assert.deepEqual(!broken.ok && [broken.seq, broken.reason], [4, 'HASH_MISMATCH']);
      const since = h.service.journalEntries({ sinceMs: T0 + SECOND, limit: 10 });
      assert.deepEqual(since.map((e) => e.seq), [2, 3, 4]);
      assert.deepEqual(h.service.journalEntries({ deviceId: 'DEV0001', limit: 10 }).map((e) => e.action), ['acknowledge']);
    } finally {
      h.close();
    }
  });

  test('history and KPIs read the stored transitions', async () => {
    const h = harness();
    try {
      h.service.observeReading(reading({ at: T0, status: OVERCURRENT }), T0, { zone: null, newestTs: T0 });
      h.service.observeReading(reading({ at: T0 + SECOND }), T0 + SECOND, { zone: null, newestTs: T0 + SECOND });
      h.clock.now = T0 + 2 * SECOND;
      await h.service.act('acknowledge', { id: OVERCURRENT_ID, operator: 'kim', station: 'desk-1' });
      const history = h.service.history({ fromMs: T0, toMs: T0 + MINUTE, limit: 10 });
      assert.deepEqual(history.map((t) => t.cause), ['acknowledge', 'condition_cleared', 'condition_active']);
      assert.equal(history[0]?.operator, 'kim');
      assert.equal(history[0]?.device_id, 'DEV0001');
      const kpis = h.service.kpis(T0, T0 + 10 * MINUTE);
      assert.equal(kpis.alarms, 1);
      assert.deepEqual(kpis.stations, [{ station: 'desk-1', actions: 1, acknowledgements: 1 }]);
    } finally {
      h.close();
    }
  });
});
