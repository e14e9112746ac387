import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPin } from '../../../../electron/host/alarms/pin-hash';
import { ProtocolError } from '../../../../shared/protocol';
import { CRITICAL_ID, OVERCURRENT, OVERCURRENT_ID, SECOND, T0, harness, reading, storedStates } from './helpers';

// Operator actions through the host: who may do what (roles, wall displays, PINs), the refusals
// with their status codes, and every action journaled with operator, station, time and comment.

async function refusal(work: Promise<unknown>): Promise<ProtocolError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof ProtocolError, `a ProtocolError, got ${String(error)}`);
    return error;
  }
  assert.fail('the action was not refused');
}

function raiseCritical(h: ReturnType<typeof harness>, at = T0): void {
  h.service.observeReading(reading({ at, level: 'CRITICAL', status: OVERCURRENT }), at, { zone: null, newestTs: at });
}

describe('operator actions', () => {
  test('acknowledge is answered after its commit, journaled with who, where, when and why', async () => {
    const h = harness();
    try {
      raiseCritical(h);
      h.clock.now = T0 + 5 * SECOND;
      const view = await h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim', station: 'desk-1', comment: 'on my way' });
      assert.equal(view.state, 'acknowledged');
      assert.equal(view.acked_by, 'kim');
      assert.equal(view.comment, 'on my way');
      // Answered: so it is on disk.
      assert.equal(storedStates(h.db)[CRITICAL_ID], 'acknowledged');
      const entries = h.service.journalEntries({ limit: 10 });
      assert.equal(entries.length, 1);
      assert.deepEqual(
        { operator: entries[0]?.operator, station: entries[0]?.station, action: entries[0]?.action, alarm_id: entries[0]?.alarm_id, comment: entries[0]?.comment, at: entries[0]?.at },
        { operator: 'kim', station: 'desk-1', action: 'acknowledge', alarm_id: CRITICAL_ID, comment: 'on my way', at: new Date(T0 + 5 * SECOND).toISOString() },
      );
      const again = await refusal(h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'lee', station: 'desk-2' }));
      assert.deepEqual([again.code, again.reason], ['CONFLICT', 'ALREADY_ACKNOWLEDGED']);
    } finally {
      h.close();
    }
  });

  test('refusals: unknown alarm 404, no operator 400, wall display 403, viewer 403, state 409', async () => {
    const h = harness({ alarms: { operators: [{ name: 'Guest', role: 'viewer' }], wall_displays: ['wall-lobby'] } });
    try {
      raiseCritical(h);
      const cases: Array<[Promise<unknown>, string, string | undefined]> = [
        [h.service.act('acknowledge', { id: 'device:NOPE:risk_high', operator: 'kim' }), 'NOT_FOUND', undefined],
        [h.service.act('acknowledge', { id: CRITICAL_ID, station: 'desk-1' }), 'BAD_REQUEST', 'OPERATOR_REQUIRED'],
        [h.service.act('acknowledge', { id: CRITICAL_ID, operator: '   ', station: 'desk-1' }), 'BAD_REQUEST', 'OPERATOR_REQUIRED'],
        [h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim', station: 'wall-lobby' }), 'FORBIDDEN', 'READ_ONLY'],
        [h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'guest', station: 'desk-1' }), 'FORBIDDEN', 'READ_ONLY'],
        [h.service.act('reset', { id: CRITICAL_ID, operator: 'kim' }), 'CONFLICT', 'NOT_ACKNOWLEDGED'],
        [h.service.act('shelve', { id: OVERCURRENT_ID, operator: 'kim', minutes: 30 }), 'BAD_REQUEST', 'COMMENT_REQUIRED'],
        [h.service.act('shelve', { id: OVERCURRENT_ID, operator: 'kim', comment: 'x' }), 'BAD_REQUEST', 'INVALID_DURATION'],
        [h.service.act('shelve', { id: OVERCURRENT_ID, operator: 'kim', comment: 'x', minutes: 10_000 }), 'FORBIDDEN', 'SUPERVISOR_REQUIRED'],
        [h.service.act('shelve', { id: CRITICAL_ID, operator: 'kim', comment: 'x', minutes: 5 }), 'FORBIDDEN', 'SUPERVISOR_REQUIRED'],
        [h.service.act('remove_from_service', { id: OVERCURRENT_ID, operator: 'kim', comment: 'maintenance' }), 'FORBIDDEN', 'SUPERVISOR_REQUIRED'],
        [h.service.act('unshelve', { id: OVERCURRENT_ID, operator: 'kim' }), 'CONFLICT', 'NOT_SHELVED'],
        [h.service.silence({ station: 'wall-lobby', operator: 'kim' }), 'FORBIDDEN', 'READ_ONLY'],
        [h.service.signIn({ station: 'wall-lobby', operator: 'kim' }), 'FORBIDDEN', 'READ_ONLY'],
      ];
      for (const [work, code, reason] of cases) {
        const error = await refusal(work);
        assert.deepEqual([error.code, error.reason], [code, reason], error.message);
      }
      assert.equal(h.service.journalEntries({ limit: 10 }).length, 0, 'nothing refused is journaled');
    } finally {
      h.close();
    }
  });

  test('a screen that says it is a kiosk is a wall display from then on', async () => {
    const h = harness();
    try {
      raiseCritical(h);
      const view = h.service.hello({ station: 'wall-7', kiosk: true });
      assert.deepEqual([view.wall_display, view.role], [true, 'viewer']);
      const error = await refusal(h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim', station: 'wall-7' }));
      assert.equal(error.code, 'FORBIDDEN');
    } finally {
      h.close();
    }
  });

  test('supervisors: shelve beyond the limit, critical alarms, out of service with a reason and back', async () => {
    const h = harness({ alarms: { operators: [{ name: 'Park', role: 'supervisor' }] } });
    try {
      raiseCritical(h);
      const shelved = await h.service.act('shelve', { id: CRITICAL_ID, operator: 'park', comment: 'known sensor fault', minutes: 12 * 60 });
      assert.equal(shelved.state, 'shelved');
      assert.equal(shelved.shelved_until, new Date(T0 + 12 * 60 * 60 * SECOND).toISOString());
      const oos = await h.service.act('remove_from_service', { id: OVERCURRENT_ID, operator: 'Park', comment: 'breaker replaced' });
      assert.equal(oos.state, 'out_of_service');
      const back = await h.service.act('return_to_service', { id: OVERCURRENT_ID, operator: 'park' });
      assert.equal(back.state, 'unacknowledged', 'its condition still holds: presented afresh');
      // A point never raised may be taken out of service ahead of the work.
      const ahead = await h.service.act('remove_from_service', { id: 'device:DEV0001:arc_alarm', operator: 'park', comment: 'rewiring' });
      assert.equal(ahead.state, 'out_of_service');
      const actions = h.service.journalEntries({ limit: 10 }).map((e) => `${e.operator}:${e.action}`);
      assert.deepEqual(actions, ['Park:shelve', 'Park:remove_from_service', 'Park:return_to_service', 'Park:remove_from_service']);
    } finally {
      h.close();
    }
  });

  test('latching: acknowledged, cleared, then reset', async () => {
    const h = harness();
    try {
      raiseCritical(h);
      await h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim' });
      const early = await refusal(h.service.act('reset', { id: CRITICAL_ID, operator: 'kim' }));
      assert.equal(early.reason, 'CONDITION_ACTIVE');
      h.service.observeReading(reading({ at: T0 + SECOND }), T0 + SECOND, { zone: null, newestTs: T0 + SECOND });
      assert.equal(h.service.get(CRITICAL_ID)?.awaits_reset, true);
      const reset = await h.service.act('reset', { id: CRITICAL_ID, operator: 'kim', comment: 'all clear' });
      assert.equal(reset.state, 'normal');
      assert.equal(h.service.list('active').some((a) => a.id === CRITICAL_ID), false);
    } finally {
      h.close();
    }
  });

  test('acknowledge all visible: the ids given, or every alarm waiting', async () => {
    const h = harness();
    try {
      raiseCritical(h);
      h.service.observeReading(reading({ device: 'DEV0002', at: T0, status: OVERCURRENT }), T0, { zone: null, newestTs: T0 });
      const some = await h.service.ackAll({ ids: [OVERCURRENT_ID, 'device:NOPE:x'], operator: 'kim', station: 'desk-1', comment: 'seen' });
      assert.deepEqual(some.acknowledged.map((a) => a.id), [OVERCURRENT_ID]);
      const rest = await h.service.ackAll({ operator: 'kim', station: 'desk-1' });
      assert.equal(rest.acknowledged.length, 3);
      assert.equal(h.service.list().filter((a) => a.state === 'unacknowledged').length, 0);
      assert.equal(h.service.journalEntries({ limit: 10 }).length, 4);
    } finally {
      h.close();
    }
  });

  test('PINs: provisioned in settings, set at a first sign-in, required to act, locked after wrong tries', async () => {
    const pin = await hashPin('2468');
    const h = harness({ alarms: { operators: [{ name: 'Park', role: 'supervisor', pin_hash: pin }] } });
    try {
      raiseCritical(h);
      const without = await refusal(h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'park', station: 'desk-1' }));
      assert.deepEqual([without.code, without.reason], ['UNAUTHORIZED', 'PIN_REQUIRED']);
      const wrong = await refusal(h.service.signIn({ station: 'desk-1', operator: 'park', pin: '1111' }));
      assert.deepEqual([wrong.code, wrong.reason], ['UNAUTHORIZED', 'PIN_MISMATCH']);
      const view = await h.service.signIn({ station: 'desk-1', operator: 'park', pin: '2468' });
      assert.deepEqual([view.operator, view.role], ['Park', 'supervisor']);
      // Signed in here: the station's operator acts without naming anyone.
      const acked = await h.service.act('acknowledge', { id: CRITICAL_ID, station: 'desk-1' });
      assert.equal(acked.acked_by, 'Park');
      // From another station, the PIN is asked again (or given with the action).
      const ok = await h.service.act('acknowledge', { id: 'device:DEV0001:risk_high', operator: 'park', station: 'api', pin: '2468' });
      assert.equal(ok.state, 'acknowledged');

      // A first sign-in with a PIN sets it; from then on it is needed.
      await h.service.signIn({ station: 'desk-2', operator: 'lee', pin: '9999' });
      const stored = h.db.prepare('SELECT pin_hash FROM alarm_operators WHERE name = ?').pluck().get('lee') as string;
      assert.match(stored, /^scrypt\$/);
      assert.doesNotMatch(stored, /9999/);
      const lee = await refusal(h.service.signIn({ station: 'desk-3', operator: 'lee' }));
      assert.equal(lee.reason, 'PIN_REQUIRED');

      for (let i = 0; i < 5; i++) await refusal(h.service.signIn({ station: 'desk-3', operator: 'lee', pin: '0000' }));
      const locked = await refusal(h.service.signIn({ station: 'desk-3', operator: 'lee', pin: '9999' }));
      assert.equal(locked.reason, 'PIN_LOCKED');

      const signins = h.service.journalEntries({ limit: 20 }).filter((e) => e.action === 'sign_in');
      assert.deepEqual(signins.map((e) => [e.operator, e.station, e.comment]), [['Park', 'desk-1', null], ['lee', 'desk-2', 'PIN set']]);
      await h.service.signOut({ station: 'desk-1' });
      assert.equal(h.service.stationView('desk-1').operator, null);
    } finally {
      h.close();
    }
  });

  test('a settings change is journaled with who and what changed', async () => {
    const h = harness();
    try {
      await h.service.journalSettingsChange({ operator: 'settings.json', station: 'host' }, 'changed: alarms, scoring');
      const [entry] = h.service.journalEntries({ limit: 5 });
      assert.deepEqual([entry?.action, entry?.operator, entry?.station, entry?.comment], ['settings_change', 'settings.json', 'host', 'changed: alarms, scoring']);
      const park = harness({ alarms: { operators: [{ name: 'Park', role: 'supervisor' }] } });
      try {
        assert.equal((await park.service.requireSupervisor({ operator: 'park' })).role, 'supervisor');
        assert.equal((await refusal(park.service.requireSupervisor({ operator: 'kim' }))).reason, 'SUPERVISOR_REQUIRED');
      } finally {
        park.close();
      }
    } finally {
      h.close();
    }
  });
});
