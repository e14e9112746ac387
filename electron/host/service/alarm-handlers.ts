import { toAlarmView } from '../../../shared/alarms/api-view';
import { ALARM_STATE_FILTERS, isAlarmStateFilter } from '../../../shared/alarms/record';
import type { MethodName, MethodParams, MethodResult } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { ActionRequest, ActionType, AlarmService } from '../alarms/alarm-service';

// The alarm system's face: the protocol methods the renderer calls and REST routes to. Parameters
// are checked here (a typo is a 400, never a silent default); the service does the rest.

export type AlarmMethodName =
  | 'alarms.list'
  | 'alarms.snapshot'
  | 'alarms.history'
  | 'alarms.kpis'
  | 'alarm.get'
  | 'alarm.ack'
  | 'alarm.shelve'
  | 'alarm.unshelve'
  | 'alarm.reset'
  | 'alarm.remove_from_service'
  | 'alarm.return_to_service'
  | 'alarms.ack_all'
  | 'station.silence'
  | 'station.hello'
  | 'station.sign_in'
  | 'station.sign_out'
  | 'journal.list'
  | 'journal.verify';

export type AlarmHandlers = {
  readonly [M in AlarmMethodName & MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};

const DAY_MS = 24 * 3_600_000;
const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 5000;

function timeParam(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : Number.NaN;
  if (!Number.isFinite(ms)) throw new ProtocolError('BAD_REQUEST', `${name} must be an ISO-8601 time or epoch milliseconds`);
  return Math.floor(ms);
}

function limitParam(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_LIMIT;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new ProtocolError('BAD_REQUEST', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return n;
}

function optionalText(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ProtocolError('BAD_REQUEST', `${name} must be a string`);
  return value;
}

function actionRequest(params: Readonly<Record<string, unknown>>): ActionRequest {
  const id = params.id;
  if (typeof id !== 'string' || id === '') throw new ProtocolError('BAD_REQUEST', 'id must be a non-empty string');
  const minutes = params.minutes;
  if (minutes !== undefined && (typeof minutes !== 'number' || !Number.isFinite(minutes))) {
    throw new ProtocolError('BAD_REQUEST', 'minutes must be a number', 'INVALID_DURATION');
  }
  const oneShot = params.one_shot;
  if (oneShot !== undefined && typeof oneShot !== 'boolean') throw new ProtocolError('BAD_REQUEST', 'one_shot must be true or false', 'INVALID_DURATION');
  return {
    id,
    operator: optionalText('operator', params.operator),
    station: optionalText('station', params.station),
    comment: optionalText('comment', params.comment),
    pin: optionalText('pin', params.pin),
    minutes: minutes as number | undefined,
    one_shot: oneShot as boolean | undefined,
  };
}

export function createAlarmHandlers(service: AlarmService, now: () => number): AlarmHandlers {
  const act = (type: ActionType) => (params: object) => service.act(type, actionRequest(params as Record<string, unknown>));
  return {
    'alarms.list': async (params) => {
      const state = params.state;
      if (state !== undefined && !isAlarmStateFilter(state)) {
        throw new ProtocolError('BAD_REQUEST', `state must be one of ${ALARM_STATE_FILTERS.join(', ')}`);
      }
      const device = optionalText('device', params.device);
      return { alarms: service.list(state, device).map(toAlarmView) };
    },
    'alarms.snapshot': async (params) => service.snapshot(params.station),
    'alarms.history': async (params) => {
      const until = timeParam('until', params.until) ?? now() + 1;
      const since = timeParam('since', params.since) ?? until - DAY_MS;
      if (since >= until) throw new ProtocolError('BAD_REQUEST', 'since must be before until');
      const device = optionalText('device', params.device);
      return {
        transitions: service.history({ fromMs: since, toMs: until, limit: limitParam(params.limit), ...(device === undefined ? {} : { deviceId: device }) }),
      };
    },
    'alarms.kpis': async (params) => {
      const to = timeParam('to', params.to) ?? now();
      const from = timeParam('from', params.from) ?? to - DAY_MS;
      if (from >= to) throw new ProtocolError('BAD_REQUEST', 'from must be before to');
      if (to - from > 400 * DAY_MS) throw new ProtocolError('BAD_REQUEST', 'a KPI period is at most 400 days');
      return service.kpis(from, to);
    },
    'alarm.get': async (params) => {
      const id = optionalText('id', params.id);
      const item = id === undefined ? null : service.get(id);
      if (item === null) throw new ProtocolError('NOT_FOUND', `no alarm ${JSON.stringify(params.id)}`);
      return item;
    },
    'alarm.ack': act('acknowledge'),
    'alarm.shelve': act('shelve'),
    'alarm.unshelve': act('unshelve'),
    'alarm.reset': act('reset'),
    'alarm.remove_from_service': act('remove_from_service'),
    'alarm.return_to_service': act('return_to_service'),
    'alarms.ack_all': async (params) => service.ackAll(params),
    'station.silence': async (params) => service.silence(params),
    'station.hello': async (params) => service.hello(params),
    'station.sign_in': async (params) => service.signIn(params),
    'station.sign_out': async (params) => service.signOut(params),
    'journal.list': async (params) => {
      const device = optionalText('device', params.device);
      const since = timeParam('since', params.since);
      return {
        entries: service.journalEntries({
          limit: limitParam(params.limit),
          ...(since === undefined ? {} : { sinceMs: since }),
          ...(device === undefined ? {} : { deviceId: device }),
        }),
      };
    },
    'journal.verify': async () => service.verifyJournal(),
  };
}
