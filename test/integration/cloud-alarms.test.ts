import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';
import type { HealthResponse } from '../../shared/protocol';
import type { Dynalite } from '../support/dynalite';
import { TEST_CREDENTIALS, createSeedTables, scanAll, startDynalite } from '../support/dynalite';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// The console's own alarms in the cloud's Alerts table: raised by a real reading on a real broker,
// acknowledged over REST, each presentation one row keyed by the device and its activation time.

const TABLES = { raw_data: 'FirePrediction-RawData', device_state: 'FirePrediction-DeviceState', alerts: 'FirePrediction-Alerts' };

describe('alarms and acknowledgements reach the Alerts table', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;
  let dynamo: Dynalite;
  let devices: MqttClient;
  let serve: ServeProcess | undefined;

  before(async () => {
    broker = await startMosquitto();
    dynamo = await startDynalite();
    await createSeedTables(dynamo.client, TABLES);
    devices = await connectAsync(broker.url, { clientId: 'cloud-alarm-devices' });
  });

  after(async () => {
    await serve?.stop();
    await devices?.endAsync();
    await broker?.stop();
    dynamo.client.destroy();
    await dynamo.stop();
  });

  test('an arc alarm, then its acknowledgement: one row, updated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-cloud-alarms-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
      cloud: { enabled: true, endpoint: dynamo.endpoint, access_key_id: TEST_CREDENTIALS.accessKeyId, secret_access_key: TEST_CREDENTIALS.secretAccessKey },
    }));
    serve = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDir);
    const url = serve.url;
    await waitFor('connected', async () => ((await getJson<HealthResponse>(`${url}/api/health`)).body.connections[0]?.state === 'connected' ? true : undefined));
    const at = Date.now();
    const reading = {
      deviceId: 'ARC01', idx: 1, status: 2048, volt: 220, voltLow: 219, ct: 5, zct: 0.5, rzct: 0.3, pwr: 1.045,
      pcbTemp: 35, sensorTemp: 37, co: 5, voc: 50, pFct: 0.95, aArc: 12, timestamp: new Date(at).toISOString(),
    };
    await devices.publishAsync('fire-prediction/device/ARC01/data', JSON.stringify(reading), { qos: 1 });
    const alarmId = 'device:ARC01:arc_alarm';
    const raised = await waitFor('the arc alarm\'s row', async () => (await scanAll(dynamo.client, TABLES.alerts)).find((r) => r.alarm_id?.S === alarmId));
    assert.equal(raised.device_id?.S, 'ARC01');
    assert.equal(Date.parse(raised.alert_timestamp?.S ?? ''), at);
    assert.equal(raised.resolved?.BOOL, false);

    const response = await fetch(`${url}/api/alarms/${encodeURIComponent(alarmId)}/ack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operator: 'kim', station: 'desk-1', comment: 'breaker opened' }),
    });
    assert.equal(response.status, 200);
    const acked = await waitFor('the acknowledgement in the row', async () => {
      const row = (await scanAll(dynamo.client, TABLES.alerts)).find((r) => r.alarm_id?.S === alarmId);
      return row?.acknowledged_by?.S === 'kim' ? row : undefined;
    });
    assert.equal(acked.comment?.S, 'breaker opened');
    assert.equal(acked.alert_timestamp?.S, raised.alert_timestamp?.S);
    const rows = (await scanAll(dynamo.client, TABLES.alerts)).filter((r) => r.alarm_id?.S === alarmId);
    assert.equal(rows.length, 1);
    const { body: health } = await getJson<HealthResponse>(`${url}/api/health`);
    assert.equal(health.cloud?.breaker, 'closed');
  });
});
