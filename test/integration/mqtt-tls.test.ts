import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectAsync } from 'mqtt';
import type { DevicesResponse, HealthResponse } from '../../shared/protocol';
import type { TestPki } from '../support/certificates';
import { makeTestPki } from '../support/certificates';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// Mutual TLS as AWS IoT Core requires it: the broker accepts only clients with a certificate from its CA.

function reading(deviceId: string, idx: number): string {
  return JSON.stringify({
    deviceId, idx, status: 0, volt: 221.5, voltLow: 219.8, ct: 8.9, zct: 0.68, rzct: 0.45, pwr: 1.9, pcbTemp: 35.6,
    sensorTemp: 38.1, co: 6.5, voc: 118.4, pFct: 0.97, aArc: 0, timestamp: new Date(Date.now() - 1000 + idx).toISOString(),
  });
}

function settingsWith(connection: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'emberwatch-tls-data-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ mqtt: { connections: [connection] } }));
  return dir;
}

describe('MQTT over TLS with client certificates', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let pki: TestPki;
  let broker: Mosquitto;

  before(async () => {
    pki = makeTestPki();
    broker = await startMosquitto({
      config: [`cafile ${pki.caCert}`, `certfile ${pki.serverCert}`, `keyfile ${pki.serverKey}`, 'require_certificate true', 'use_identity_as_username true'],
    });
  });

  after(async () => {
    await broker?.stop();
  });

  test('the console connects with its certificate and scores what devices publish', async () => {
    const dataDir = settingsWith({
      id: 'site-tls', url: `mqtts://127.0.0.1:${broker.port}`, ca_file: pki.caCert, cert_file: pki.clientCert, key_file: pki.clientKey,
    });
    let serve: ServeProcess | undefined;
    try {
      serve = await startServeProcess([], {}, dataDir);
      const url = serve.url;
      await waitFor('the TLS connection', async () => {
        const { body } = await getJson<HealthResponse>(`${url}/api/health`);
        return body.connections[0]?.state === 'connected' ? true : undefined;
      });
      const device = await connectAsync(`mqtts://127.0.0.1:${broker.port}`, {
        ca: [readFileSync(pki.caCert)],
        cert: readFileSync(pki.clientCert),
        key: readFileSync(pki.clientKey),
        clientId: 'device-TLS-1',
      });
      for (let i = 0; i < 3; i += 1) await device.publishAsync('fire-prediction/device/TLS-1/data', reading('TLS-1', i), { qos: 1 });
      await device.endAsync();
      const devices = await waitFor('the device over TLS', async () => {
        const { body } = await getJson<DevicesResponse>(`${url}/api/devices`);
        return body.devices.some((d) => d.device_id === 'TLS-1' && d.risk_level !== null) ? body.devices : undefined;
      });
      assert.ok(devices.some((d) => d.device_id === 'TLS-1'));
    } finally {
      await serve?.stop();
    }
  });

  test('without a client certificate the broker refuses the console, and health says so', async () => {
    const dataDir = settingsWith({ id: 'no-cert', url: `mqtts://127.0.0.1:${broker.port}`, ca_file: pki.caCert });
    let serve: ServeProcess | undefined;
    try {
      serve = await startServeProcess([], {}, dataDir);
      const url = serve.url;
      const health = await waitFor('the refusal', async () => {
        const { body } = await getJson<HealthResponse>(`${url}/api/health`);
        return body.connections[0]?.last_error ? body : undefined;
      });
      assert.notEqual(health.connections[0]?.state, 'connected');
      assert.equal(health.status, 'down');
    } finally {
      await serve?.stop();
    }
  });
});
