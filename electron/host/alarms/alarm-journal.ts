import type { JournalAction } from '../../../shared/alarms/journal';
import type { StationEvent } from '../../../shared/alarms/station-messages';
import { stationEventsTopic } from '../../../shared/alarms/station-messages';
import type { Actor, AlarmRecord } from '../../../shared/alarms/types';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmWriter } from './alarm-writer';

// The operator journal: every action is an entry in the next commit. The chain (seq, hash) is
// computed inside the writer's transaction from what is on disk, so only once an entry is written
// does it have the sequence number that names the action shared with other stations.

export type PublishAction = (actionId: string | null, alarmId: string, event: StationEvent) => void;

export class AlarmJournal {
  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now'>,
    private readonly writer: AlarmWriter,
    private readonly publish: PublishAction,
  ) {}

  /**
   * `share`: the event to send to other stations once written. `remote`: the entry records an
   * action another station took (at its time), which is not sent back.
   */
  write(
    action: JournalAction,
    actor: Actor,
    alarm: AlarmRecord | null,
    comment: string | null,
    share: StationEvent | null,
    remote: { readonly at: number } | null = null,
  ): void {
    const at = remote?.at ?? share?.at ?? this.deps.now();
    this.writer.pending.journal.push({
      write: {
        at,
        operator: actor.operator,
        station: actor.station,
        action,
        alarm_id: alarm?.id ?? null,
        comment,
        device_id: alarm?.device_id ?? null,
        share: share !== null && remote === null && alarm !== null && stationEventsTopic(alarm.id) !== null,
      },
      onWritten: share === null || remote !== null || alarm === null ? undefined : (_entry, actionId) => this.publish(actionId, alarm.id, share),
    });
    this.writer.scheduleFlush();
  }
}
