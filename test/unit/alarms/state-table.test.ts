import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyAlarmEvent } from '../../../shared/alarms/state-machine';
import type { AlarmEvent, AlarmRecord, AlarmState, RejectionCode } from '../../../shared/alarms/types';
import {
  MINUTE,
  SUPERVISOR,
  T0,
  ack,
  active,
  alarm,
  cleared,
  expire,
  remove,
  reset,
  restore,
  shelveFor,
  shelveOnce,
  suppress,
  unshelve,
  unsuppress,
  walk,
} from './helpers';

// Every state × every event, for a non-latching and a latching alarm: the state it leads to (with
// the condition after it), "same" when it changes nothing, or the code it is refused with.

const t = (minutes: number): number => T0 + minutes * MINUTE;

/** The starting states, each reached from normal by real events. */
const STARTS: Readonly<Record<string, () => AlarmRecord>> = {
  normal: () => alarm(),
  unack: () => walk(alarm(), [active(t(1))]),
  acked: () => walk(alarm(), [active(t(1)), ack(t(2))]),
  rtn_unack: () => walk(alarm(), [active(t(1)), cleared(t(2))]),
  shelved_timed: () => walk(alarm(), [active(t(1)), shelveFor(t(2), 30)]),
  shelved_once: () => walk(alarm(), [active(t(1)), shelveOnce(t(2))]),
  suppressed: () => walk(alarm(), [active(t(1)), suppress(t(2))]),
  out_of_service: () => walk(alarm(), [active(t(1)), remove(t(2))]),
  // risk_critical latches.
  latched_unack_active: () => walk(alarm('risk_critical'), [active(t(1))]),
  latched_unack_cleared: () => walk(alarm('risk_critical'), [active(t(1)), cleared(t(2))]),
  latched_acked_active: () => walk(alarm('risk_critical'), [active(t(1)), ack(t(2))]),
  latched_awaiting_reset: () => walk(alarm('risk_critical'), [active(t(1)), cleared(t(2)), ack(t(3))]),
};

const AT = t(100); // after every starting path, and after the 30-minute shelve ran out

/** Events, critical-safe: shelving uses a supervisor so a critical alarm is not refused for the role. */
const EVENTS: Readonly<Record<string, AlarmEvent>> = {
  active: active(AT),
  cleared: cleared(AT),
  late: active(AT, { late: true }),
  ack: ack(AT),
  shelve: shelveFor(AT, 60, SUPERVISOR),
  shelve_once: shelveOnce(AT, SUPERVISOR),
  unshelve: unshelve(AT),
  expire: expire(AT),
  reset: reset(AT),
  remove: remove(AT),
  restore: restore(AT),
  suppress: suppress(AT),
  unsuppress: unsuppress(AT),
};

type Expect = `${AlarmState}${'' | '+' | '-'}` | 'same' | RejectionCode;
// `state+` / `state-`: that state with the condition active / cleared afterwards.

const TABLE: Readonly<Record<string, Readonly<Record<string, Expect>>>> = {
  normal: {
    active: 'unacknowledged+', cleared: 'same', late: 'rtn_unacknowledged-', ack: 'NOTHING_TO_ACKNOWLEDGE',
    shelve: 'shelved-', shelve_once: 'CONDITION_NOT_ACTIVE', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'NOTHING_TO_RESET', remove: 'out_of_service-', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed-', unsuppress: 'same',
  },
  unack: {
    active: 'same', cleared: 'rtn_unacknowledged-', late: 'same', ack: 'acknowledged+',
    shelve: 'shelved+', shelve_once: 'shelved+', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'NOT_LATCHED', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed+', unsuppress: 'same',
  },
  acked: {
    active: 'same', cleared: 'normal-', late: 'same', ack: 'ALREADY_ACKNOWLEDGED',
    shelve: 'shelved+', shelve_once: 'shelved+', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'NOT_LATCHED', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed+', unsuppress: 'same',
  },
  rtn_unack: {
    active: 'unacknowledged+', cleared: 'same', late: 'rtn_unacknowledged-', ack: 'normal-',
    shelve: 'shelved-', shelve_once: 'CONDITION_NOT_ACTIVE', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'NOT_LATCHED', remove: 'out_of_service-', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed-', unsuppress: 'same',
  },
  shelved_timed: {
    active: 'same', cleared: 'shelved-', late: 'same', ack: 'SHELVED',
    shelve: 'shelved+', shelve_once: 'shelved+', unshelve: 'unacknowledged+', expire: 'unacknowledged+',
    reset: 'SHELVED', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed+', unsuppress: 'same',
  },
  shelved_once: {
    active: 'same', cleared: 'normal-', late: 'same', ack: 'SHELVED',
    shelve: 'shelved+', shelve_once: 'shelved+', unshelve: 'unacknowledged+', expire: 'NOT_SHELVED',
    reset: 'SHELVED', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed+', unsuppress: 'same',
  },
  suppressed: {
    active: 'same', cleared: 'suppressed-', late: 'same', ack: 'SUPPRESSED',
    shelve: 'SUPPRESSED', shelve_once: 'SUPPRESSED', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'SUPPRESSED', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'same', unsuppress: 'unacknowledged+',
  },
  out_of_service: {
    active: 'same', cleared: 'out_of_service-', late: 'same', ack: 'OUT_OF_SERVICE',
    shelve: 'OUT_OF_SERVICE', shelve_once: 'OUT_OF_SERVICE', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'OUT_OF_SERVICE', remove: 'OUT_OF_SERVICE', restore: 'unacknowledged+', suppress: 'out_of_service+', unsuppress: 'same',
  },
  latched_unack_active: {
    active: 'same', cleared: 'unacknowledged-', late: 'same', ack: 'acknowledged+',
    shelve: 'shelved+', shelve_once: 'shelved+', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'NOT_ACKNOWLEDGED', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed+', unsuppress: 'same',
  },
  latched_unack_cleared: {
    active: 'unacknowledged+', cleared: 'same', late: 'unacknowledged-', ack: 'acknowledged-',
    shelve: 'shelved-', shelve_once: 'CONDITION_NOT_ACTIVE', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'NOT_ACKNOWLEDGED', remove: 'out_of_service-', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed-', unsuppress: 'same',
  },
  latched_acked_active: {
    active: 'same', cleared: 'acknowledged-', late: 'same', ack: 'ALREADY_ACKNOWLEDGED',
    shelve: 'shelved+', shelve_once: 'shelved+', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'CONDITION_ACTIVE', remove: 'out_of_service+', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed+', unsuppress: 'same',
  },
  latched_awaiting_reset: {
    active: 'unacknowledged+', cleared: 'same', late: 'unacknowledged-', ack: 'ALREADY_ACKNOWLEDGED',
    shelve: 'shelved-', shelve_once: 'CONDITION_NOT_ACTIVE', unshelve: 'NOT_SHELVED', expire: 'NOT_SHELVED',
    reset: 'normal-', remove: 'out_of_service-', restore: 'NOT_OUT_OF_SERVICE', suppress: 'suppressed-', unsuppress: 'same',
  },
};

describe('state × event table', () => {
  test('covers every starting state and every event', () => {
    assert.deepEqual(Object.keys(TABLE).sort(), Object.keys(STARTS).sort());
    for (const row of Object.values(TABLE)) assert.deepEqual(Object.keys(row).sort(), Object.keys(EVENTS).sort());
  });

  for (const [start, row] of Object.entries(TABLE)) {
    for (const [eventName, expected] of Object.entries(row)) {
      test(`${start} + ${eventName} → ${expected}`, () => {
        const before = STARTS[start]!();
        const outcome = applyAlarmEvent(before, EVENTS[eventName]!);
        if (expected === 'same') {
          assert.ok(outcome.ok, outcome.ok ? '' : outcome.rejection.code);
          assert.equal(outcome.transition, null);
          assert.equal(outcome.alarm.state, before.state);
          assert.equal(outcome.alarm.condition_active, before.condition_active);
          return;
        }
        const stateMatch = /^([a-z_]+)([+-])$/.exec(expected);
        if (stateMatch === null) {
          assert.ok(!outcome.ok, `expected refusal ${expected}, got ${outcome.ok ? outcome.alarm.state : ''}`);
          assert.equal(outcome.rejection.code, expected);
          assert.equal(outcome.rejection.state, before.state);
          assert.equal(outcome.rejection.alarm_id, before.id);
          return;
        }
        assert.ok(outcome.ok, outcome.ok ? '' : `refused: ${outcome.rejection.code} ${outcome.rejection.message}`);
        assert.equal(outcome.alarm.state, stateMatch[1]);
        assert.equal(outcome.alarm.condition_active, stateMatch[2] === '+');
        assert.ok(outcome.transition !== null, 'a change yields a transition record');
        assert.equal(outcome.transition.from, before.state);
        assert.equal(outcome.transition.to, outcome.alarm.state);
        assert.equal(outcome.transition.at, AT);
        assert.equal(outcome.alarm.last_change_at, AT);
        // Never mutates its input.
        assert.notEqual(outcome.alarm, before);
      });
    }
  }
});
