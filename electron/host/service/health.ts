import type { ConnectionHealth, HealthResponse, SystemHealthView } from '../../../shared/protocol';

/**
 * The console's verdict on itself. `down`: it cannot watch anything (no connection configured, or
 * none connected). `degraded`: it watches, but not everything (a connection is down), or the
 * system-health judge (system-health.ts) sees trouble: the store, the cloud outbox, disk or memory.
 */
export function judgeHealth(
  connections: ReadonlyArray<ConnectionHealth>,
  monitoring: HealthResponse['monitoring'] = { lost: false, reason: null, detail: null, since: '' },
  system: Pick<SystemHealthView, 'reasons'> | null = null,
): { status: HealthResponse['status']; reasons: string[] } {
  if (monitoring.lost && monitoring.reason === 'INGEST_STALLED') {
    return { status: 'down', reasons: [`monitoring lost: ${monitoring.detail ?? 'nothing received'}`] };
  }
  if (connections.length === 0) {
    return { status: 'down', reasons: ['no MQTT connection is configured: set EMBERWATCH_MQTT_URL or add a connection in settings'] };
  }
  const down = connections.filter((c) => c.state !== 'connected');
  const downReasons = down.map((c) => `connection ${c.id} is ${c.state}${c.last_error ? ` (${c.last_error})` : ''}`);
  if (down.length === connections.length) return { status: 'down', reasons: downReasons };
  // The judge names a partial outage too; the connections' own words (state, last error) say more.
  const systemReasons = (system?.reasons ?? []).filter((r) => r.code !== 'connection_down').map((r) => r.text);
  const reasons = [...downReasons, ...systemReasons];
  return reasons.length > 0 ? { status: 'degraded', reasons } : { status: 'ok', reasons: [] };
}
