import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toAlarmView } from '../../../shared/alarms/api-view';
import { MINUTE, T0, ack, active, alarm, shelveFor, walk } from './helpers';

test('an alarm in the shape of GET /api/alarms, times in ISO-8601', () => {
  const record = walk(alarm('co_alarm'), [active(T0 + MINUTE, { value: 88, message: 'Carbon monoxide: 88.0 ppm' }), ack(T0 + 2 * MINUTE, undefined, 'ventilating'), shelveFor(T0 + 3 * MINUTE, 15)]);
  assert.deepEqual(toAlarmView(record), {
    id: 'device:DEV0001:co_alarm',
    device_id: 'DEV0001',
    zone: 'B1/F2',
    source: 'co_alarm',
    priority: 'high',
    state: 'shelved',
    message: 'Carbon monoxide: 88.0 ppm',
    value: 88,
    activated_at: '2026-03-01T09:01:00.000Z',
    last_change_at: '2026-03-01T09:03:00.000Z',
    acked_by: 'kim',
    acked_at: '2026-03-01T09:02:00.000Z',
    comment: 'chattering sensor',
    shelved_until: '2026-03-01T09:18:00.000Z',
    late: false,
  });
});
