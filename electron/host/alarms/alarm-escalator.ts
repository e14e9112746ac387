import type { AlarmConfig } from '../../../shared/alarms/config';
import { escalationKey } from '../../../shared/alarms/escalation';
import type { AlarmRecord } from '../../../shared/alarms/types';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmWriter } from './alarm-writer';
import { escalationOutboxRows } from './escalation-messages';

// Escalation beyond the room: an alarm left unacknowledged too long is sent on (SNS, webhook)
// once per presentation, timed on the console's clock from when it was presented here, with the
// outbox rows in the same commit as the record that it was escalated.

export class AlarmEscalator {
  private readonly escalated = new Set<string>();

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'latestReading' | 'language' | 'site' | 'consoleId' | 'setup' | 'log'>,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
    private readonly writer: AlarmWriter,
  ) {}

  restore(keys: Iterable<string>): void {
    for (const key of keys) this.escalated.add(key);
  }

  isEscalated(record: AlarmRecord): boolean {
    return this.escalated.has(escalationKey(record));
  }

  escalate(now: number): void {
    const { escalation } = this.config;
    for (const alarm of this.memory.records.values()) {
      if (alarm.state !== 'unacknowledged' || alarm.late || alarm.activated_at === null || !escalation.priorities.includes(alarm.priority)) continue;
      const key = escalationKey(alarm);
      if (this.escalated.has(key)) continue;
      const since = this.memory.presentedSince(key) ?? alarm.activated_at;
      if (now - since < escalation.afterMs) continue;
      const { rows, targets } = escalationOutboxRows({
        key,
        alarm,
        unacknowledgedMs: now - since,
        now,
        reading: alarm.device_id === null ? null : (this.deps.latestReading?.(alarm.device_id) ?? null),
        language: typeof this.deps.language === 'function' ? this.deps.language() : this.deps.language,
        site: this.deps.site,
        consoleId: this.deps.consoleId,
        snsTopics: this.deps.setup.snsTopics,
        webhookUrl: this.deps.setup.webhookUrl,
      });
      if (targets.length === 0) this.deps.log?.warn('a critical alarm is due for escalation but no SNS topic or webhook is configured', { alarm: alarm.id });
      this.escalated.add(key);
      const pending = this.writer.pending;
      pending.escalations.push({ key, alarm_id: alarm.id, at: now, targets });
      pending.outbox.push(...rows);
      pending.changed.add(alarm.id);
      this.writer.scheduleFlush();
    }
  }
}
