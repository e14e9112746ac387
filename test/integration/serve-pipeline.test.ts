import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import type {
  DeviceDetailResponse,
  DevicesResponse,
  HealthResponse,
  OverviewResponse,
  RealtimeResponse,
} from '../../shared/protocol';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { REPO_ROOT, getJson, startServeProcess, waitFor } from '../support/serve-process';

// simulator CLI → real Mosquitto → serve (a separate process) → REST, as a site would run it.

const DEVICES = 24;
const ZONES = 4;

/** The seed's keys must all be there; later work adds fields but never renames these. */
function assertHasKeys(value: object, keys: ReadonlyArray<string>): void {
  const missing = keys.filter((k) => !(k in value));
  assert.deepEqual(missing, [], `missing keys ${missing.join(', ')}`);
}

describe('simulator → Mosquitto → host → REST', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;
  let serve: ServeProcess;
  let simulator: ReturnType<typeof spawn>;

  before(async () => {
    broker = await startMosquitto();
    serve = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url });
    simulator = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'electron/host/cli/simulate.ts'), '--url', broker.url, '--devices', String(DEVICES),
        '--period', '0.5', '--zones', String(ZONES), '--seed', '7', '--duration', '120'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  });

  after(async () => {
    simulator?.kill('SIGTERM');
    await serve?.stop();
    await broker?.stop();
  });

  test('every simulated device appears in /api/devices, scored and placed in its zone', async () => {
    const devices = await waitFor('all simulated devices scored', async () => {
      const { body } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
      const scored = body.devices.filter((d) => d.risk_level !== null && d.zone !== 'unassigned');
      return scored.length === DEVICES ? body.devices : undefined;
    });
    assert.equal(devices.length, DEVICES);
    assert.equal(new Set(devices.map((d) => d.zone)).size, ZONES);
    for (const device of devices) {
      assertHasKeys(device, ['current', 'device_id', 'last_seen', 'name', 'online', 'position', 'readings', 'risk_level', 'risk_score', 'source', 'status_bits', 'temperature', 'zone']);
      assert.equal(device.online, true);
      assert.equal(typeof device.temperature, 'number');
      assert.equal(typeof device.current, 'number');
      assert.ok(Number.isInteger(device.status_bits));
      assert.ok(device.risk_score !== null && device.risk_score >= 0 && device.risk_score <= 1);
    }
  });

  test('health reports the broker connection and the ingest counters', async () => {
    const { status, body } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.equal(status, 200);
    assert.equal(body.status, 'ok');
    assert.equal(body.mode.demo, false);
    assert.equal(body.connections.length, 1);
    assert.equal(body.connections[0]?.state, 'connected');
    assert.ok((body.connections[0]?.messages ?? 0) > DEVICES);
    assert.ok(body.ingest.received >= body.ingest.scored && body.ingest.scored > 0);
    for (const key of ['status', 'uptime_s', 'version', 'connections', 'ingest', 'quarantine', 'store']) assert.ok(key in body, key);
    assertHasKeys(body.ingest, ['duplicates', 'per_second', 'received', 'scored']);
    assertHasKeys(body.quarantine, ['by_reason', 'total']);
    for (const key of ['db_bytes', 'oldest_reading', 'readings']) assert.ok(key in body.store, `store.${key}`);
    assert.ok(body.store.db_bytes > 0, 'emberwatch.db exists');
  });

  test('overview, device detail and realtime keep the seed dashboard shapes', async () => {
    const overview = await getJson<OverviewResponse>(`${serve.url}/api/overview`);
    assert.equal(overview.status, 200);
    assertHasKeys(overview.body, ['active_devices', 'recent_alerts', 'risk_distribution', 'system_status', 'total_devices']);
    assert.equal(overview.body.total_devices, DEVICES);
    assert.equal(overview.body.active_devices, DEVICES);
    assert.equal(overview.body.system_status, 'HEALTHY');
    const distribution = overview.body.risk_distribution;
    assertHasKeys(distribution, ['CRITICAL', 'HIGH', 'LOW', 'MEDIUM', 'NORMAL']);
    assert.equal(Object.values(distribution).reduce((a, b) => a + b, 0), DEVICES);

    const { body: list } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
    const id = list.devices[0]?.device_id as string;
    const detail = await getJson<DeviceDetailResponse>(`${serve.url}/api/device/${encodeURIComponent(id)}`);
    assert.equal(detail.status, 200);
    assertHasKeys(detail.body, ['device_info', 'recent_alerts', 'recommendations', 'timeseries_data']);
    assert.equal(detail.body.device_info.device_id, id);
    const analysis = detail.body.device_info.latest_analysis;
    assert.ok(analysis, 'the newest reading is explained');
    assertHasKeys(analysis.risk_indicators, ['electrical_risk_score', 'gas_risk_score', 'temperature_risk', 'temperature_score', 'total_risk_score']);
    assert.equal(analysis.risk_score, detail.body.device_info.current_risk_score);
    assert.ok(analysis.confidence > 0 && analysis.confidence <= 1);
    assert.ok(Array.isArray(analysis.advice));
    assert.ok(Array.isArray(detail.body.recommendations));
    assert.ok(detail.body.timeseries_data.length > 0);
    assertHasKeys(detail.body.timeseries_data[0] as object, ['arc_count', 'current', 'risk_score', 'temperature', 'timestamp', 'voltage']);

    const realtime = await getJson<RealtimeResponse>(`${serve.url}/api/realtime/${encodeURIComponent(id)}`);
    assert.equal(realtime.status, 200);
    assertHasKeys(realtime.body, ['alarm_status', 'arc_count', 'current', 'risk_score', 'status_bits', 'temperature', 'timestamp', 'voltage']);
    assert.equal(typeof realtime.body.alarm_status.overvoltage, 'boolean');
  });

  test('unknown devices and endpoints answer with the error shape', async () => {
    const missing = await getJson<{ error: { code: string; message: string } }>(`${serve.url}/api/device/NO-SUCH-DEVICE`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
    const realtime = await getJson<{ error: { code: string } }>(`${serve.url}/api/realtime/NO-SUCH-DEVICE`);
    assert.equal(realtime.status, 404);
    const unknown = await getJson<{ error: { code: string } }>(`${serve.url}/api/nothing-here`);
    assert.equal(unknown.status, 404);
    const bad = await getJson<{ error: { code: string } }>(`${serve.url}/api/quarantine?limit=abc`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'BAD_REQUEST');
  });
});
