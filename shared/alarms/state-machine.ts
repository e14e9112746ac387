import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import { rejection } from './rejections';
import type {
  Actor,
  AlarmEvent,
  AlarmRecord,
  AlarmRejection,
  AlarmState,
  RejectionCode,
  TransitionCause,
  TransitionOutcome,
} from './types';

// The ISA-18.2 / IEC 62682 alarm state machine, as one pure function of (record, event): no clock,
// no storage, no throwing. The host persists what it returns; a refusal is a value with a reason.

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Event<T extends AlarmEvent['type']> = Extract<AlarmEvent, { readonly type: T }>;

const MINUTE_MS = 60_000;

function blank(text: string | null | undefined): boolean {
  return text === undefined || text === null || text.trim() === '';
}

function refuse(alarm: AlarmRecord, code: RejectionCode, message: string): TransitionOutcome {
  return { ok: false, rejection: rejection(alarm, code, message) };
}

/** The state the flags impose, or null when the alarm is in view. */
function hiddenState(alarm: Pick<AlarmRecord, 'out_of_service' | 'suppressed' | 'shelve_kind'>): AlarmState | null {
  if (alarm.out_of_service) return 'out_of_service';
  if (alarm.suppressed) return 'suppressed';
  if (alarm.shelve_kind !== null) return 'shelved';
  return null;
}

function outOfViewRefusal(alarm: AlarmRecord): AlarmRejection | null {
  switch (alarm.state) {
    case 'out_of_service':
      return rejection(alarm, 'OUT_OF_SERVICE', 'the alarm is out of service');
    case 'suppressed':
      return rejection(alarm, 'SUPPRESSED', 'the alarm is suppressed by design');
    case 'shelved':
      return rejection(alarm, 'SHELVED', 'the alarm is shelved');
    default:
      return null;
  }
}

function actorRefusal(alarm: AlarmRecord, actor: Actor): AlarmRejection | null {
  if (blank(actor.operator)) return rejection(alarm, 'OPERATOR_REQUIRED', 'an operator name is required');
  if (actor.role === 'viewer') return rejection(alarm, 'READ_ONLY', `station ${actor.station} is read-only`);
  return null;
}

/** Presents the alarm afresh after it comes back into view: an alarm again if its condition holds. */
function present(next: Mutable<AlarmRecord>, at: number): void {
  if (next.condition_active) {
    next.state = 'unacknowledged';
    next.activated_at = at;
    next.acked_by = null;
    next.acked_at = null;
    next.late = false;
  } else {
    next.state = 'normal';
  }
}

/** After a flag changed: hidden if a flag says so, else presented afresh if it was hidden before. */
function settle(next: Mutable<AlarmRecord>, before: AlarmRecord, at: number): void {
  const hidden = hiddenState(next);
  if (hidden !== null) next.state = hidden;
  else if (hiddenState(before) !== null) present(next, at);
}

function clearShelve(next: Mutable<AlarmRecord>): void {
  next.shelve_kind = null;
  next.shelved_until = null;
  next.shelved_by = null;
}

function changed(
  before: AlarmRecord,
  next: Mutable<AlarmRecord>,
  cause: TransitionCause,
  at: number,
  actor: Actor | null,
  comment: string | null,
): TransitionOutcome {
  next.last_change_at = at;
  const alarm: AlarmRecord = next;
  return {
    ok: true,
    alarm,
    transition: {
      alarm_id: alarm.id,
      source: alarm.source,
      priority: alarm.priority,
      from: before.state,
      to: alarm.state,
      cause,
      at,
      operator: actor?.operator ?? null,
      station: actor?.station ?? null,
      comment,
      condition_active: alarm.condition_active,
      late: alarm.late,
    },
  };
}

function unchanged(alarm: AlarmRecord): TransitionOutcome {
  return { ok: true, alarm, transition: null };
}

function withReading(alarm: AlarmRecord, event: Event<'condition_active'> | Event<'condition_cleared'>): Mutable<AlarmRecord> {
  const next: Mutable<AlarmRecord> = { ...alarm };
  if (event.value !== undefined) next.value = event.value;
  if (event.message !== undefined) next.message = event.message;
  if (event.risk_score !== undefined) next.risk_score = event.risk_score;
  if (event.zone !== undefined && alarm.scope === 'device') next.zone = event.zone;
  return next;
}

function onActive(alarm: AlarmRecord, event: Event<'condition_active'>): TransitionOutcome {
  if (event.late === true) return onLateActive(alarm, event);
  const next = withReading(alarm, event);
  if (alarm.condition_active) return unchanged(next);
  next.condition_active = true;
  // Out of view the condition is still tracked (and counted for chattering), but nothing sounds.
  if (hiddenState(alarm) === null) present(next, event.at);
  return changed(alarm, next, 'condition_active', event.at, null, null);
}

/**
 * An activation the host found in a backlog after a newer reading had already cleared it: it is
 * recorded and shown but never sounds. It takes the state an alarm that rose and cleared unseen
 * would have (returned to normal unacknowledged, or still unacknowledged if it latches).
 */
function onLateActive(alarm: AlarmRecord, event: Event<'condition_active'>): TransitionOutcome {
  // The alarm is active now, from newer data: an older reading adds nothing.
  if (alarm.condition_active) return unchanged(alarm);
  const visible = hiddenState(alarm) === null;
  const takesIt = visible && (alarm.state === 'normal' || alarm.state === 'acknowledged');
  const next: Mutable<AlarmRecord> = takesIt ? withReading(alarm, event) : { ...alarm };
  if (takesIt) {
    next.state = alarm.latching ? 'unacknowledged' : 'rtn_unacknowledged';
    next.activated_at = event.at;
    next.acked_by = null;
    next.acked_at = null;
    next.late = true;
  }
  const outcome = changed(alarm, next, 'condition_active', event.at, null, null);
  // The record says whether this activation was late, whatever the alarm already showed.
  return outcome.ok && outcome.transition !== null ? { ...outcome, transition: { ...outcome.transition, late: true } } : outcome;
}

function onCleared(alarm: AlarmRecord, event: Event<'condition_cleared'>): TransitionOutcome {
  if (!alarm.condition_active) return unchanged(alarm);
  const next = withReading(alarm, event);
  next.condition_active = false;
  if (alarm.shelve_kind === 'one_shot') {
    // A one-shot shelve lasts until the condition clears; then the alarm is back, and normal.
    clearShelve(next);
    settle(next, alarm, event.at);
    return changed(alarm, next, 'one_shot_cleared', event.at, null, null);
  }
  if (hiddenState(alarm) === null) {
    if (alarm.state === 'unacknowledged' && !alarm.latching) next.state = 'rtn_unacknowledged';
    else if (alarm.state === 'acknowledged' && !alarm.latching) next.state = 'normal';
    // A latching alarm stays as it is (unacknowledged, or acknowledged until reset).
  }
  return changed(alarm, next, 'condition_cleared', event.at, null, null);
}

function commentOr(alarm: AlarmRecord, comment: string | null | undefined): string | null {
  return blank(comment) ? alarm.comment : (comment as string);
}

function onAcknowledge(alarm: AlarmRecord, event: Event<'acknowledge'>): TransitionOutcome {
  const refused = actorRefusal(alarm, event.actor) ?? outOfViewRefusal(alarm);
  if (refused !== null) return { ok: false, rejection: refused };
  if (alarm.state === 'normal') return refuse(alarm, 'NOTHING_TO_ACKNOWLEDGE', 'the alarm is not in alarm');
  if (alarm.state === 'acknowledged') return refuse(alarm, 'ALREADY_ACKNOWLEDGED', `already acknowledged by ${alarm.acked_by ?? 'someone'}`);
  const next: Mutable<AlarmRecord> = { ...alarm };
  // unacknowledged → acknowledged (a latched one whose condition cleared then waits for its reset);
  // returned to normal unacknowledged → normal.
  next.state = alarm.state === 'rtn_unacknowledged' ? 'normal' : 'acknowledged';
  next.acked_by = event.actor.operator;
  next.acked_at = event.at;
  next.comment = commentOr(alarm, event.comment);
  return changed(alarm, next, 'acknowledge', event.at, event.actor, blank(event.comment) ? null : (event.comment as string));
}

function onShelve(alarm: AlarmRecord, event: Event<'shelve'>, config: AlarmConfig): TransitionOutcome {
  const { actor, shelve } = event;
  const refused = actorRefusal(alarm, actor);
  if (refused !== null) return { ok: false, rejection: refused };
  if (blank(event.comment)) return refuse(alarm, 'COMMENT_REQUIRED', 'shelving needs a comment');
  if (alarm.state === 'out_of_service' || alarm.state === 'suppressed') return { ok: false, rejection: outOfViewRefusal(alarm)! };
  const supervisor = actor.role === 'supervisor';
  if (!supervisor && config.shelve.supervisorOnlyPriorities.includes(alarm.priority)) {
    return refuse(alarm, 'SUPERVISOR_REQUIRED', `only a supervisor may shelve a ${alarm.priority} alarm`);
  }
  let until: number | null = null;
  if (shelve.kind === 'timed') {
    const { minutes } = shelve;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
      return refuse(alarm, 'INVALID_DURATION', `shelve minutes must be a positive number, got ${String(minutes)}`);
    }
    if (minutes > config.shelve.supervisorMaxMinutes) {
      return refuse(alarm, 'INVALID_DURATION', `shelving is limited to ${config.shelve.supervisorMaxMinutes} minutes`);
    }
    if (minutes > config.shelve.maxMinutes && !supervisor) {
      return refuse(alarm, 'SUPERVISOR_REQUIRED', `only a supervisor may shelve for more than ${config.shelve.maxMinutes} minutes`);
    }
    until = event.at + Math.round(minutes * MINUTE_MS);
  } else if (!alarm.condition_active) {
    return refuse(alarm, 'CONDITION_NOT_ACTIVE', 'a one-shot shelve lasts until the condition clears, and it is not active');
  }
  const next: Mutable<AlarmRecord> = { ...alarm };
  next.shelve_kind = shelve.kind;
  next.shelved_until = until;
  next.shelved_by = actor.operator;
  next.comment = event.comment;
  next.state = 'shelved';
  return changed(alarm, next, 'shelve', event.at, actor, event.comment);
}

function onUnshelve(alarm: AlarmRecord, event: Event<'unshelve'>): TransitionOutcome {
  const refused = actorRefusal(alarm, event.actor);
  if (refused !== null) return { ok: false, rejection: refused };
  if (alarm.shelve_kind === null) return refuse(alarm, 'NOT_SHELVED', 'the alarm is not shelved');
  const next: Mutable<AlarmRecord> = { ...alarm };
  clearShelve(next);
  next.comment = commentOr(alarm, event.comment);
  settle(next, alarm, event.at);
  return changed(alarm, next, 'unshelve', event.at, event.actor, blank(event.comment) ? null : (event.comment as string));
}

function onShelveExpired(alarm: AlarmRecord, event: Event<'shelve_expired'>): TransitionOutcome {
  if (alarm.shelve_kind !== 'timed' || alarm.shelved_until === null) return refuse(alarm, 'NOT_SHELVED', 'the alarm has no timed shelve');
  if (event.at < alarm.shelved_until) return refuse(alarm, 'SHELVE_NOT_DUE', 'the shelve has not run out yet');
  const next: Mutable<AlarmRecord> = { ...alarm };
  clearShelve(next);
  settle(next, alarm, event.at);
  return changed(alarm, next, 'shelve_expired', event.at, null, null);
}

function onReset(alarm: AlarmRecord, event: Event<'reset'>): TransitionOutcome {
  const refused = actorRefusal(alarm, event.actor) ?? outOfViewRefusal(alarm);
  if (refused !== null) return { ok: false, rejection: refused };
  if (alarm.state === 'normal') return refuse(alarm, 'NOTHING_TO_RESET', 'the alarm is not in alarm');
  if (!alarm.latching) return refuse(alarm, 'NOT_LATCHED', 'only a latching alarm is reset; this one returns to normal by itself');
  if (alarm.state !== 'acknowledged') return refuse(alarm, 'NOT_ACKNOWLEDGED', 'a latched alarm is acknowledged before it is reset');
  if (alarm.condition_active) return refuse(alarm, 'CONDITION_ACTIVE', 'the condition is still active');
  const next: Mutable<AlarmRecord> = { ...alarm };
  next.state = 'normal';
  next.comment = commentOr(alarm, event.comment);
  return changed(alarm, next, 'reset', event.at, event.actor, blank(event.comment) ? null : (event.comment as string));
}

function supervisorRefusal(alarm: AlarmRecord, actor: Actor, what: string): AlarmRejection | null {
  return actorRefusal(alarm, actor) ?? (actor.role === 'supervisor' ? null : rejection(alarm, 'SUPERVISOR_REQUIRED', `only a supervisor may ${what}`));
}

function onRemoveFromService(alarm: AlarmRecord, event: Event<'remove_from_service'>): TransitionOutcome {
  const refused = supervisorRefusal(alarm, event.actor, 'take a point out of service');
  if (refused !== null) return { ok: false, rejection: refused };
  if (blank(event.comment)) return refuse(alarm, 'COMMENT_REQUIRED', 'taking a point out of service needs a reason');
  if (alarm.out_of_service) return refuse(alarm, 'OUT_OF_SERVICE', 'the alarm is already out of service');
  const next: Mutable<AlarmRecord> = { ...alarm };
  next.out_of_service = true;
  // Maintenance supersedes a shelve: the point comes back from service as a fresh alarm, not shelved.
  clearShelve(next);
  next.comment = event.comment;
  settle(next, alarm, event.at);
  return changed(alarm, next, 'remove_from_service', event.at, event.actor, event.comment);
}

function onReturnToService(alarm: AlarmRecord, event: Event<'return_to_service'>): TransitionOutcome {
  const refused = supervisorRefusal(alarm, event.actor, 'return a point to service');
  if (refused !== null) return { ok: false, rejection: refused };
  if (!alarm.out_of_service) return refuse(alarm, 'NOT_OUT_OF_SERVICE', 'the alarm is in service');
  const next: Mutable<AlarmRecord> = { ...alarm };
  next.out_of_service = false;
  next.comment = commentOr(alarm, event.comment);
  settle(next, alarm, event.at);
  return changed(alarm, next, 'return_to_service', event.at, event.actor, blank(event.comment) ? null : (event.comment as string));
}

// Suppression is the system's own doing (by design, e.g. while monitoring is lost), so applying it
// twice is not a mistake to refuse: it is simply nothing new.
function onSuppress(alarm: AlarmRecord, event: Event<'suppress'>): TransitionOutcome {
  if (alarm.suppressed) return unchanged(alarm);
  const next: Mutable<AlarmRecord> = { ...alarm, suppressed: true };
  settle(next, alarm, event.at);
  return changed(alarm, next, 'suppress', event.at, null, event.reason);
}

function onUnsuppress(alarm: AlarmRecord, event: Event<'unsuppress'>): TransitionOutcome {
  if (!alarm.suppressed) return unchanged(alarm);
  const next: Mutable<AlarmRecord> = { ...alarm, suppressed: false };
  settle(next, alarm, event.at);
  return changed(alarm, next, 'unsuppress', event.at, null, event.reason);
}

/**
 * Applies one event to one alarm. Returns the new record and the transition to persist (null when
 * nothing an operator sees changed), or a rejection with a reason code and HTTP status. Never throws.
 */
export function applyAlarmEvent(alarm: AlarmRecord, event: AlarmEvent, config: AlarmConfig = DEFAULT_ALARM_CONFIG): TransitionOutcome {
  switch (event.type) {
    case 'condition_active':
      return onActive(alarm, event);
    case 'condition_cleared':
      return onCleared(alarm, event);
    case 'acknowledge':
      return onAcknowledge(alarm, event);
    case 'shelve':
      return onShelve(alarm, event, config);
    case 'unshelve':
      return onUnshelve(alarm, event);
    case 'shelve_expired':
      return onShelveExpired(alarm, event);
    case 'reset':
      return onReset(alarm, event);
    case 'remove_from_service':
      return onRemoveFromService(alarm, event);
    case 'return_to_service':
      return onReturnToService(alarm, event);
    case 'suppress':
      return onSuppress(alarm, event);
    case 'unsuppress':
      return onUnsuppress(alarm, event);
  }
}
