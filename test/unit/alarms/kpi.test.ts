import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeAlarmKpis } from '../../../shared/alarms/kpi';
import type { AlarmTransition } from '../../../shared/alarms/types';
import { MINUTE, T0, ack, active, alarm, transition, walk } from './helpers';

const HOUR = 60 * MINUTE;

describe('EEMUA 191 figures', () => {
  test('alarm rate per 10 minutes, peak and periods over the flood level', () => {
    const transitions: AlarmTransition[] = [
      ...Array.from({ length: 12 }, (_, i) => transition(`device:F${i}:overcurrent`, T0 + i * 1000)),
      transition('device:X:overcurrent', T0 + 25 * MINUTE),
      transition('device:Y:overcurrent', T0 + 59 * MINUTE),
      transition('device:Z:overcurrent', T0 + 60 * MINUTE), // outside [from, to)
      transition('device:Y:overcurrent', T0 + 30 * MINUTE, { cause: 'acknowledge', from: 'unacknowledged', to: 'acknowledged' }),
    ];
    const kpis = computeAlarmKpis({ transitions, alarms: [], from: T0, to: T0 + HOUR });
    assert.equal(kpis.alarms, 14);
    assert.deepEqual(kpis.per_10_min.periods.map((p) => p.count), [12, 0, 1, 0, 0, 1]);
    assert.equal(kpis.per_10_min.average, 14 / 6);
    assert.equal(kpis.per_10_min.peak, 12);
    assert.equal(kpis.per_10_min.periods_over_flood, 1);
    assert.equal(kpis.floods.episodes.length, 1);
    assert.equal(kpis.floods.episodes[0]?.first_out.alarm_id, 'device:F0:overcurrent');
    // From the 11th alarm (10 s) until the 8th (7 s) has been 10 minutes in the past.
    assert.equal(kpis.floods.time_in_flood_ms, 10 * MINUTE - 3000);
  });

  test('priority split and the ten noisiest points', () => {
    const transitions: AlarmTransition[] = [];
    const add = (id: string, priority: AlarmTransition['priority'], times: number): void => {
      for (let i = 0; i < times; i++) transitions.push(transition(id, T0 + transitions.length * MINUTE, { priority }));
    };
    add('device:A:arc_alarm', 'high', 5);
    add('device:B:overcurrent', 'medium', 3);
    for (let i = 0; i < 12; i++) add(`device:L${String(i).padStart(2, '0')}:power_anomaly`, 'low', 1);
    const kpis = computeAlarmKpis({ transitions, alarms: [], from: T0, to: T0 + 24 * HOUR });
    assert.deepEqual(kpis.priority_split, {
      critical: { count: 0, share: 0 },
      high: { count: 5, share: 0.25 },
      medium: { count: 3, share: 0.15 },
      low: { count: 12, share: 0.6 },
    });
    assert.equal(kpis.top_noisiest.length, 10);
    assert.deepEqual(kpis.top_noisiest.slice(0, 3).map((p) => [p.alarm_id, p.count]), [
      ['device:A:arc_alarm', 5],
      ['device:B:overcurrent', 3],
      ['device:L00:power_anomaly', 1],
    ]);
  });

  test('late alarms count as alarms and are reported as late', () => {
    const transitions = [transition('device:A:co_alarm', T0, { late: true, to: 'rtn_unacknowledged', condition_active: false })];
    const kpis = computeAlarmKpis({ transitions, alarms: [], from: T0, to: T0 + HOUR });
    assert.equal(kpis.alarms, 1);
    assert.equal(kpis.late, 1);
  });

  test('stale: standing in the list for more than 24 hours', () => {
    const now = T0 + 48 * HOUR;
    const alarms = [
      walk(alarm('overcurrent', 'old'), [active(T0)]),
      walk(alarm('overcurrent', 'old-acked'), [active(T0 + HOUR), ack(T0 + 2 * HOUR)]),
      walk(alarm('overcurrent', 'exactly-24h'), [active(now - 24 * HOUR)]),
      walk(alarm('overcurrent', 'fresh'), [active(now - HOUR)]),
      alarm('overcurrent', 'normal'),
    ];
    const kpis = computeAlarmKpis({ transitions: [], alarms, from: now - HOUR, to: now });
    assert.deepEqual(kpis.stale.map((s) => [s.alarm_id, s.age_ms]), [
      ['device:old:overcurrent', 48 * HOUR],
      ['device:old-acked:overcurrent', 47 * HOUR],
    ]);
  });

  test('chattering points are listed', () => {
    const transitions = [0, 10, 20].map((s) => transition('device:A:arc_alarm', T0 + s * 1000, { source: 'arc_alarm', priority: 'high' }));
    const kpis = computeAlarmKpis({ transitions, alarms: [], from: T0, to: T0 + HOUR });
    assert.equal(kpis.chattering[0]?.alarm_id, 'device:A:arc_alarm');
  });

  test('an empty period', () => {
    const kpis = computeAlarmKpis({ transitions: [], alarms: [], from: T0, to: T0 + 10 * MINUTE });
    assert.equal(kpis.alarms, 0);
    assert.deepEqual(kpis.per_10_min.periods, [{ start: T0, count: 0 }]);
    assert.equal(kpis.per_10_min.average, 0);
    assert.equal(kpis.floods.share_of_time, 0);
  });
});
