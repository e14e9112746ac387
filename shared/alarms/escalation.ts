import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import type { AlarmRecord } from './types';

// A critical alarm nobody acknowledges within a set time (3 minutes by default) is sent beyond the
// room. Which ones are due is decided here; sending (SNS, a webhook, through the cloud outbox) is
// the host's. Each presentation escalates once, so the key names the presentation.

export function escalationKey(alarm: Pick<AlarmRecord, 'id' | 'activated_at'>): string {
  return `${alarm.id}@${alarm.activated_at ?? 0}`;
}

function escalates(alarm: AlarmRecord, config: AlarmConfig): boolean {
  // Late alarms are already over and never sounded; escalating them would page people for history.
  return alarm.state === 'unacknowledged' && !alarm.late && alarm.activated_at !== null && config.escalation.priorities.includes(alarm.priority);
}

export interface EscalationDue {
  readonly key: string;
  readonly alarm: AlarmRecord;
  readonly unacknowledged_ms: number;
}

/** Alarms unacknowledged for at least the escalation time at `now` and not yet escalated, oldest first. */
export function dueEscalations(
  alarms: Iterable<AlarmRecord>,
  now: number,
  escalated: { has(key: string): boolean },
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): ReadonlyArray<EscalationDue> {
  const due: EscalationDue[] = [];
  for (const alarm of alarms) {
    if (!escalates(alarm, config)) continue;
    const waited = now - (alarm.activated_at as number);
    const key = escalationKey(alarm);
    if (waited >= config.escalation.afterMs && !escalated.has(key)) due.push({ key, alarm, unacknowledged_ms: waited });
  }
  return due.sort((a, b) => b.unacknowledged_ms - a.unacknowledged_ms || (a.key < b.key ? -1 : 1));
}

/** When the next escalation falls due (for one timer), or null if none is pending. */
export function nextEscalationAt(
  alarms: Iterable<AlarmRecord>,
  escalated: { has(key: string): boolean },
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): number | null {
  let next: number | null = null;
  for (const alarm of alarms) {
    if (!escalates(alarm, config) || escalated.has(escalationKey(alarm))) continue;
    const at = (alarm.activated_at as number) + config.escalation.afterMs;
    if (next === null || at < next) next = at;
  }
  return next;
}
