import { ProtocolError, isSettingsSection } from '../../../shared/protocol';
import type { AlarmRoute } from './alarm-routes';

// The settings screen over REST (issue 8): `GET /api/settings`, `PUT /api/settings/:section` (POST
// also accepted, for clients that cannot send PUT) with `{operator, station, pin, comment, changes}`,
// and `POST /api/registry/import` with `{operator, pin, comment, format, text}`. Writes as for alarm
// actions: a supervisor, and from beyond loopback `Authorization: Bearer <EMBERWATCH_TOKEN>`.

export interface SettingsRoute extends AlarmRoute {
  /** A registry of thousands of devices is larger than an alarm action's body. */
  readonly maxBodyBytes?: number;
}

/** Twenty thousand devices of CSV inside a JSON string, with room for escaping. */
export const REGISTRY_IMPORT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Null when the path is not a settings route. */
export function routeSettingsRequest(httpMethod: string, url: URL): SettingsRoute | null {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/api/settings') {
    return httpMethod === 'GET' || httpMethod === 'HEAD' ? { method: 'settings.get', params: {}, write: false } : null;
  }
  if (path === '/api/registry/import') {
    return httpMethod === 'POST' ? { method: 'registry.import', params: {}, write: true, maxBodyBytes: REGISTRY_IMPORT_MAX_BODY_BYTES } : null;
  }
  const section = /^\/api\/settings\/([^/]+)$/.exec(path);
  if (section && (httpMethod === 'PUT' || httpMethod === 'POST')) {
    const name = section[1] as string;
    if (!isSettingsSection(name)) throw new ProtocolError('NOT_FOUND', `no settings section ${JSON.stringify(name)}: connections, thresholds, retention, operators or language`);
    return { method: 'settings.update', params: { section: name }, write: true };
  }
  return null;
}
