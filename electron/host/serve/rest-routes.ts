import type { MethodName } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';

export interface RestRoute {
  readonly method: MethodName;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Reads `?limit=` strictly: a typo is a 400, not a silent default. */
function optionalInteger(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw new ProtocolError('BAD_REQUEST', `${name} must be a whole number`);
  return value;
}

function segment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ProtocolError('BAD_REQUEST', 'malformed percent-encoding in the path');
  }
}

function queryParams(query: URLSearchParams, names: ReadonlyArray<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Reports (issue 10): `/api/incidents/:id/report.pdf|csv`, `/api/reports/shift.pdf|csv?from=&to=`. */
function routeReportRequest(path: string, query: URLSearchParams): RestRoute | null {
  const incident = /^\/api\/incidents\/([^/]+)\/report\.(pdf|csv)$/.exec(path);
  if (incident) return { method: 'report.file', params: { kind: 'incident', id: segment(incident[1] as string), format: incident[2] } };
  const shift = /^\/api\/reports\/shift\.(pdf|csv)$/.exec(path);
  if (shift) return { method: 'report.file', params: { kind: 'shift', format: shift[1], ...queryParams(query, ['from', 'to']) } };
  return null;
}

/**
 * Maps the REST API (the seed's Flask paths) onto protocol methods, so REST is a second face of
 * the same service rather than a second implementation. Returns null for an unknown path.
 */
export function routeRestRequest(httpMethod: string, url: URL): RestRoute | null {
  const path = url.pathname.replace(/\/+$/, '');
  if (httpMethod !== 'GET' && httpMethod !== 'HEAD') return null;
  switch (path) {
    case '/api/health': return { method: 'health.get', params: {} };
    case '/api/overview': return { method: 'overview.get', params: {} };
    case '/api/devices': return { method: 'devices.list', params: {} };
    case '/api/metrics': return { method: 'metrics.get', params: {} };
    case '/api/zones': return { method: 'zones.list', params: {} };
    case '/api/incidents': return { method: 'incidents.list', params: queryParams(url.searchParams, ['from', 'to', 'device', 'zone', 'priority', 'state']) };
    case '/api/quarantine': {
      const limit = optionalInteger(url.searchParams, 'limit');
      return { method: 'quarantine.list', params: limit === undefined ? {} : { limit } };
    }
    default: break;
  }
  const device = /^\/api\/device\/([^/]+)$/.exec(path);
  if (device) return { method: 'device.get', params: { id: segment(device[1] as string) } };
  const history = /^\/api\/device\/([^/]+)\/history$/.exec(path);
  if (history) {
    const params: Record<string, unknown> = { id: segment(history[1] as string) };
    const points = optionalInteger(url.searchParams, 'points');
    if (points !== undefined) params.points = points;
    for (const name of ['from', 'to']) {
      const text = url.searchParams.get(name);
      // Epoch milliseconds or ISO-8601; the service checks either.
      if (text !== null) params[name] = /^\d+$/.test(text) ? Number(text) : text;
    }
    return { method: 'device.history', params };
  }
  const report = routeReportRequest(path, url.searchParams);
  if (report) return report;
  const realtime = /^\/api\/realtime\/([^/]+)$/.exec(path);
  if (realtime) return { method: 'realtime.get', params: { id: segment(realtime[1] as string) } };
  const zone = /^\/api\/zone\/([^/]+)$/.exec(path);
  if (zone) return { method: 'zone.get', params: { id: segment(zone[1] as string) } };
  return null;
}
