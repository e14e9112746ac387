import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG, isLatchingPriority, priorityOf, soundOf } from './config';
import type { AlarmPoint } from './points';
import { SOURCE_LABELS } from './sources';
import type { AlarmRecord, AlarmState } from './types';

export interface NewAlarmOptions {
  readonly zone?: string | null;
  readonly message?: string;
  readonly config?: AlarmConfig;
}

/**
 * A point's record before anything has happened to it: normal, condition inactive. Priority, sound
 * and latching are taken from the configuration now and kept, so an alarm keeps the rules it was
 * raised under even if the settings change while it stands.
 */
export function newAlarmRecord(point: AlarmPoint, at: number, options: NewAlarmOptions = {}): AlarmRecord {
  const config = options.config ?? DEFAULT_ALARM_CONFIG;
  const priority = priorityOf(point.source, config);
  return {
    id: point.id,
    scope: point.scope,
    target: point.target,
    device_id: point.scope === 'device' ? point.target : null,
    zone: point.scope === 'zone' ? point.target : (options.zone ?? null),
    source: point.source,
    priority,
    sound: soundOf(point.source, priority, config),
    latching: isLatchingPriority(priority, config),
    state: 'normal',
    condition_active: false,
    message: options.message ?? SOURCE_LABELS[point.source],
    value: null,
    risk_score: null,
    activated_at: null,
    last_change_at: at,
    acked_by: null,
    acked_at: null,
    comment: null,
    shelve_kind: null,
    shelved_until: null,
    shelved_by: null,
    suppressed: false,
    out_of_service: false,
    late: false,
  };
}

/** Shelved, suppressed or out of service: evaluated, but not presented as an alarm. */
export function isOutOfView(state: AlarmState): boolean {
  return state === 'shelved' || state === 'suppressed' || state === 'out_of_service';
}

/** Standing in the operator's alarm list: the API's `state=active`. */
export function isStanding(state: AlarmState): boolean {
  return state === 'unacknowledged' || state === 'acknowledged' || state === 'rtn_unacknowledged';
}

/** Waiting for an acknowledgement. */
export function isUnacknowledged(state: AlarmState): boolean {
  return state === 'unacknowledged' || state === 'rtn_unacknowledged';
}

/**
 * Whether the alarm calls for sound at all (before any station's silence): unacknowledged, not
 * late, with a sound. A latched alarm whose condition cleared still calls until acknowledged.
 */
export function isAudible(alarm: AlarmRecord): boolean {
  return alarm.state === 'unacknowledged' && !alarm.late && alarm.sound !== 'none';
}

/** A latched alarm waiting for its reset: acknowledged, condition cleared. */
export function awaitsReset(alarm: AlarmRecord): boolean {
  return alarm.latching && alarm.state === 'acknowledged' && !alarm.condition_active;
}

export const ALARM_STATE_FILTERS = Object.freeze([
  'unacknowledged',
  'acknowledged',
  'rtn_unacknowledged',
  'shelved',
  'suppressed',
  'out_of_service',
  'active',
] as const);
/** The `state` query of `GET /api/alarms`: one state, or `active` for any standing alarm. */
export type AlarmStateFilter = (typeof ALARM_STATE_FILTERS)[number];

export function isAlarmStateFilter(value: unknown): value is AlarmStateFilter {
  return typeof value === 'string' && (ALARM_STATE_FILTERS as ReadonlyArray<string>).includes(value);
}

export function matchesStateFilter(alarm: AlarmRecord, filter: AlarmStateFilter): boolean {
  return filter === 'active' ? isStanding(alarm.state) : alarm.state === filter;
}
