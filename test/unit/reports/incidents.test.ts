import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransitionInput } from '../../../electron/host/reports/incidents';
import { groupIncidents, matchesFilter } from '../../../electron/host/reports/incidents';

function tr(at: number, alarm: string, from: string, to: string, extra: Partial<TransitionInput> = {}): TransitionInput {
  const device = alarm.startsWith('device:') ? alarm.split(':')[1]! : null;
  return {
    alarm_id: alarm,
    device_id: device,
    zone: device === null ? alarm.split(':')[1]! : 'B1',
    source: alarm.split(':')[2] as TransitionInput['source'],
    priority: 'high',
    from: from as TransitionInput['from'],
    to: to as TransitionInput['to'],
    cause: (extra.operator ? 'acknowledge' : to === 'unacknowledged' ? 'condition_active' : 'condition_cleared') as TransitionInput['cause'],
    at,
    operator: null,
    station: null,
    comment: null,
    condition_active: to === 'unacknowledged' || to === 'acknowledged',
    late: false,
    ...extra,
  };
}

describe('incidents from alarm transitions', () => {
  it('groups a device’s alarms into one episode until all are normal, then starts another', () => {
    const incidents = groupIncidents([
      tr(1000, 'device:D1:risk_high', 'normal', 'unacknowledged'),
      tr(2000, 'device:D1:overcurrent', 'normal', 'unacknowledged', { priority: 'critical' }),
      tr(3000, 'device:D1:risk_high', 'unacknowledged', 'acknowledged', { operator: 'kim', comment: 'seen' }),
      tr(4000, 'device:D1:overcurrent', 'unacknowledged', 'rtn_unacknowledged'),
      tr(5000, 'device:D1:risk_high', 'acknowledged', 'normal'),
      tr(6000, 'device:D1:overcurrent', 'rtn_unacknowledged', 'normal', { operator: 'lee', cause: 'acknowledge' }),
      tr(9000, 'device:D1:risk_high', 'normal', 'unacknowledged'),
      tr(9500, 'zone:B2:zone_heating', 'normal', 'unacknowledged'),
    ]);
    assert.equal(incidents.length, 3);
    const [first, second, zone] = incidents;
    assert.equal(first!.state, 'closed');
    assert.deepEqual(first!.alarm_ids, ['device:D1:risk_high', 'device:D1:overcurrent']);
    assert.equal(first!.first_out.alarm_id, 'device:D1:risk_high');
    assert.equal(first!.highest_priority, 'critical');
    assert.equal(first!.first_ack_ms, 3000);
    assert.equal(first!.first_ack_by, 'kim');
    assert.equal(first!.end_ms, 6000);
    assert.equal(first!.id, 'device:D1@1000');
    assert.equal(second!.state, 'open');
    assert.equal(second!.end_ms, null);
    assert.equal(zone!.device_id, null);
    assert.equal(zone!.zone, 'B2');
    assert.equal(zone!.id, 'zone:B2@9500');
  });

  it('ignores actions on points that were already normal, and filters by period, device, priority and state', () => {
    const incidents = groupIncidents([
      tr(500, 'device:D2:risk_high', 'acknowledged', 'normal'),
      tr(1000, 'device:D2:risk_high', 'normal', 'unacknowledged'),
      tr(2000, 'device:D2:risk_high', 'unacknowledged', 'shelved', { operator: 'kim', cause: 'shelve' as TransitionInput['cause'] }),
    ]);
    assert.equal(incidents.length, 1);
    const i = incidents[0]!;
    assert.equal(i.outcome, 'open: shelved');
    assert.ok(matchesFilter(i, { fromMs: 5000 }), 'an open incident overlaps every later period');
    assert.ok(!matchesFilter(i, { toMs: 1000 }));
    assert.ok(!matchesFilter(i, { deviceId: 'D1' }));
    assert.ok(!matchesFilter(i, { priority: 'critical' }));
    assert.ok(!matchesFilter(i, { state: 'closed' }));
    assert.ok(matchesFilter(i, { state: 'open', priority: 'high', deviceId: 'D2', zone: 'B1' }));
  });
});
