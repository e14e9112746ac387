import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import type { AlarmSource } from './sources';
import type { AlarmEvent, AlarmRecord } from './types';

/**
 * The sources suppressed by design now: those named by a rule whose console condition is active
 * (monitoring lost → every device's communication loss, which it would otherwise flood the room with).
 */
export function suppressedSources(alarms: Iterable<AlarmRecord>, config: AlarmConfig = DEFAULT_ALARM_CONFIG): ReadonlySet<AlarmSource> {
  const active = new Set<AlarmSource>();
  for (const alarm of alarms) if (alarm.condition_active) active.add(alarm.source);
  const out = new Set<AlarmSource>();
  for (const rule of config.suppression) {
    if (active.has(rule.while)) for (const source of rule.suppresses) out.add(source);
  }
  return out;
}

export interface SuppressionChange {
  readonly alarm_id: string;
  readonly event: Extract<AlarmEvent, { readonly type: 'suppress' | 'unsuppress' }>;
}

function reasonFor(source: AlarmSource, config: AlarmConfig): string {
  const rule = config.suppression.find((r) => r.suppresses.includes(source));
  return rule === undefined ? 'by design' : `while ${rule.while}`;
}

/**
 * The suppress and unsuppress events that bring every alarm in line with the design rules at `at`.
 * The host runs it after a console condition changes, and applies `suppress` to a new record of a
 * suppressed source before its first condition, so that it never sounds.
 */
export function designSuppressionChanges(
  alarms: ReadonlyArray<AlarmRecord>,
  at: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): ReadonlyArray<SuppressionChange> {
  const suppressed = suppressedSources(alarms, config);
  const changes: SuppressionChange[] = [];
  for (const alarm of alarms) {
    const should = suppressed.has(alarm.source);
    if (should && !alarm.suppressed) {
      changes.push({ alarm_id: alarm.id, event: { type: 'suppress', at, reason: reasonFor(alarm.source, config) } });
    } else if (!should && alarm.suppressed) {
      changes.push({ alarm_id: alarm.id, event: { type: 'unsuppress', at, reason: reasonFor(alarm.source, config) } });
    }
  }
  return changes;
}
