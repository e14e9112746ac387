import { toAlarmView } from '../../../shared/alarms/api-view';
import type { AlarmView } from '../../../shared/alarms/api-view';
import type { AlarmConfig } from '../../../shared/alarms/config';
import { parseAlarmPointId } from '../../../shared/alarms/points';
import { isUnacknowledged, newAlarmRecord } from '../../../shared/alarms/record';
import { applyAlarmEvent } from '../../../shared/alarms/state-machine';
import type { StationEvent } from '../../../shared/alarms/station-messages';
import type { Actor, AlarmRecord, AlarmRejection, ShelveRequest } from '../../../shared/alarms/types';
import type { AckAllResult } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { ActorResolver } from './actor-resolver';
import type { AlarmJournal } from './alarm-journal';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmWriter } from './alarm-writer';
import { asText, cleanComment } from './request-params';

// An operator's actions on alarms (acknowledge, shelve, reset, out of service and back), checked
// by the shared state machine, journaled, shared with other stations after their commit and
// answered only then; and the one thing such an action sets going on its own: a timed shelve ends.

export type ActionType = 'acknowledge' | 'shelve' | 'unshelve' | 'reset' | 'remove_from_service' | 'return_to_service';

export interface ActionRequest {
  readonly id: string;
  readonly operator?: string | undefined;
  readonly station?: string | undefined;
  readonly comment?: string | null | undefined;
  readonly pin?: string | undefined;
  readonly minutes?: number | undefined;
  readonly one_shot?: boolean | undefined;
}

const HTTP_CODES = { 400: 'BAD_REQUEST', 403: 'FORBIDDEN', 409: 'CONFLICT' } as const;

export function rejectionError(rejection: AlarmRejection): ProtocolError {
  return new ProtocolError(HTTP_CODES[rejection.http_status], rejection.message, rejection.code);
}

function actionEvent(type: ActionType, actor: Actor, at: number, comment: string | null, request: ActionRequest): StationEvent {
  switch (type) {
    case 'shelve': {
      const oneShot = request.one_shot === true;
      const minutes = request.minutes;
      if (oneShot && minutes !== undefined) throw new ProtocolError('BAD_REQUEST', 'give minutes or one_shot, not both', 'INVALID_DURATION');
      if (!oneShot && minutes === undefined) throw new ProtocolError('BAD_REQUEST', 'a shelve needs minutes or one_shot: true', 'INVALID_DURATION');
      const shelve: ShelveRequest = oneShot ? { kind: 'one_shot' } : { kind: 'timed', minutes: minutes as number };
      return { type: 'shelve', at, actor, shelve, comment: comment ?? '' };
    }
    case 'remove_from_service':
      return { type: 'remove_from_service', at, actor, comment: comment ?? '' };
    default:
      return { type, at, actor, comment };
  }
}

export class OperatorActions {
  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now' | 'zoneOf'>,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
    private readonly actors: ActorResolver,
    private readonly journal: AlarmJournal,
    private readonly writer: AlarmWriter,
  ) {}

  async act(type: ActionType, request: ActionRequest): Promise<AlarmView> {
    const id = asText(request.id, 'id');
    if (id === undefined || id === '') throw new ProtocolError('BAD_REQUEST', 'id must be a non-empty string');
    const actor = await this.actors.resolve(request);
    const comment = cleanComment(request.comment);
    const now = this.deps.now();
    let record = this.memory.records.get(id);
    if (record === undefined) {
      // A point never raised may still be shelved or taken out of service ahead of trouble.
      const point = parseAlarmPointId(id);
      if (point === null || point.scope === 'console' || (type !== 'shelve' && type !== 'remove_from_service')) {
        throw new ProtocolError('NOT_FOUND', `no alarm ${JSON.stringify(id)}`);
      }
      record = newAlarmRecord(point, now, { zone: point.scope === 'device' ? (this.deps.zoneOf?.(point.target) ?? null) : point.target, config: this.config });
    }
    const event = actionEvent(type, actor, now, comment, request);
    const outcome = applyAlarmEvent(record, event, this.config);
    if (!outcome.ok) throw rejectionError(outcome.rejection);
    const before = this.memory.records.get(record.id);
    this.memory.commitOutcome(before, outcome.alarm, outcome.transition);
    this.journal.write(type, actor, outcome.alarm, comment, event);
    await this.writer.settle();
    return toAlarmView(this.memory.records.get(record.id) ?? outcome.alarm);
  }

  /** "Acknowledge all visible": the ids the station shows, or every alarm waiting for one. */
  async ackAll(request: { readonly ids?: unknown; readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown; readonly comment?: unknown }): Promise<AckAllResult> {
    const actor = await this.actors.resolve(request);
    const comment = cleanComment(request.comment as string | null | undefined);
    let ids: ReadonlyArray<string> | null = null;
    if (request.ids !== undefined) {
      if (!Array.isArray(request.ids) || !request.ids.every((i) => typeof i === 'string')) throw new ProtocolError('BAD_REQUEST', 'ids must be a list of alarm ids');
      if (request.ids.length > 10_000) throw new ProtocolError('BAD_REQUEST', 'at most 10,000 ids at once');
      ids = request.ids as string[];
    }
    const now = this.deps.now();
    const records = this.memory.records;
    const candidates = ids === null ? [...records.values()] : ids.map((id) => records.get(id)).filter((r): r is AlarmRecord => r !== undefined);
    const acknowledged: AlarmView[] = [];
    const rejected: Array<{ alarm_id: string; code: string; message: string }> = [];
    for (const record of candidates) {
      if (!isUnacknowledged(record.state)) continue;
      const event: StationEvent = { type: 'acknowledge', at: now, actor, comment };
      const outcome = applyAlarmEvent(record, event, this.config);
      if (!outcome.ok) {
        rejected.push({ alarm_id: record.id, code: outcome.rejection.code, message: outcome.rejection.message });
        continue;
      }
      this.memory.commitOutcome(record, outcome.alarm, outcome.transition);
      this.journal.write('acknowledge', actor, outcome.alarm, comment, event);
      acknowledged.push(toAlarmView(outcome.alarm));
    }
    if (acknowledged.length === 0 && rejected.length > 0 && rejected.every((r) => r.code === 'READ_ONLY')) {
      throw new ProtocolError('FORBIDDEN', `${actor.operator} may only watch`, 'READ_ONLY');
    }
    await this.writer.settle();
    return { acknowledged, rejected };
  }

  /** Timed shelves whose time is up return the alarm to what its condition says now. */
  expireShelves(now: number): void {
    for (const record of [...this.memory.records.values()]) {
      if (record.shelve_kind !== 'timed' || record.shelved_until === null || record.shelved_until > now) continue;
      const outcome = applyAlarmEvent(record, { type: 'shelve_expired', at: now }, this.config);
      if (outcome.ok) this.memory.commitOutcome(record, outcome.alarm, outcome.transition);
    }
  }
}
