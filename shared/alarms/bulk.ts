import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import { isUnacknowledged } from './record';
import { applyAlarmEvent } from './state-machine';
import type { Actor, AlarmRecord, AlarmRejection, AlarmTransition } from './types';

export interface BulkOutcome {
  /** The records that changed, with their transitions, in the order given. */
  readonly changed: ReadonlyArray<{ readonly alarm: AlarmRecord; readonly transition: AlarmTransition }>;
  readonly rejected: ReadonlyArray<AlarmRejection>;
}

/**
 * "Acknowledge all visible": every alarm given that waits for an acknowledgement (the caller passes
 * what the station shows); the others are left alone, not refused.
 */
export function acknowledgeAll(
  alarms: ReadonlyArray<AlarmRecord>,
  actor: Actor,
  at: number,
  comment: string | null = null,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): BulkOutcome {
  const changed: Array<{ alarm: AlarmRecord; transition: AlarmTransition }> = [];
  const rejected: AlarmRejection[] = [];
  for (const alarm of alarms) {
    if (!isUnacknowledged(alarm.state)) continue;
    const outcome = applyAlarmEvent(alarm, { type: 'acknowledge', at, actor, comment }, config);
    if (!outcome.ok) rejected.push(outcome.rejection);
    else if (outcome.transition !== null) changed.push({ alarm: outcome.alarm, transition: outcome.transition });
  }
  return { changed, rejected };
}

/** Ids of the alarms whose timed shelve has run out at `now`, for `shelve_expired` events. */
export function dueShelveExpiries(alarms: Iterable<AlarmRecord>, now: number): ReadonlyArray<string> {
  const due: string[] = [];
  for (const alarm of alarms) {
    if (alarm.shelve_kind === 'timed' && alarm.shelved_until !== null && alarm.shelved_until <= now) due.push(alarm.id);
  }
  return due;
}

/** When the next timed shelve runs out (for the host's one timer), or null if none is pending. */
export function nextShelveExpiry(alarms: Iterable<AlarmRecord>): number | null {
  let next: number | null = null;
  for (const alarm of alarms) {
    if (alarm.shelve_kind === 'timed' && alarm.shelved_until !== null && (next === null || alarm.shelved_until < next)) {
      next = alarm.shelved_until;
    }
  }
  return next;
}
