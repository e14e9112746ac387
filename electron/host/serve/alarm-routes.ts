import type { MethodName } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';

// The alarm system's REST paths (DESIGN.md "The host's HTTP API"), mapped onto protocol methods
// like every other route: `GET /api/alarms?state=`, `POST /api/alarms/:id/ack|shelve|unshelve|reset`,
// `POST /api/stations/:station/silence`, `GET /api/journal?since=&device=`, and the rest of issue 7.

export interface AlarmRoute {
  readonly method: MethodName;
  /** Path and query parameters; a POST's JSON body is laid under them. */
  readonly params: Readonly<Record<string, unknown>>;
  /** A write: needs an operator, and beyond loopback the token. */
  readonly write: boolean;
}

const ALARM_ACTIONS: Readonly<Record<string, MethodName>> = {
  ack: 'alarm.ack',
  shelve: 'alarm.shelve',
  unshelve: 'alarm.unshelve',
  reset: 'alarm.reset',
  'out-of-service': 'alarm.remove_from_service',
  'return-to-service': 'alarm.return_to_service',
};

const STATION_ACTIONS: Readonly<Record<string, { method: MethodName; write: boolean }>> = {
  silence: { method: 'station.silence', write: true },
  'sign-in': { method: 'station.sign_in', write: true },
  'sign-out': { method: 'station.sign_out', write: true },
  hello: { method: 'station.hello', write: false },
};

function segment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ProtocolError('BAD_REQUEST', 'malformed percent-encoding in the path');
  }
}

function query(url: URL, names: ReadonlyArray<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = url.searchParams.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Null when the path is none of the alarm system's. */
export function routeAlarmRequest(httpMethod: string, url: URL): AlarmRoute | null {
  const path = url.pathname.replace(/\/+$/, '');
  const read = httpMethod === 'GET' || httpMethod === 'HEAD';
  if (read) {
    switch (path) {
      case '/api/alarms':
        return { method: 'alarms.list', params: query(url, ['state', 'device']), write: false };
      case '/api/alarms/snapshot':
        return { method: 'alarms.snapshot', params: query(url, ['station']), write: false };
      case '/api/alarms/history':
        return { method: 'alarms.history', params: query(url, ['since', 'until', 'device', 'limit']), write: false };
      case '/api/alarms/kpis':
        return { method: 'alarms.kpis', params: query(url, ['from', 'to']), write: false };
      case '/api/journal':
        return { method: 'journal.list', params: query(url, ['since', 'device', 'limit']), write: false };
      case '/api/journal/verify':
        return { method: 'journal.verify', params: {}, write: false };
      default:
        break;
    }
    const one = /^\/api\/alarms\/([^/]+)$/.exec(path);
    if (one) return { method: 'alarm.get', params: { id: segment(one[1] as string) }, write: false };
    return null;
  }
  if (httpMethod !== 'POST') return null;
  if (path === '/api/alarms/ack-all') return { method: 'alarms.ack_all', params: {}, write: true };
  const action = /^\/api\/alarms\/([^/]+)\/([a-z-]+)$/.exec(path);
  if (action) {
    const method = ALARM_ACTIONS[action[2] as string];
    return method === undefined ? null : { method, params: { id: segment(action[1] as string) }, write: true };
  }
  const station = /^\/api\/stations\/([^/]+)\/([a-z-]+)$/.exec(path);
  if (station) {
    const found = STATION_ACTIONS[station[2] as string];
    return found === undefined ? null : { method: found.method, params: { station: segment(station[1] as string) }, write: found.write };
  }
  return null;
}

/** Path parameters win over the body's (the URL names the alarm or station acted on). */
export function mergeBody(route: AlarmRoute, body: unknown): Readonly<Record<string, unknown>> {
  if (body === undefined) return route.params;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProtocolError('BAD_REQUEST', 'the body must be a JSON object');
  return { ...(body as Record<string, unknown>), ...route.params };
}
