import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeStationMessage, signStationMessage } from '../../../../shared/alarms/station-messages';
import type { SignedStationMessage } from '../../../../shared/alarms/station-messages';
import { CRITICAL_ID, SECOND, T0, harness, reading } from './helpers';

// Two consoles watching one fleet, wired back to back (what MQTT carries in the integration test):
// an action at one is signed, shared, applied at the other once, journaled there; replays and
// strangers change nothing, and the bad ones are quarantined with their reason.

const KEY = 'site-key-for-tests-0123456789abcdef';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sharing between stations', () => {
  test('an acknowledgement at one console is applied at the other, once, and journaled there too', async () => {
    const a = harness({ siteKey: KEY, consoleId: 'console-a' });
    const b = harness({ siteKey: KEY, consoleId: 'console-b' });
    try {
      for (const h of [a, b]) h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0, { zone: null, newestTs: T0 });
      a.clock.now = T0 + 5 * SECOND;
      b.clock.now = T0 + 6 * SECOND;
      await a.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim', station: 'desk-1', comment: 'going' });
      assert.equal(a.shared.length, 1);
      const { topic, payload } = a.shared[0] as { topic: string; payload: string };
      assert.equal(topic, 'fire-prediction/alerts/DEV0001/events');
      const message = JSON.parse(payload) as SignedStationMessage;
      assert.equal(message.action_id, 'console-a/1');
      assert.match(message.sig, /^[0-9a-f]{64}$/);

      await b.service.receiveStationMessage(topic, bytes(payload));
      const there = b.service.get(CRITICAL_ID);
      assert.deepEqual([there?.state, there?.acked_by, there?.comment], ['acknowledged', 'kim', 'going']);
      const [entry] = b.service.journalEntries({ limit: 5 });
      assert.deepEqual([entry?.operator, entry?.station, entry?.action, entry?.at], ['kim', 'desk-1', 'acknowledge', new Date(T0 + 5 * SECOND).toISOString()]);
      assert.equal(b.shared.length, 0, 'a shared action is not shared again');

      // A replay (the broker redelivers; a recording is played back): nothing changes, even after a restart.
      await b.service.receiveStationMessage(topic, bytes(payload));
      assert.equal(b.service.journalEntries({ limit: 5 }).length, 1);
      assert.equal(b.service.sharing().duplicates, 1);
      // The echo of its own action at A is a duplicate too.
      await a.service.receiveStationMessage(topic, bytes(payload));
      assert.equal(a.service.journalEntries({ limit: 5 }).length, 1);
      assert.equal(b.db.prepare('SELECT action_id FROM alarm_station_actions').pluck().get(), 'console-a/1');
    } finally {
      a.close();
      b.close();
    }
  });

  test('unsigned, badly signed, misaddressed and stale messages are quarantined with their reason', async () => {
    const b = harness({ siteKey: KEY, consoleId: 'console-b' });
    try {
      b.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0, { zone: null, newestTs: T0 });
      const action = {
        v: 1 as const,
        action_id: 'intruder/1',
        action: 'acknowledge' as const,
        alarm_id: CRITICAL_ID,
        at: new Date(T0).toISOString(),
        operator: 'mallory',
        station: 'device',
        role: 'operator' as const,
        comment: null,
        shelve: null,
      };
      const topic = 'fire-prediction/alerts/DEV0001/events';
      await b.service.receiveStationMessage(topic, bytes(JSON.stringify(action)));
      await b.service.receiveStationMessage(topic, bytes(encodeStationMessage(signStationMessage(action, 'not-the-site-key-at-all-000000'))));
      await b.service.receiveStationMessage('fire-prediction/alerts/DEV0002/events', bytes(encodeStationMessage(signStationMessage(action, KEY))));
      await b.service.receiveStationMessage(topic, bytes(encodeStationMessage(signStationMessage({ ...action, at: new Date(T0 - 25 * 3_600_000).toISOString() }, KEY))));
      await b.service.receiveStationMessage(topic, bytes('{not json'));
      assert.deepEqual(
        b.quarantined.map((q) => q.reason),
        ['UNSIGNED', 'BAD_SIGNATURE', 'TOPIC_MISMATCH', 'STALE', 'MALFORMED'],
      );
      assert.equal(b.service.get(CRITICAL_ID)?.state, 'unacknowledged');
      assert.equal(b.service.sharing().quarantined, 5);
    } finally {
      b.close();
    }
  });

  test('without a site key, sharing is off and says why', async () => {
    const h = harness();
    try {
      h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0, { zone: null, newestTs: T0 });
      await h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim' });
      assert.equal(h.shared.length, 0);
      const sharing = h.service.sharing();
      assert.equal(sharing.enabled, false);
      assert.match(sharing.reason ?? '', /site key/);
    } finally {
      h.close();
    }
  });
});
