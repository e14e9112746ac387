import assert from 'node:assert/strict';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { toItem } from '../../electron/host/cloud/attribute-values';
import type { DevicesResponse, HealthResponse, OverviewResponse } from '../../shared/protocol';
import type { Dynalite } from '../support/dynalite';
import { TEST_CREDENTIALS, createSeedTables, scanAll, startDynalite } from '../support/dynalite';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// The cloud link in the console as a user runs it: off and silent without settings; with them,
// the cloud's devices and alerts on the console and the demo fleet mirrored to the seed's tables.

const TABLES = { raw_data: 'FirePrediction-RawData-dev', device_state: 'FirePrediction-DeviceState-dev', alerts: 'FirePrediction-Alerts-dev' };
let server: Dynalite;

before(async () => {
  server = await startDynalite();
  await createSeedTables(server.client, TABLES);
});

after(async () => {
  server.client.destroy();
  await server.stop();
});

test('without cloud settings nothing of the cloud starts, and nothing is logged about it', async () => {
  const serve = await startServeProcess(['--no-demo'], { AWS_ENDPOINT_URL_DYNAMODB: server.endpoint, AWS_REGION: 'us-east-1' });
  try {
    const { body: health } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.deepEqual(
      { enabled: health.cloud?.enabled, outbox_depth: health.cloud?.outbox_depth, oldest_entry: health.cloud?.oldest_entry, breaker: health.cloud?.breaker },
      { enabled: false, outbox_depth: 0, oldest_entry: null, breaker: 'closed' },
    );
  } finally {
    await serve.stop();
  }
  assert.doesNotMatch(serve.output(), /cloud|dynamo|aws/i);
  assert.equal((await scanAll(server.client, TABLES.raw_data)).length, 0);
});

test('with cloud settings: the cloud\'s devices and alerts appear, and the demo fleet is mirrored', async () => {
  const now = Date.now();
  await server.client.send(new PutItemCommand({
    TableName: TABLES.device_state,
    Item: toItem({ device_id: 'CLOUD-1', last_seen: new Date(now - 5_000).toISOString(), current_risk_level: 'HIGH', current_risk_score: 0.72, last_temperature: 58.5, last_arc_count: 1, total_alarms: 3, last_status_bits: 64, last_idx: 41 }),
  }));
  await server.client.send(new PutItemCommand({
    TableName: TABLES.alerts,
    Item: toItem({ device_id: 'CLOUD-1', alert_timestamp: new Date(now - 4_000).toISOString(), alert_level: 'HIGH', alert_type: 'TEMPERATURE_CRITICAL', risk_score: 0.72, message: 'hot board', resolved: false, console_id: 'another-console' }),
  }));
  const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-cloud-serve-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
    cloud: {
      enabled: true,
      access_key_id: TEST_CREDENTIALS.accessKeyId,
      secret_access_key: TEST_CREDENTIALS.secretAccessKey,
      environment: 'dev',
      mirror: { readings: true, device_state: true },
      poll_s: 5,
    },
  }));
  const serve = await startServeProcess(['--demo-devices', '4', '--demo-period', '0.5'], { AWS_ENDPOINT_URL_DYNAMODB: server.endpoint, AWS_REGION: 'ap-northeast-2' }, dataDir);
  try {
    const cloudDevice = await waitFor('the cloud device on the console', async () => {
      const { body } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
      return body.devices.find((d) => d.device_id === 'CLOUD-1');
    });
    assert.equal(cloudDevice.source, 'cloud');
    assert.equal(cloudDevice.risk_level, 'HIGH');
    assert.equal(cloudDevice.temperature, 58.5);
    const overview = await waitFor('the demo fleet and the cloud device in the overview', async () => {
      const { body } = await getJson<OverviewResponse>(`${serve.url}/api/overview`);
      return body.total_devices === 5 ? body : undefined;
    });
    assert.ok(overview.risk_distribution.HIGH >= 1);
    assert.ok(overview.recent_alerts.some((a) => a.device_id === 'CLOUD-1' && a.source === 'cloud'));
    await waitFor('readings mirrored to RawData', async () => ((await scanAll(server.client, TABLES.raw_data)).length >= 20 ? true : undefined));
    await waitFor('device state mirrored to DeviceState', async () => ((await scanAll(server.client, TABLES.device_state)).length === 5 ? true : undefined));
    const { body: health } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.equal(health.cloud?.enabled, true);
    assert.equal(health.cloud?.breaker, 'closed');
    assert.equal(health.cloud?.cloud_devices, 1);
    assert.ok((health.cloud?.outbox_depth ?? -1) >= 0);
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { cloud: { secret_access_key: string } };
    assert.match(settings.cloud.secret_access_key, /^sealed:file:/);
  } finally {
    await serve.stop();
  }
  assert.ok(!serve.output().includes(TEST_CREDENTIALS.secretAccessKey), 'the secret is never logged');
  assert.doesNotMatch(serve.output(), / ERROR .*cloud/i);
});
