import type { ConnectionHealth, HealthResponse } from '../../../shared/protocol';

/**
 * The console's verdict on itself. `down`: it cannot watch anything (no connection configured, or
 * none connected). `degraded`: it watches, but not everything (a connection is down).
 */
export function judgeHealth(
  connections: ReadonlyArray<ConnectionHealth>,
  monitoring: HealthResponse['monitoring'] = { lost: false, reason: null, detail: null, since: '' },
): { status: HealthResponse['status']; reasons: string[] } {
  if (monitoring.lost && monitoring.reason === 'INGEST_STALLED') {
    return { status: 'down', reasons: [`monitoring lost: ${monitoring.detail ?? 'nothing received'}`] };
  }
  if (connections.length === 0) {
    return { status: 'down', reasons: ['no MQTT connection is configured: set EMBERWATCH_MQTT_URL or add a connection in settings'] };
  }
  const down = connections.filter((c) => c.state !== 'connected');
  if (down.length === connections.length) {
    return { status: 'down', reasons: down.map((c) => `connection ${c.id} is ${c.state}${c.last_error ? ` (${c.last_error})` : ''}`) };
  }
  if (down.length > 0) {
    return { status: 'degraded', reasons: down.map((c) => `connection ${c.id} is ${c.state}${c.last_error ? ` (${c.last_error})` : ''}`) };
  }
  return { status: 'ok', reasons: [] };
}
