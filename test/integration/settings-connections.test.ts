import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectAsync } from 'mqtt';
import { hashPin } from '../../electron/host/alarms/pin-hash';
import type { DeviceDetailResponse, HealthResponse, SettingsUpdateResult } from '../../shared/protocol';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// A supervisor moves the console to another broker from the Settings screen, through serve's REST,
// with two real Mosquittos: the changed connection reconnects at once (no restart), readings from
// the new broker are stored, and an unchanged connection is not disturbed by the change. The
// console's language changes the same way: its advice about a device comes in the new language.

const PARK = { operator: 'Park', pin: '2468' };
const TOPICS = ['fire-prediction/device/+/data'];
const HANGUL = /[\uac00-\ud7a3]/;

function reading(deviceId: string, idx: number, temperatureC: number): string {
  return JSON.stringify({
    deviceId, idx, status: 0, volt: 221.3, voltLow: 219.6, ct: 9.8, zct: 0.7, rzct: 0.4, pwr: 2.1,
    pcbTemp: temperatureC - 2, sensorTemp: temperatureC, co: 4.1, voc: 120.4, pFct: 0.97, aArc: 0, timestamp: Date.now(),
  });
}

async function publish(url: string, deviceId: string, idx: number, temperatureC = 37.9): Promise<void> {
  const device = await connectAsync(url, { clientId: `device-${deviceId}-${idx}` });
  try {
    await device.publishAsync(`fire-prediction/device/${deviceId}/data`, reading(deviceId, idx, temperatureC), { qos: 1 });
  } finally {
    await device.endAsync();
  }
}

async function health(serve: ServeProcess): Promise<HealthResponse> {
  return (await getJson<HealthResponse>(`${serve.url}/api/health`)).body;
}

async function putSettings(serve: ServeProcess, section: string, changes: unknown): Promise<{ status: number; body: SettingsUpdateResult }> {
  const response = await fetch(`${serve.url}/api/settings/${section}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...PARK, changes, comment: 'commissioning' }),
  });
  return { status: response.status, body: (await response.json()) as SettingsUpdateResult };
}

/** How often the log says a connection connected. */
function connects(serve: ServeProcess, id: string): number {
  return serve.output().split('\n').filter((line) => line.includes('mqtt connected') && line.includes(`"connection":"${id}"`)).length;
}

describe('connections and the language changed in settings apply without a restart (serve, two real brokers)', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let oldBroker: Mosquitto;
  let newBroker: Mosquitto;
  let serve: ServeProcess;

  before(async () => {
    oldBroker = await startMosquitto();
    newBroker = await startMosquitto();
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-settings-connections-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
      mqtt: { connections: [{ id: 'plant', url: oldBroker.url, topics: TOPICS }] },
      alarms: { operators: [{ name: 'Park', role: 'supervisor', pin_hash: await hashPin(PARK.pin) }] },
    }));
    serve = await startServeProcess(['--no-demo'], {}, dataDir);
  });

  after(async () => {
    await serve?.stop();
    await oldBroker?.stop();
    await newBroker?.stop();
  });

  test('a moved connection reconnects to the new broker; an added one starts; the unchanged one stays up', async () => {
    await waitFor('plant connected to the old broker', async () => ((await health(serve)).connections.some((c) => c.id === 'plant' && c.state === 'connected') ? true : undefined));
    await publish(oldBroker.url, 'OLD0001', 1);
    await waitFor('the old broker\'s reading stored', async () => ((await health(serve)).ingest.scored === 1 ? true : undefined));

    const moved = await putSettings(serve, 'connections', [{ id: 'plant', url: newBroker.url, topics: TOPICS, qos: 1 }]);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.applied, true);
    assert.deepEqual(moved.body.restart_required, []);
    const afterMove = await waitFor('plant connected to the new broker', async () => {
      const h = await health(serve);
      const plant = h.connections.find((c) => c.id === 'plant');
      return h.connections.length === 1 && plant?.state === 'connected' && plant.url.includes(`:${new URL(newBroker.url).port}`) ? h : undefined;
    });
    assert.equal(afterMove.connections.length, 1);
    await publish(newBroker.url, 'NEW0001', 1);
    await waitFor('the new broker\'s reading stored', async () => ((await health(serve)).ingest.scored === 2 ? true : undefined));
    // The old broker is no longer watched.
    await publish(oldBroker.url, 'OLD0001', 2);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await health(serve)).ingest.scored, 2);

    const plantConnects = connects(serve, 'plant');
    const added = await putSettings(serve, 'connections', [
      { id: 'plant', url: newBroker.url, topics: TOPICS, qos: 1 },
      { id: 'annex', url: oldBroker.url, topics: TOPICS, qos: 1 },
    ]);
    assert.equal(added.body.applied, true);
    await waitFor('both connections up', async () => {
      const h = await health(serve);
      return h.connections.length === 2 && h.connections.every((c) => c.state === 'connected') ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(connects(serve, 'plant'), plantConnects, 'plant was not reconnected by a change that did not touch it');
    await publish(oldBroker.url, 'ANNEX01', 1);
    await waitFor('the added connection\'s reading stored', async () => ((await health(serve)).ingest.scored === 3 ? true : undefined));
  });

  test('the console\'s language changes without a restart: its advice about a hot device is Korean now', async () => {
    await publish(newBroker.url, 'HOT0001', 1, 82);
    const adviceOf = async (): Promise<string> => {
      const { body } = await getJson<DeviceDetailResponse>(`${serve.url}/api/device/HOT0001`);
      return JSON.stringify([body.recommendations, body.device_info.latest_analysis?.advice ?? []]);
    };
    const english = await waitFor('advice about the hot device', async () => {
      const advice = await adviceOf();
      return /[A-Za-z]{4}/.test(advice) ? advice : undefined;
    });
    assert.doesNotMatch(english, HANGUL);
    const changed = await putSettings(serve, 'language', 'ko');
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.applied, true);
    assert.deepEqual(changed.body.restart_required, []);
    assert.match(await adviceOf(), HANGUL);
  });
});
