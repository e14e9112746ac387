import type { AlarmRoute } from './alarm-routes';

// Backups over REST (issue 11): `GET /api/backups` lists them, `POST /api/backups` makes one now.
// The POST is a write like an alarm action: its JSON body names the operator (and station), and
// from beyond loopback it needs `Authorization: Bearer <EMBERWATCH_TOKEN>` (write-auth.ts).

/** Null when the path is not a backup route. */
export function routeBackupRequest(httpMethod: string, url: URL): AlarmRoute | null {
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '/api/backups') return null;
  if (httpMethod === 'GET' || httpMethod === 'HEAD') return { method: 'backups.list', params: {}, write: false };
  if (httpMethod === 'POST') return { method: 'backup.create', params: {}, write: true };
  return null;
}
