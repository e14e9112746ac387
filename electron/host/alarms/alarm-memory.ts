import { escalationKey } from '../../../shared/alarms/escalation';
import type { AlarmRecord, AlarmTransition } from '../../../shared/alarms/types';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmWriter } from './alarm-writer';
import { RecentTransitions } from './recent-transitions';

// Memory is the live picture and the database its durable copy: every change is taken in here at
// once and queued for the next commit, so an alarm is never held back by the disk.

export class AlarmMemory {
  private readonly byId = new Map<string, AlarmRecord>();
  /** Device id → its alarms whose condition is active (readings of a quiet device are skipped). */
  private readonly activeByDevice = new Map<string, number>();
  /** Console clock when each presentation began (escalation runs on it, not on device clocks). */
  private readonly presentedAt = new Map<string, number>();
  private readonly riskAlertType = new Map<string, string>();
  /** Alarms whose value changed without a transition: pushed within a few seconds, not written. */
  readonly valueChanged = new Set<string>();
  readonly recent = new RecentTransitions();

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now'>,
    private readonly writer: AlarmWriter,
  ) {}

  get records(): ReadonlyMap<string, AlarmRecord> {
    return this.byId;
  }

  /** Puts back the alarms the database holds, in their states. */
  restore(records: Iterable<AlarmRecord>, now: number): void {
    for (const record of records) {
      this.byId.set(record.id, record);
      if (record.condition_active) this.countActive(record, 1);
      if (record.state === 'unacknowledged' && record.activated_at !== null) {
        this.presentedAt.set(escalationKey(record), Math.min(record.activated_at, now));
      }
    }
  }

  activeCount(deviceId: string): number {
    return this.activeByDevice.get(deviceId) ?? 0;
  }

  presentedSince(key: string): number | undefined {
    return this.presentedAt.get(key);
  }

  noteAlertType(deviceId: string, alertType: string): void {
    this.riskAlertType.set(deviceId, alertType);
  }

  /** The seed's alert type of the device's last high or critical reading (for `recent_alerts`). */
  alertTypeOf(deviceId: string): string | null {
    return this.riskAlertType.get(deviceId) ?? null;
  }

  /** Takes a new record into memory and queues what must be written. */
  commitOutcome(before: AlarmRecord | undefined, alarm: AlarmRecord, transition: AlarmTransition | null): void {
    if (before !== undefined && before.condition_active !== alarm.condition_active) this.countActive(alarm, alarm.condition_active ? 1 : -1);
    else if (before === undefined && alarm.condition_active) this.countActive(alarm, 1);
    this.byId.set(alarm.id, alarm);
    if (alarm.state === 'unacknowledged' && alarm.activated_at !== null && !alarm.late) {
      const key = escalationKey(alarm);
      if (!this.presentedAt.has(key)) this.presentedAt.set(key, this.deps.now());
    }
    if (transition === null) {
      // A new value on a standing alarm: shown within a few seconds, not written.
      if (alarm !== before) this.valueChanged.add(alarm.id);
      return;
    }
    const pending = this.writer.pending;
    pending.alarms.add(alarm.id);
    pending.changed.add(alarm.id);
    pending.transitions.push({ ...transition, device_id: alarm.device_id, zone: alarm.zone });
    this.recent.push(transition);
    this.writer.scheduleFlush();
  }

  private countActive(record: AlarmRecord, delta: number): void {
    if (record.device_id === null) return;
    const next = (this.activeByDevice.get(record.device_id) ?? 0) + delta;
    if (next <= 0) this.activeByDevice.delete(record.device_id);
    else this.activeByDevice.set(record.device_id, next);
  }
}
