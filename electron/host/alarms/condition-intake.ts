import type { AnalyticsEvent } from '../../../shared/analytics/types';
import type { AlarmConfig } from '../../../shared/alarms/config';
import {
  analyticsCondition,
  backlogUpdates,
  conditionEvent,
  consoleCondition,
  deriveReadingConditions,
  livenessCondition,
  rearmedAnalytics,
} from '../../../shared/alarms/derive';
import type { AlarmPoint } from '../../../shared/alarms/points';
import { alarmPoint } from '../../../shared/alarms/points';
import { newAlarmRecord } from '../../../shared/alarms/record';
import type { AnalyticsEventName, ConsoleSource } from '../../../shared/alarms/sources';
import { sourceCategory } from '../../../shared/alarms/sources';
import { applyAlarmEvent } from '../../../shared/alarms/state-machine';
import { designSuppressionChanges, suppressedSources } from '../../../shared/alarms/suppression';
import type { AlarmEvent, AlarmRecord, ConditionUpdate } from '../../../shared/alarms/types';
import type { ScoredReading } from '../../../shared/scoring';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';

// What the host sees becomes alarm conditions: scored readings, analytics events and their re-arm,
// device silence and the console's own trouble all go through the shared state machine, with
// suppression by design applied whenever a source that suppresses others changes.

/** A reading that can raise something, before the fixed cost of deriving every condition. */
function mayRaise(reading: ScoredReading, receivedAtMs: number, config: AlarmConfig): boolean {
  return (
    reading.alarm_status.total_alarm_count > 0 ||
    reading.alarm_status.communication_error ||
    reading.risk_level === 'HIGH' ||
    reading.risk_level === 'CRITICAL' ||
    reading.validation.errors.length > 0 ||
    reading.timestamp_ms - receivedAtMs > config.clockSkewMs
  );
}

export class ConditionIntake {
  private suppressedNow: ReadonlySet<string> = new Set();

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now' | 'zoneOf'>,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
  ) {}

  /** After the alarms are restored: which sources stand suppressed by design now. */
  restore(): void {
    this.suppressedNow = suppressedSources(this.memory.records.values(), this.config);
  }

  /**
   * Every scored reading. `newestTs` is the device's newest event time including this reading: an
   * older reading is a backlog, and only its activations that newer data has cleared are news (late).
   */
  observeReading(reading: ScoredReading, receivedAtMs: number, context: { readonly zone?: string | null; readonly newestTs: number | null }): void {
    if (reading.risk_level === 'HIGH' || reading.risk_level === 'CRITICAL') this.memory.noteAlertType(reading.device_id, reading.alert_type);
    // Most readings raise nothing and clear nothing: they cost two lookups.
    if (this.memory.activeCount(reading.device_id) === 0 && !mayRaise(reading, receivedAtMs, this.config)) return;
    const zone = context.zone !== undefined ? context.zone : (this.deps.zoneOf?.(reading.device_id) ?? null);
    let updates = deriveReadingConditions(reading, { zone, receivedAt: receivedAtMs, config: this.config });
    if (context.newestTs !== null && reading.timestamp_ms < context.newestTs) {
      updates = backlogUpdates(updates, { has: (id) => this.memory.records.get(id)?.condition_active === true });
    }
    this.applyConditions(updates);
  }

  observeAnalytics(event: AnalyticsEvent): void {
    const update = analyticsCondition({
      event: event.event,
      at: event.at,
      severity: event.severity,
      values: event.values,
      ...('device_id' in event ? { device_id: event.device_id } : { zone: event.zone }),
    });
    if (update === null) return;
    const zone = update.point.scope === 'device' ? (this.deps.zoneOf?.(update.point.target) ?? null) : update.zone;
    this.applyConditions([{ ...update, zone }]);
  }

  /**
   * Clears analytics alarms whose rule has re-armed: `activeNow` says which events shared/analytics
   * holds active for a device or zone now (null: it does not know the target, nothing is cleared).
   */
  rearmAnalytics(activeNow: (scope: 'device' | 'zone', target: string) => ReadonlyArray<AnalyticsEventName> | null): void {
    const targets = new Map<string, { scope: 'device' | 'zone'; target: string }>();
    for (const record of this.memory.records.values()) {
      if (!record.condition_active || sourceCategory(record.source) !== 'analytics' || record.scope === 'console') continue;
      targets.set(`${record.scope}:${record.target}`, { scope: record.scope, target: record.target });
    }
    if (targets.size === 0) return;
    const at = this.deps.now();
    const updates: ConditionUpdate[] = [];
    for (const { scope, target } of targets.values()) {
      const active = activeNow(scope, target);
      if (active === null) continue;
      const rearmed = scope === 'device' ? rearmedAnalytics({ device_id: target }, active, at) : rearmedAnalytics({ zone: target }, active, at);
      for (const u of rearmed) if (this.memory.records.get(u.point.id)?.condition_active === true) updates.push(u);
    }
    this.applyConditions(updates);
  }

  /** Device silence (receive time): `lost` is communication loss by silence or by status ≥ 4096. */
  observeLiveness(entries: ReadonlyArray<{ readonly deviceId: string; readonly lost: boolean; readonly zone: string | null }>): void {
    const at = this.deps.now();
    const updates: ConditionUpdate[] = [];
    for (const { deviceId, lost, zone } of entries) {
      const record = this.memory.records.get(alarmPoint(deviceId, 'communication_loss').id);
      if (lost === (record?.condition_active ?? false)) continue;
      updates.push(livenessCondition(deviceId, lost, at, zone));
    }
    this.applyConditions(updates);
  }

  /** The console's own trouble: monitoring lost, store failing (host), audio not armed (a station). */
  setConsoleCondition(source: ConsoleSource, active: boolean, options: { readonly target?: string; readonly message?: string } = {}): void {
    const update = consoleCondition(source, active, this.deps.now(), options);
    const record = this.memory.records.get(update.point.id);
    if (active !== (record?.condition_active ?? false)) {
      this.applyConditions([update]);
      return;
    }
    // Standing still, in other words (the system-health reasons changed): a new value, no transition.
    if (active && options.message !== undefined && record !== undefined && record.message !== options.message) this.applyConditions([update]);
  }

  consoleConditionActive(source: ConsoleSource, target?: string): boolean {
    return this.memory.records.get(alarmPoint(target ?? 'host', source).id)?.condition_active === true;
  }

  private applyConditions(updates: ReadonlyArray<ConditionUpdate>): void {
    let suppressionMayChange = false;
    for (const update of updates) {
      let record = this.memory.records.get(update.point.id);
      if (record === undefined) {
        // Nothing to clear on a point never raised; a late activation of one is still history worth keeping.
        if (!update.active) continue;
        record = this.createRecord(update.point, update.at, update.zone);
      }
      // A clearing keeps what the alarm was raised with (the trip value and its words): a latched
      // alarm shows "150.0 °C" until reset, not the reading that cleared it.
      const event: AlarmEvent = update.active ? conditionEvent(update) : { type: 'condition_cleared', at: update.at };
      const outcome = applyAlarmEvent(record, event, this.config);
      if (!outcome.ok) continue;
      this.memory.commitOutcome(record, outcome.alarm, outcome.transition);
      if (outcome.transition !== null && this.isSuppressionTrigger(record.source)) suppressionMayChange = true;
    }
    if (suppressionMayChange) this.applyDesignSuppression();
  }

  private createRecord(point: AlarmPoint, at: number, zone: string | null): AlarmRecord {
    let record = newAlarmRecord(point, at, { zone, config: this.config });
    if (this.suppressedNow.has(point.source)) {
      // Born suppressed: it never sounds while the rule that suppresses its source stands.
      const outcome = applyAlarmEvent(record, { type: 'suppress', at, reason: 'by design' }, this.config);
      if (outcome.ok) {
        this.memory.commitOutcome(record, outcome.alarm, outcome.transition);
        record = outcome.alarm;
      }
    }
    return record;
  }

  private isSuppressionTrigger(source: string): boolean {
    return this.config.suppression.some((rule) => rule.while === source);
  }

  private applyDesignSuppression(): void {
    this.suppressedNow = suppressedSources(this.memory.records.values(), this.config);
    const at = this.deps.now();
    for (const change of designSuppressionChanges([...this.memory.records.values()], at, this.config)) {
      const record = this.memory.records.get(change.alarm_id);
      if (record === undefined) continue;
      const outcome = applyAlarmEvent(record, change.event, this.config);
      if (outcome.ok) this.memory.commitOutcome(record, outcome.alarm, outcome.transition);
    }
  }
}
