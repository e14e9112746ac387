import assert from 'node:assert/strict';
import type { AlarmConfig } from '../../../shared/alarms/config';
import { DEFAULT_ALARM_CONFIG } from '../../../shared/alarms/config';
import { devicePoint } from '../../../shared/alarms/points';
import { newAlarmRecord } from '../../../shared/alarms/record';
import type { AlarmSource } from '../../../shared/alarms/sources';
import { applyAlarmEvent } from '../../../shared/alarms/state-machine';
import type { Actor, AlarmEvent, AlarmRecord, AlarmRejection, AlarmTransition, RejectionCode } from '../../../shared/alarms/types';

export const T0 = Date.parse('2026-03-01T09:00:00.000Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export const OPERATOR: Actor = { operator: 'kim', station: 'desk-1', role: 'operator' };
export const SUPERVISOR: Actor = { operator: 'park', station: 'desk-2', role: 'supervisor' };
export const WALL: Actor = { operator: 'wall', station: 'wall-1', role: 'viewer' };

/** A device alarm in normal state. overcurrent is medium and does not latch; risk_critical latches. */
export function alarm(source: AlarmSource = 'overcurrent', device = 'DEV0001', config: AlarmConfig = DEFAULT_ALARM_CONFIG): AlarmRecord {
  return newAlarmRecord(devicePoint(device, source), T0, { zone: 'B1/F2', config });
}

export function step(
  record: AlarmRecord,
  event: AlarmEvent,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): { alarm: AlarmRecord; transition: AlarmTransition | null } {
  const outcome = applyAlarmEvent(record, event, config);
  assert.ok(outcome.ok, outcome.ok ? '' : `${event.type} refused: ${outcome.rejection.code} ${outcome.rejection.message}`);
  return { alarm: outcome.alarm, transition: outcome.transition };
}

/** Applies events in order, each of which must be accepted; returns the final record. */
export function walk(record: AlarmRecord, events: ReadonlyArray<AlarmEvent>, config: AlarmConfig = DEFAULT_ALARM_CONFIG): AlarmRecord {
  let current = record;
  for (const event of events) current = step(current, event, config).alarm;
  return current;
}

export function refused(record: AlarmRecord, event: AlarmEvent, code: RejectionCode, config: AlarmConfig = DEFAULT_ALARM_CONFIG): AlarmRejection {
  const outcome = applyAlarmEvent(record, event, config);
  assert.ok(!outcome.ok, `${event.type} in ${record.state} should be refused with ${code}`);
  assert.equal(outcome.rejection.code, code);
  return outcome.rejection;
}

export const active = (at: number, extra: Partial<Extract<AlarmEvent, { type: 'condition_active' }>> = {}): AlarmEvent => ({
  type: 'condition_active',
  at,
  ...extra,
});
export const cleared = (at: number): AlarmEvent => ({ type: 'condition_cleared', at });
export const ack = (at: number, actor: Actor = OPERATOR, comment: string | null = null): AlarmEvent => ({ type: 'acknowledge', at, actor, comment });
export const shelveFor = (at: number, minutes: number, actor: Actor = OPERATOR, comment = 'chattering sensor'): AlarmEvent => ({
  type: 'shelve',
  at,
  actor,
  shelve: { kind: 'timed', minutes },
  comment,
});
export const shelveOnce = (at: number, actor: Actor = OPERATOR, comment = 'known fault'): AlarmEvent => ({
  type: 'shelve',
  at,
  actor,
  shelve: { kind: 'one_shot' },
  comment,
});
export const unshelve = (at: number, actor: Actor = OPERATOR): AlarmEvent => ({ type: 'unshelve', at, actor });
export const expire = (at: number): AlarmEvent => ({ type: 'shelve_expired', at });
export const reset = (at: number, actor: Actor = OPERATOR): AlarmEvent => ({ type: 'reset', at, actor });
export const remove = (at: number, actor: Actor = SUPERVISOR, comment = 'breaker maintenance'): AlarmEvent => ({
  type: 'remove_from_service',
  at,
  actor,
  comment,
});
export const restore = (at: number, actor: Actor = SUPERVISOR): AlarmEvent => ({ type: 'return_to_service', at, actor });
export const suppress = (at: number): AlarmEvent => ({ type: 'suppress', at, reason: 'while monitoring_lost' });
export const unsuppress = (at: number): AlarmEvent => ({ type: 'unsuppress', at, reason: 'while monitoring_lost' });

/** A transition record as the state machine writes it, for building KPI inputs. */
export function transition(alarmId: string, at: number, overrides: Partial<AlarmTransition> = {}): AlarmTransition {
  return {
    alarm_id: alarmId,
    source: 'overcurrent',
    priority: 'medium',
    from: 'normal',
    to: 'unacknowledged',
    cause: 'condition_active',
    at,
    operator: null,
    station: null,
    comment: null,
    condition_active: true,
    late: false,
    ...overrides,
  };
}
