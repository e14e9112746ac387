import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acknowledgeAll, dueShelveExpiries, nextShelveExpiry } from '../../../shared/alarms/bulk';
import { mergeAlarmConfig } from '../../../shared/alarms/config';
import { awaitsReset, isAudible, matchesStateFilter } from '../../../shared/alarms/record';
import { rejectionStatus } from '../../../shared/alarms/rejections';
import { applyAlarmEvent } from '../../../shared/alarms/state-machine';
import {
  MINUTE,
  OPERATOR,
  SUPERVISOR,
  T0,
  WALL,
  ack,
  active,
  alarm,
  cleared,
  expire,
  refused,
  remove,
  reset,
  restore,
  shelveFor,
  shelveOnce,
  step,
  suppress,
  unshelve,
  unsuppress,
  walk,
} from './helpers';

const t = (minutes: number): number => T0 + minutes * MINUTE;

describe('raising, acknowledging, returning to normal', () => {
  test('activation presents an unacknowledged alarm with the reading and clears earlier acknowledgement', () => {
    const { alarm: a, transition } = step(alarm(), active(t(1), { value: 42.5, message: 'Overcurrent: 42.5 A', risk_score: 0.61 }));
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.activated_at, t(1));
    assert.equal(a.value, 42.5);
    assert.equal(a.message, 'Overcurrent: 42.5 A');
    assert.equal(a.risk_score, 0.61);
    assert.equal(a.zone, 'B1/F2');
    assert.deepEqual(transition, {
      alarm_id: 'device:DEV0001:overcurrent',
      source: 'overcurrent',
      priority: 'medium',
      from: 'normal',
      to: 'unacknowledged',
      cause: 'condition_active',
      at: t(1),
      operator: null,
      station: null,
      comment: null,
      condition_active: true,
      late: false,
    });
  });

  test('a repeated active condition updates the value but is no transition', () => {
    const raised = walk(alarm(), [active(t(1), { value: 40 })]);
    const { alarm: a, transition } = step(raised, active(t(2), { value: 45, zone: 'B1/F3' }));
    assert.equal(transition, null);
    assert.equal(a.value, 45);
    assert.equal(a.zone, 'B1/F3');
    assert.equal(a.activated_at, t(1));
    assert.equal(a.last_change_at, t(1));
  });

  test('acknowledge records who, when and the comment, with the station on the transition', () => {
    const raised = walk(alarm(), [active(t(1))]);
    const { alarm: a, transition } = step(raised, ack(t(2), OPERATOR, 'checking the board'));
    assert.equal(a.state, 'acknowledged');
    assert.equal(a.acked_by, 'kim');
    assert.equal(a.acked_at, t(2));
    assert.equal(a.comment, 'checking the board');
    assert.equal(transition?.operator, 'kim');
    assert.equal(transition?.station, 'desk-1');
    assert.equal(transition?.comment, 'checking the board');
    assert.equal(transition?.cause, 'acknowledge');
  });

  test('an acknowledgement without a comment keeps the last comment on the record', () => {
    const a = walk(alarm(), [active(t(1)), shelveFor(t(2), 5), expire(t(7)), ack(t(8))]);
    assert.equal(a.comment, 'chattering sensor');
  });

  test('acknowledged then cleared: back to normal; cleared then acknowledged: back to normal', () => {
    assert.equal(walk(alarm(), [active(t(1)), ack(t(2)), cleared(t(3))]).state, 'normal');
    const rtn = walk(alarm(), [active(t(1)), cleared(t(2))]);
    assert.equal(rtn.state, 'rtn_unacknowledged');
    assert.equal(rtn.value, null, 'a cleared event without a value keeps the value');
    assert.equal(step(rtn, ack(t(3))).alarm.state, 'normal');
  });

  test('a return-to-normal alarm that comes back is a new activation', () => {
    const again = walk(alarm(), [active(t(1)), cleared(t(2)), active(t(3))]);
    assert.equal(again.state, 'unacknowledged');
    assert.equal(again.activated_at, t(3));
  });

  test('the input record is never changed', () => {
    const raised = Object.freeze(walk(alarm(), [active(t(1))]));
    step(raised, ack(t(2)));
    assert.equal(raised.state, 'unacknowledged');
  });
});

describe('latching (critical alarms)', () => {
  test('critical alarms latch by default, others do not', () => {
    assert.equal(alarm('risk_critical').latching, true);
    assert.equal(alarm('TEMPERATURE_CRITICAL').latching, true);
    assert.equal(alarm('co_alarm').latching, false);
  });

  test('a latched alarm stays unacknowledged (and audible) after its condition clears', () => {
    const a = walk(alarm('risk_critical'), [active(t(1)), cleared(t(2))]);
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.condition_active, false);
    assert.ok(isAudible(a));
  });

  test('full cycle: active, acknowledged, cleared, still acknowledged, reset to normal', () => {
    let a = walk(alarm('risk_critical'), [active(t(1)), ack(t(2)), cleared(t(3))]);
    assert.equal(a.state, 'acknowledged');
    assert.ok(awaitsReset(a));
    a = step(a, reset(t(4), OPERATOR)).alarm;
    assert.equal(a.state, 'normal');
    assert.ok(!awaitsReset(a));
  });

  test('reset is refused before acknowledgement and while the condition holds', () => {
    refused(walk(alarm('risk_critical'), [active(t(1)), cleared(t(2))]), reset(t(3)), 'NOT_ACKNOWLEDGED');
    refused(walk(alarm('risk_critical'), [active(t(1)), ack(t(2))]), reset(t(3)), 'CONDITION_ACTIVE');
  });

  test('a latched alarm waiting for reset that activates again sounds again', () => {
    const a = walk(alarm('risk_critical'), [active(t(1)), ack(t(2)), cleared(t(3)), active(t(4))]);
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.activated_at, t(4));
    assert.equal(a.acked_by, null);
    assert.ok(isAudible(a));
  });

  test('latching follows the configuration', () => {
    const merged = mergeAlarmConfig({ latchingPriorities: ['critical', 'high'] });
    assert.ok(merged.ok);
    assert.equal(alarm('co_alarm', 'DEV1', merged.config).latching, true);
    const noLatch = mergeAlarmConfig({ latchingPriorities: [] });
    assert.ok(noLatch.ok);
    const a = walk(alarm('risk_critical', 'DEV1', noLatch.config), [active(t(1)), cleared(t(2))], noLatch.config);
    assert.equal(a.state, 'rtn_unacknowledged');
  });
});

describe('late alarms (from a backlog already cleared)', () => {
  test('are recorded as returned to normal unacknowledged and never sound', () => {
    const { alarm: a, transition } = step(alarm('co_alarm'), active(t(1), { late: true, value: 60 }));
    assert.equal(a.state, 'rtn_unacknowledged');
    assert.equal(a.late, true);
    assert.equal(a.condition_active, false);
    assert.equal(a.value, 60);
    assert.equal(a.activated_at, t(1));
    assert.equal(transition?.late, true);
    assert.equal(transition?.cause, 'condition_active');
    assert.ok(!isAudible(a));
  });

  test('a late critical alarm latches, silently, until acknowledged and reset', () => {
    let a = step(alarm('risk_critical'), active(t(1), { late: true })).alarm;
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.late, true);
    assert.ok(!isAudible(a));
    a = walk(a, [ack(t(2)), reset(t(3))]);
    assert.equal(a.state, 'normal');
  });

  test('a late activation does not touch an alarm whose condition is active now', () => {
    const raised = walk(alarm(), [active(t(5), { value: 50 })]);
    const { alarm: a, transition } = step(raised, active(t(1), { late: true, value: 10 }));
    assert.equal(transition, null);
    assert.equal(a.value, 50);
    assert.equal(a.late, false);
  });

  test('a late activation does not make an audible latched alarm silent, but is counted', () => {
    const latched = walk(alarm('risk_critical'), [active(t(1)), cleared(t(2))]);
    const { alarm: a, transition } = step(latched, active(t(3), { late: true }));
    assert.equal(a.late, false);
    assert.ok(isAudible(a));
    assert.equal(transition?.late, true);
    assert.equal(transition?.from, 'unacknowledged');
  });

  test('a later live activation makes it sound', () => {
    const a = walk(alarm('co_alarm'), [active(t(1), { late: true }), active(t(2))]);
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.late, false);
    assert.ok(isAudible(a));
  });
});

describe('shelving', () => {
  test('a timed shelve records until when and by whom; expiry brings an active alarm back unacknowledged', () => {
    let a = walk(alarm(), [active(t(1)), ack(t(2)), shelveFor(t(3), 30)]);
    assert.equal(a.state, 'shelved');
    assert.equal(a.shelve_kind, 'timed');
    assert.equal(a.shelved_until, t(33));
    assert.equal(a.shelved_by, 'kim');
    assert.equal(a.comment, 'chattering sensor');
    refused(a, expire(t(32)), 'SHELVE_NOT_DUE');
    const { alarm: back, transition } = step(a, expire(t(33)));
    a = back;
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.activated_at, t(33));
    assert.equal(a.shelve_kind, null);
    assert.equal(a.shelved_until, null);
    assert.equal(transition?.cause, 'shelve_expired');
    assert.ok(isAudible(walk(alarm('co_alarm'), [active(t(1)), shelveFor(t(2), 5), expire(t(7))])));
  });

  test('expiry of a shelve whose condition cleared meanwhile returns to normal', () => {
    const a = walk(alarm(), [active(t(1)), shelveFor(t(2), 10), cleared(t(5)), expire(t(12))]);
    assert.equal(a.state, 'normal');
  });

  test('shelved alarms still evaluate: the condition is tracked and its edges recorded', () => {
    const shelved = walk(alarm(), [active(t(1)), shelveFor(t(2), 60)]);
    const c = step(shelved, cleared(t(3)));
    assert.equal(c.alarm.state, 'shelved');
    assert.equal(c.alarm.condition_active, false);
    assert.equal(c.transition?.cause, 'condition_cleared');
    const r = step(c.alarm, active(t(4)));
    assert.equal(r.alarm.state, 'shelved');
    assert.equal(r.transition?.cause, 'condition_active');
    assert.equal(r.transition?.to, 'shelved');
  });

  test('a one-shot shelve ends when the condition clears, and the alarm is normal', () => {
    const shelved = walk(alarm(), [active(t(1)), shelveOnce(t(2))]);
    assert.equal(shelved.shelve_kind, 'one_shot');
    assert.equal(shelved.shelved_until, null);
    const { alarm: a, transition } = step(shelved, cleared(t(3)));
    assert.equal(a.state, 'normal');
    assert.equal(a.shelve_kind, null);
    assert.equal(transition?.cause, 'one_shot_cleared');
    // The next activation is a fresh alarm, not shelved.
    assert.equal(step(a, active(t(4))).alarm.state, 'unacknowledged');
  });

  test('unshelve presents an active alarm afresh and records the operator', () => {
    const { alarm: a, transition } = step(walk(alarm(), [active(t(1)), ack(t(2)), shelveFor(t(3), 60)]), unshelve(t(4)));
    assert.equal(a.state, 'unacknowledged');
    assert.equal(a.acked_by, null);
    assert.equal(a.activated_at, t(4));
    assert.equal(transition?.operator, 'kim');
  });

  test('shelving needs a comment and a positive duration', () => {
    const raised = walk(alarm(), [active(t(1))]);
    assert.equal(refused(raised, shelveFor(t(2), 30, OPERATOR, '  '), 'COMMENT_REQUIRED').http_status, 400);
    refused(raised, shelveFor(t(2), 0), 'INVALID_DURATION');
    refused(raised, shelveFor(t(2), -5), 'INVALID_DURATION');
    refused(raised, shelveFor(t(2), Number.NaN), 'INVALID_DURATION');
  });

  test('beyond the site maximum only a supervisor may shelve, and never beyond the supervisor maximum', () => {
    const raised = walk(alarm(), [active(t(1))]);
    assert.equal(step(raised, shelveFor(t(2), 480)).alarm.shelved_until, t(2) + 480 * MINUTE);
    assert.equal(refused(raised, shelveFor(t(2), 481), 'SUPERVISOR_REQUIRED').http_status, 403);
    assert.equal(step(raised, shelveFor(t(2), 481, SUPERVISOR)).alarm.state, 'shelved');
    refused(raised, shelveFor(t(2), 7 * 24 * 60 + 1, SUPERVISOR), 'INVALID_DURATION');
  });

  test('critical alarms may be shelved by a supervisor only', () => {
    const critical = walk(alarm('risk_critical'), [active(t(1))]);
    refused(critical, shelveFor(t(2), 10), 'SUPERVISOR_REQUIRED');
    refused(critical, shelveOnce(t(2)), 'SUPERVISOR_REQUIRED');
    assert.equal(step(critical, shelveOnce(t(2), SUPERVISOR)).alarm.state, 'shelved');
  });

  test('due and next shelve expiries, for the host timer', () => {
    const a = walk(alarm('overcurrent', 'A'), [active(t(1)), shelveFor(t(1), 10)]);
    const b = walk(alarm('overcurrent', 'B'), [active(t(1)), shelveFor(t(1), 20)]);
    const c = walk(alarm('overcurrent', 'C'), [active(t(1)), shelveOnce(t(1))]);
    assert.equal(nextShelveExpiry([a, b, c]), t(11));
    assert.deepEqual(dueShelveExpiries([a, b, c], t(10)), []);
    assert.deepEqual(dueShelveExpiries([a, b, c], t(11)), [a.id]);
    assert.deepEqual(dueShelveExpiries([a, b, c], t(30)), [a.id, b.id]);
    assert.equal(nextShelveExpiry([c]), null);
  });
});

describe('out of service and suppression', () => {
  test('only a supervisor, with a reason, takes a point out of service or back', () => {
    const raised = walk(alarm(), [active(t(1))]);
    refused(raised, remove(t(2), OPERATOR), 'SUPERVISOR_REQUIRED');
    refused(raised, remove(t(2), SUPERVISOR, ''), 'COMMENT_REQUIRED');
    const oos = step(raised, remove(t(2))).alarm;
    assert.equal(oos.state, 'out_of_service');
    assert.equal(oos.comment, 'breaker maintenance');
    refused(oos, restore(t(3), OPERATOR), 'SUPERVISOR_REQUIRED');
    assert.equal(step(oos, restore(t(3))).alarm.state, 'unacknowledged');
  });

  test('out of service supersedes a shelve, and the point returns unshelved', () => {
    const a = walk(alarm(), [active(t(1)), shelveFor(t(2), 60), remove(t(3))]);
    assert.equal(a.state, 'out_of_service');
    assert.equal(a.shelve_kind, null);
    assert.equal(walk(a, [cleared(t(4)), restore(t(5))]).state, 'normal');
  });

  test('out of service points evaluate but do not sound', () => {
    const a = walk(alarm('co_alarm'), [remove(t(1)), active(t(2))]);
    assert.equal(a.state, 'out_of_service');
    assert.equal(a.condition_active, true);
    assert.ok(!isAudible(a));
  });

  test('flags stack: out of service over suppressed over shelved', () => {
    let a = walk(alarm(), [active(t(1)), shelveFor(t(2), 60), suppress(t(3))]);
    assert.equal(a.state, 'suppressed');
    a = step(a, remove(t(4))).alarm;
    assert.equal(a.state, 'out_of_service');
    a = step(a, restore(t(5))).alarm;
    assert.equal(a.state, 'suppressed', 'still suppressed by design');
    a = step(a, unsuppress(t(6))).alarm;
    assert.equal(a.state, 'unacknowledged');
  });

  test('a shelve that runs out while suppressed leaves the alarm suppressed', () => {
    const a = walk(alarm(), [active(t(1)), shelveFor(t(2), 10), suppress(t(3)), expire(t(12))]);
    assert.equal(a.state, 'suppressed');
    assert.equal(a.shelve_kind, null);
    assert.equal(step(a, unsuppress(t(13))).alarm.state, 'unacknowledged');
  });

  test('suppression comes with its reason on the transition', () => {
    const { transition } = step(walk(alarm(), [active(t(1))]), suppress(t(2)));
    assert.equal(transition?.comment, 'while monitoring_lost');
    assert.equal(transition?.operator, null);
  });
});

describe('who may act', () => {
  test('a wall display is read-only (403) and every action needs an operator name (400)', () => {
    const raised = walk(alarm(), [active(t(1))]);
    for (const event of [ack(t(2), WALL), shelveFor(t(2), 5, WALL), unshelve(t(2), WALL), reset(t(2), WALL)]) {
      assert.equal(refused(raised, event, 'READ_ONLY').http_status, 403);
    }
    assert.equal(refused(raised, ack(t(2), { ...OPERATOR, operator: ' ' }), 'OPERATOR_REQUIRED').http_status, 400);
  });

  test('every refusal names the alarm, its state and a reason, and maps to 400, 403 or 409', () => {
    const outcome = applyAlarmEvent(alarm(), ack(t(1)));
    assert.ok(!outcome.ok);
    assert.deepEqual({ ...outcome.rejection, message: typeof outcome.rejection.message }, {
      code: 'NOTHING_TO_ACKNOWLEDGE',
      http_status: 409,
      message: 'string',
      alarm_id: 'device:DEV0001:overcurrent',
      state: 'normal',
    });
    assert.equal(rejectionStatus('ALREADY_ACKNOWLEDGED'), 409);
    assert.equal(rejectionStatus('INVALID_DURATION'), 400);
    assert.equal(rejectionStatus('SUPERVISOR_REQUIRED'), 403);
  });
});

describe('acknowledge all visible', () => {
  test('acknowledges each waiting alarm and leaves the others alone', () => {
    const a = walk(alarm('overcurrent', 'A'), [active(t(1))]);
    const b = walk(alarm('overcurrent', 'B'), [active(t(1)), cleared(t(2))]);
    const c = walk(alarm('overcurrent', 'C'), [active(t(1)), ack(t(2))]);
    const d = alarm('overcurrent', 'D');
    const result = acknowledgeAll([a, b, c, d], OPERATOR, t(3), 'shift start');
    assert.deepEqual(result.changed.map((x) => [x.alarm.target, x.alarm.state]), [['A', 'acknowledged'], ['B', 'normal']]);
    assert.deepEqual(result.rejected, []);
    assert.equal(acknowledgeAll([a], WALL, t(3)).rejected[0]?.code, 'READ_ONLY');
  });
});

describe('state filter of GET /api/alarms', () => {
  test('active means any standing alarm', () => {
    const states = [
      alarm(),
      walk(alarm(), [active(t(1))]),
      walk(alarm(), [active(t(1)), ack(t(2))]),
      walk(alarm(), [active(t(1)), cleared(t(2))]),
      walk(alarm(), [active(t(1)), shelveFor(t(2), 5)]),
    ];
    assert.deepEqual(states.map((a) => matchesStateFilter(a, 'active')), [false, true, true, true, false]);
    assert.deepEqual(states.map((a) => matchesStateFilter(a, 'shelved')), [false, false, false, false, true]);
  });
});
