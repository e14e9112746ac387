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

describe('a zone’s cluster alarm groups the alarms of its devices', () => {
  const zoneTr = (at: number, from: string, to: string, extra: Partial<TransitionInput> = {}): TransitionInput =>
    tr(at, 'zone:B1:HIGH_RISK_CLUSTER', from, to, { zone: 'B1', ...extra });

  it('makes one incident of a zone episode and every overlapping episode of a device in that zone', () => {
    const incidents = groupIncidents([
      tr(1000, 'device:D1:risk_high', 'normal', 'unacknowledged'),
      tr(2000, 'device:D2:risk_high', 'normal', 'unacknowledged'),
      zoneTr(2500, 'normal', 'unacknowledged', { priority: 'critical' }),
      tr(3000, 'device:D1:risk_high', 'unacknowledged', 'acknowledged', { operator: 'kim' }),
      tr(3500, 'device:D1:risk_high', 'acknowledged', 'normal'),
      zoneTr(4000, 'unacknowledged', 'rtn_unacknowledged'),
      tr(4500, 'device:D2:risk_high', 'unacknowledged', 'rtn_unacknowledged'),
      zoneTr(5000, 'rtn_unacknowledged', 'normal', { operator: 'lee', cause: 'acknowledge' as TransitionInput['cause'] }),
      tr(5500, 'device:D2:risk_high', 'rtn_unacknowledged', 'normal', { operator: 'lee', cause: 'acknowledge' as TransitionInput['cause'] }),
      // Same zone, after the cluster cleared: a separate incident.
      tr(8000, 'device:D3:risk_high', 'normal', 'unacknowledged'),
      // Another zone's device while B1's cluster stood: not grouped.
      tr(2600, 'device:D9:risk_high', 'normal', 'unacknowledged', { zone: 'C7' }),
    ].sort((a, b) => a.at - b.at));
    assert.equal(incidents.length, 3);
    const [grouped, other, later] = incidents;
    assert.equal(grouped!.id, 'device:D1@1000', 'the grouped incident keeps the id of the episode that opened it');
    assert.deepEqual(grouped!.episode_ids, ['device:D1@1000', 'device:D2@2000', 'zone:B1@2500']);
    assert.deepEqual(grouped!.device_ids, ['D1', 'D2']);
    assert.equal(grouped!.device_id, 'D1');
    assert.equal(grouped!.zone, 'B1');
    assert.equal(grouped!.first_out.alarm_id, 'device:D1:risk_high');
    assert.equal(grouped!.highest_priority, 'critical');
    assert.equal(grouped!.start_ms, 1000);
    assert.equal(grouped!.end_ms, 5500, 'closes when the last of its episodes closes');
    assert.equal(grouped!.state, 'closed');
    assert.deepEqual(grouped!.transitions.map((t) => t.at), [1000, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500]);
    assert.equal(other!.device_id, 'D9');
    assert.equal(later!.id, 'device:D3@8000');
    assert.ok(matchesFilter(grouped!, { deviceId: 'D2' }), 'a device filter finds the grouped incident of its zone');
    assert.ok(!matchesFilter(grouped!, { deviceId: 'D3' }));
  });

  it('leaves overlapping device episodes apart when no zone alarm stands, and a zone-first incident names its first device', () => {
    const apart = groupIncidents([
      tr(1000, 'device:D1:risk_high', 'normal', 'unacknowledged'),
      tr(1500, 'device:D2:risk_high', 'normal', 'unacknowledged'),
    ]);
    assert.equal(apart.length, 2);
    const zoneFirst = groupIncidents([
      zoneTr(1000, 'normal', 'unacknowledged'),
      tr(1200, 'device:D2:risk_high', 'normal', 'unacknowledged'),
    ]);
    assert.equal(zoneFirst.length, 1);
    assert.equal(zoneFirst[0]!.id, 'zone:B1@1000');
    assert.equal(zoneFirst[0]!.device_id, 'D2');
    assert.equal(zoneFirst[0]!.state, 'open');
    assert.equal(zoneFirst[0]!.first_out.source, 'HIGH_RISK_CLUSTER');
  });

  it('groups transitively: a device episode spanning two zone episodes joins all three', () => {
    const incidents = groupIncidents([
      zoneTr(1000, 'normal', 'unacknowledged'),
      tr(1500, 'device:D1:risk_high', 'normal', 'unacknowledged'),
      zoneTr(2000, 'unacknowledged', 'normal', { operator: 'kim' }),
      zoneTr(3000, 'normal', 'unacknowledged'),
      zoneTr(3500, 'unacknowledged', 'normal', { operator: 'kim' }),
      tr(4000, 'device:D1:risk_high', 'unacknowledged', 'normal', { operator: 'kim' }),
    ]);
    assert.equal(incidents.length, 1);
    assert.deepEqual(incidents[0]!.episode_ids, ['zone:B1@1000', 'device:D1@1500', 'zone:B1@3000']);
    assert.equal(incidents[0]!.end_ms, 4000);
  });
});
