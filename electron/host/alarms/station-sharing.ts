import type { AlarmConfig } from '../../../shared/alarms/config';
import { parseAlarmPointId } from '../../../shared/alarms/points';
import { newAlarmRecord } from '../../../shared/alarms/record';
import type { StationEvent } from '../../../shared/alarms/station-messages';
import {
  applyStationMessage,
  encodeStationMessage,
  signStationMessage,
  stationActionFor,
  stationEventsTopic,
  verifyStationMessage,
} from '../../../shared/alarms/station-messages';
import type { Actor } from '../../../shared/alarms/types';
import type { SharingView } from '../../../shared/protocol';
import type { AlarmJournal } from './alarm-journal';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmWriter } from './alarm-writer';

// Sharing actions between consoles of one site over the broker: an action is published, signed
// with the site key, once committed here; one received is verified and applied at most once
// (its id kept), journaled with the other station's operator and time. Without a key nothing is
// sent, and nothing received can be trusted, so nothing is applied.

export class StationSharing {
  private readonly appliedActions = new Set<string>();
  private readonly stats = { published: 0, applied: 0, duplicates: 0, quarantined: 0 };

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'setup' | 'share' | 'quarantine' | 'now' | 'zoneOf'>,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
    private readonly writer: AlarmWriter,
    private readonly journal: AlarmJournal,
  ) {}

  restore(actionIds: Iterable<string>): void {
    for (const id of actionIds) this.appliedActions.add(id);
  }

  publishAction(actionId: string | null, alarmId: string, event: StationEvent): void {
    const key = this.deps.setup.siteKey.key;
    const topic = stationEventsTopic(alarmId);
    if (actionId === null || key === null || topic === null || this.deps.share === undefined) return;
    const action = stationActionFor(actionId, alarmId, event);
    if (action === null) return;
    this.appliedActions.add(actionId);
    this.stats.published += 1;
    this.deps.share(topic, encodeStationMessage(signStationMessage(action, key)));
  }

  view(): SharingView {
    const key = this.deps.setup.siteKey;
    const enabled = key.key !== null && this.deps.share !== undefined;
    return {
      enabled,
      reason: enabled ? null : (key.reason ?? 'no MQTT connection to share over'),
      ...this.stats,
    };
  }

  /** A message from another station; resolves once its effect (if any) is committed. */
  async receive(topic: string, payload: Uint8Array): Promise<void> {
    const key = this.deps.setup.siteKey.key;
    const now = this.deps.now();
    const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
    if (key === null) {
      // Sharing is off here: nothing can be verified, so nothing is applied or kept.
      return;
    }
    const verified = verifyStationMessage(topic, text, key, now, this.config);
    if (!verified.ok) {
      this.stats.quarantined += 1;
      this.deps.quarantine?.(topic, payload, verified.reason, verified.message);
      return;
    }
    const message = verified.message;
    if (this.appliedActions.has(message.action_id)) {
      this.stats.duplicates += 1;
      return;
    }
    const point = parseAlarmPointId(message.alarm_id);
    if (point === null) return;
    const existing = this.memory.records.get(message.alarm_id);
    const record = existing ?? newAlarmRecord(point, verified.at_ms, { zone: point.scope === 'zone' ? point.target : (this.deps.zoneOf?.(point.target) ?? null), config: this.config });
    const result = applyStationMessage(record, verified, this.appliedActions, this.config);
    if (result.kind === 'duplicate') {
      this.stats.duplicates += 1;
      return;
    }
    this.appliedActions.add(message.action_id);
    this.writer.pending.applied.push({ action_id: message.action_id, alarm_id: message.alarm_id, result: result.kind, at: now });
    if (result.kind === 'applied') {
      this.stats.applied += 1;
      this.memory.commitOutcome(existing, result.alarm, result.transition);
      const actor: Actor = { operator: message.operator, station: message.station, role: message.role };
      this.journal.write(message.action, actor, result.alarm, message.comment, null, { at: verified.at_ms });
    }
    this.writer.scheduleFlush();
    await this.writer.settle();
  }
}
