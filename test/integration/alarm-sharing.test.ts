import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';
import { encodeStationMessage, signStationMessage } from '../../shared/alarms/station-messages';
import type { AlarmView, HealthResponse, JournalResponse, QuarantineResponse } from '../../shared/protocol';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// Two consoles watching one fleet through a real Mosquitto share what their operators do: an
// acknowledgement at one is at the other within a second or so, signed with the site key; a
// message signed with another key is quarantined (BAD_SIGNATURE) and changes nothing; a replay is
// applied once.

const SITE_KEY = 'plant-2-building-b-site-key-0123456789';
const DEVICE = 'SHARE01';
const ALARM = `device:${DEVICE}:overcurrent`;

function dataDirWithKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emberwatch-share-'));
  writeFileSync(join(dir, 'site.key'), `${SITE_KEY}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ alarms: { site_key_file: 'site.key' } }));
  return dir;
}

function overcurrentReading(at: number): Record<string, unknown> {
  return {
    deviceId: DEVICE, idx: 1, status: 4, volt: 220, voltLow: 218, ct: 110, zct: 0.5, rzct: 0.3, pwr: 23,
    pcbTemp: 35, sensorTemp: 37, co: 5, voc: 50, pFct: 0.95, aArc: 0, timestamp: new Date(at).toISOString(),
  };
}

async function alarmAt(serve: ServeProcess, state?: string): Promise<AlarmView | undefined> {
  const { body } = await getJson<{ alarms: AlarmView[] }>(`${serve.url}/api/alarms${state ? `?state=${state}` : ''}`);
  return body.alarms.find((a) => a.id === ALARM);
}

describe('two consoles share alarm actions over MQTT', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;
  let devices: MqttClient;
  let a: ServeProcess;
  let b: ServeProcess;

  before(async () => {
    broker = await startMosquitto();
    devices = await connectAsync(broker.url, { clientId: 'share-test-devices' });
    [a, b] = await Promise.all([
      startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDirWithKey()),
      startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDirWithKey()),
    ]);
    for (const serve of [a, b]) {
      await waitFor('connected', async () => ((await getJson<HealthResponse>(`${serve.url}/api/health`)).body.connections[0]?.state === 'connected' ? true : undefined));
    }
  });

  after(async () => {
    await a?.stop();
    await b?.stop();
    await devices?.endAsync();
    await broker?.stop();
  });

  test('acknowledged at A, acknowledged at B; a forged message is quarantined; a replay applies once', async () => {
    const health = (await getJson<HealthResponse>(`${b.url}/api/health`)).body;
    assert.equal(health.alarms?.sharing.enabled, true, 'sharing is on with a site key');

    await devices.publishAsync(`fire-prediction/device/${DEVICE}/data`, JSON.stringify(overcurrentReading(Date.now())), { qos: 1 });
    for (const serve of [a, b]) await waitFor('the alarm at both consoles', () => alarmAt(serve, 'unacknowledged'));

    // Watch the shared topic to capture A's signed message for the replay below.
    const watcher = await connectAsync(broker.url, { clientId: 'share-test-watcher' });
    const seen: Array<{ topic: string; payload: string }> = [];
    watcher.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
    await watcher.subscribeAsync('fire-prediction/alerts/+/events', { qos: 1 });

    const response = await fetch(`${a.url}/api/alarms/${encodeURIComponent(ALARM)}/ack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operator: 'kim', station: 'desk-a', comment: 'breaker reset' }),
    });
    assert.equal(response.status, 200);
    const started = Date.now();
    const atB = await waitFor('acknowledged at B', async () => {
      const alarm = await alarmAt(b, 'acknowledged');
      return alarm?.acked_by === 'kim' ? alarm : undefined;
    }, 5_000);
    const tookMs = Date.now() - started;
    assert.equal(atB.comment, 'breaker reset');
    assert.ok(tookMs < 3_000, `shared within a few seconds even on a slow machine (took ${tookMs} ms)`);
    const journalB = (await getJson<JournalResponse>(`${b.url}/api/journal?device=${DEVICE}`)).body.entries;
    assert.deepEqual(journalB.map((e) => [e.action, e.operator, e.station]), [['acknowledge', 'kim', 'desk-a']]);

    const message = await waitFor('the shared message seen on the broker', async () => seen[0]);
    assert.equal(message.topic, `fire-prediction/alerts/${DEVICE}/events`);

    // A forged acknowledgement (signed with another key) of a new alarm: quarantined, nothing changes.
    await devices.publishAsync(`fire-prediction/device/${DEVICE}/data`, JSON.stringify({ ...overcurrentReading(Date.now() + 1000), status: 0 }), { qos: 1 });
    await devices.publishAsync(`fire-prediction/device/${DEVICE}/data`, JSON.stringify({ ...overcurrentReading(Date.now() + 2000), idx: 3 }), { qos: 1 });
    await waitFor('the new activation at B', () => alarmAt(b, 'unacknowledged'));
    const forged = signStationMessage(
      {
        v: 1, action_id: 'stranger/1', action: 'acknowledge', alarm_id: ALARM, at: new Date().toISOString(),
        operator: 'mallory', station: 'somewhere', role: 'operator', comment: null, shelve: null,
      },
      'a-different-key-that-is-long-enough',
    );
    await devices.publishAsync(message.topic, encodeStationMessage(forged), { qos: 1 });
    const quarantined = await waitFor('the forged message quarantined at B', async () => {
      const { body } = await getJson<QuarantineResponse>(`${b.url}/api/quarantine?limit=20`);
      return body.messages.find((m) => m.reason === 'BAD_SIGNATURE');
    });
    assert.equal(quarantined.topic, message.topic);
    assert.equal((await alarmAt(b))?.state, 'unacknowledged', 'the forgery acknowledged nothing');

    // A replay of A's genuine message: applied once already, so nothing new (and superseded anyway).
    await devices.publishAsync(message.topic, message.payload, { qos: 1 });
    await devices.publishAsync(message.topic, message.payload, { qos: 1 });
    await waitFor('the replays seen at B', async () => {
      const h = (await getJson<HealthResponse>(`${b.url}/api/health`)).body;
      return (h.alarms?.sharing.duplicates ?? 0) >= 2 ? true : undefined;
    });
    assert.equal((await alarmAt(b))?.state, 'unacknowledged');
    const after = (await getJson<JournalResponse>(`${b.url}/api/journal?device=${DEVICE}`)).body.entries;
    assert.equal(after.length, 1, 'no second journal entry from a replay');
    await watcher.endAsync();
  });
});
