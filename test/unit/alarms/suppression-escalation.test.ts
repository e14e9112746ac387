import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeAlarmConfig } from '../../../shared/alarms/config';
import { dueEscalations, escalationKey, nextEscalationAt } from '../../../shared/alarms/escalation';
import { alarmPoint } from '../../../shared/alarms/points';
import { newAlarmRecord } from '../../../shared/alarms/record';
import { stationSound } from '../../../shared/alarms/silence';
import { designSuppressionChanges, suppressedSources } from '../../../shared/alarms/suppression';
import type { AlarmRecord } from '../../../shared/alarms/types';
import { MINUTE, SECOND, SUPERVISOR, T0, ack, active, alarm, cleared, shelveFor, step, walk } from './helpers';

const t = (minutes: number): number => T0 + minutes * MINUTE;

function applyChanges(alarms: AlarmRecord[], at: number): AlarmRecord[] {
  const changes = new Map(designSuppressionChanges(alarms, at).map((c) => [c.alarm_id, c.event]));
  return alarms.map((a) => (changes.has(a.id) ? step(a, changes.get(a.id)!).alarm : a));
}

describe('suppression by design: monitoring lost', () => {
  test('suppresses every communication-loss alarm while it stands, and lets them back after', () => {
    const monitoring = newAlarmRecord(alarmPoint('host', 'monitoring_lost'), T0);
    let alarms = [
      walk(monitoring, [active(t(1))]),
      walk(alarm('communication_loss', 'D1'), [active(t(1))]),
      walk(alarm('communication_loss', 'D2'), [active(t(1)), cleared(t(2))]),
      walk(alarm('co_alarm', 'D3'), [active(t(1))]),
    ];
    assert.deepEqual([...suppressedSources(alarms)], ['communication_loss']);
    alarms = applyChanges(alarms, t(3));
    assert.deepEqual(alarms.map((a) => a.state), ['unacknowledged', 'suppressed', 'suppressed', 'unacknowledged']);
    assert.deepEqual(designSuppressionChanges(alarms, t(3)), [], 'nothing more to do');
    // Monitoring comes back; D1 still silent, D2 reporting.
    alarms = applyChanges([walk(alarms[0]!, [cleared(t(4))]), ...alarms.slice(1)], t(4));
    assert.deepEqual(alarms.map((a) => a.state), ['rtn_unacknowledged', 'unacknowledged', 'normal', 'unacknowledged']);
  });

  test('a new communication-loss record suppressed before its first condition never sounds', () => {
    const monitoring = walk(newAlarmRecord(alarmPoint('host', 'monitoring_lost'), T0), [active(t(1))]);
    const fresh = alarm('communication_loss', 'D9');
    const [change] = designSuppressionChanges([monitoring, fresh], t(2)).filter((c) => c.alarm_id === fresh.id);
    const raised = walk(fresh, [change!.event, active(t(2))]);
    assert.equal(raised.state, 'suppressed');
    assert.equal(stationSound([raised], null, t(2)).sound, 'none');
  });
});

describe('escalation of unacknowledged critical alarms', () => {
  const critical = (device: string, at: number): AlarmRecord => walk(alarm('risk_critical', device), [active(at)]);

  test('due after 3 minutes unacknowledged, once per presentation', () => {
    const a = critical('A', t(0));
    const none = new Set<string>();
    assert.deepEqual(dueEscalations([a], t(3) - 1, none), []);
    assert.equal(nextEscalationAt([a], none), t(3));
    const due = dueEscalations([a], t(3), none);
    assert.deepEqual(due.map((d) => [d.key, d.unacknowledged_ms]), [[escalationKey(a), 3 * MINUTE]]);
    const sent = new Set([escalationKey(a)]);
    assert.deepEqual(dueEscalations([a], t(10), sent), []);
    assert.equal(nextEscalationAt([a], sent), null);
    // Cleared, acknowledged, reset and back: a new presentation escalates again.
    const again = walk(a, [ack(t(11)), cleared(t(12)), { type: 'reset', at: t(13), actor: SUPERVISOR }, active(t(14))]);
    assert.equal(dueEscalations([again], t(17), sent).length, 1);
  });

  test('acknowledged, shelved, late and non-critical alarms do not escalate', () => {
    const alarms = [
      walk(alarm('risk_critical', 'a'), [active(t(0)), ack(t(1))]),
      walk(alarm('risk_critical', 'b'), [active(t(0)), shelveFor(t(1), 60, SUPERVISOR)]),
      walk(alarm('risk_critical', 'c'), [active(t(0), { late: true })]),
      walk(alarm('co_alarm', 'd'), [active(t(0))]),
    ];
    assert.deepEqual(dueEscalations(alarms, t(30), new Set()), []);
  });

  test('oldest first; time and priorities configurable', () => {
    const merged = mergeAlarmConfig({ escalation: { afterMs: 30 * SECOND, priorities: ['critical', 'high'] } });
    assert.ok(merged.ok);
    const alarms = [critical('late', t(1)), walk(alarm('co_alarm', 'gas'), [active(t(0))])];
    assert.deepEqual(
      dueEscalations(alarms, t(2), new Set(), merged.config).map((d) => d.alarm.target),
      ['gas', 'late'],
    );
  });
});
