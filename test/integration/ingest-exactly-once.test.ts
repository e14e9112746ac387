import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';
import { DATABASE_FILE_NAME } from '../../electron/host/store/database';
import type { HealthResponse } from '../../shared/protocol';
import type { SimulationMessage } from '../../shared/simulator';
import { createSimulation } from '../../shared/simulator';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// QoS 1, a persistent session and acknowledgements only after commit: every message published
// across a SIGKILL of the console, or a restart of the broker, is stored exactly once.

/** What a site's Mosquitto should have: queue without limit for a console that is away, a wide in-flight window. */
const BROKER_SETTINGS = ['max_queued_messages 0', 'max_inflight_messages 1000'];
const START_MS = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;

function stream(devices: number, seconds: number, seed: number): SimulationMessage[] {
  const simulation = createSimulation({ devices, zones: 2, periodS: 1, seed, startMs: START_MS, scenario: 'mix:0.3' });
  return [...simulation.tick(START_MS + seconds * 1000)];
}

async function publish(client: MqttClient, messages: ReadonlyArray<SimulationMessage>): Promise<void> {
  for (let at = 0; at < messages.length; at += 200) {
    await Promise.all(messages.slice(at, at + 200).map((m) => client.publishAsync(m.topic, JSON.stringify(m.payload), { qos: 1 })));
  }
}

async function health(serve: ServeProcess): Promise<HealthResponse> {
  return (await getJson<HealthResponse>(`${serve.url}/api/health`)).body;
}

/** Every published (device, timestamp) is in the database once, and nothing else is. */
function assertStoredExactlyOnce(dataDir: string, published: ReadonlyArray<SimulationMessage>): void {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const rows = db.prepare('SELECT k.device_id AS id, r.ts AS ts FROM readings r JOIN device_keys k ON k.device_key = r.device_key').all() as Array<{ id: string; ts: number }>;
    const stored = new Map<string, number>();
    for (const row of rows) stored.set(`${row.id}@${row.ts}`, (stored.get(`${row.id}@${row.ts}`) ?? 0) + 1);
    const expected = new Set(published.map((m) => `${m.reading.deviceId}@${m.reading.timestampMs}`));
    const missing = [...expected].filter((k) => !stored.has(k));
    const twice = [...stored].filter(([, n]) => n > 1).map(([k]) => k);
    const extra = [...stored.keys()].filter((k) => !expected.has(k));
    assert.deepEqual({ missing: missing.slice(0, 5), twice: twice.slice(0, 5), extra: extra.slice(0, 5) }, { missing: [], twice: [], extra: [] });
    assert.equal(rows.length, expected.size);
  } finally {
    db.close();
  }
}

async function waitForStored(serve: ServeProcess, count: number): Promise<void> {
  await waitFor(`${count} readings stored`, async () => ((await health(serve)).store.readings >= count ? true : undefined), 90_000);
}

describe('exactly once through outages', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  test('published across a SIGKILL of the console: stored exactly once after it restarts', async () => {
    const broker = await startMosquitto({ config: BROKER_SETTINGS });
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-once-'));
    const messages = stream(20, 60, 11);
    const device = await connectAsync(broker.url, { clientId: 'publisher-kill', clean: false });
    let serve: ServeProcess | null = await startServeProcess(['--mqtt-url', broker.url], {}, dataDir);
    try {
      await waitFor('connected', async () => ((await health(serve as ServeProcess)).connections[0]?.state === 'connected' ? true : undefined));
      const third = Math.floor(messages.length / 3);
      await publish(device, messages.slice(0, third));
      // Kill while the second third is arriving: some of it committed, some in flight, some unacknowledged.
      const inFlight = publish(device, messages.slice(third, 2 * third));
      await waitFor('some of the second third received', async () => ((await health(serve as ServeProcess)).ingest.received > third + 50 ? true : undefined));
      await serve.stop('SIGKILL');
      serve = null;
      await inFlight;
      // Published while the console is away: the broker keeps them for its persistent session.
      await publish(device, messages.slice(2 * third));
      serve = await startServeProcess(['--mqtt-url', broker.url], {}, dataDir);
      await waitForStored(serve, messages.length);
      await new Promise((r) => setTimeout(r, 1000));
      const after = await health(serve);
      assert.equal(after.store.readings, messages.length);
      await serve.stop();
      serve = null;
      assertStoredExactlyOnce(dataDir, messages);
    } finally {
      await serve?.stop('SIGKILL');
      await device.endAsync(true);
      await broker.stop();
    }
  });

  test('a broker restart mid-stream loses nothing and stores nothing twice', async () => {
    const persistence = mkdtempSync(join(tmpdir(), 'emberwatch-broker-state-'));
    let broker = await startMosquitto({ config: BROKER_SETTINGS, persistenceDir: persistence });
    const port = broker.port;
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-once-'));
    const messages = stream(15, 60, 12);
    const device = await connectAsync(broker.url, { clientId: 'publisher-restart', clean: false, reconnectPeriod: 200 });
    const serve = await startServeProcess(['--mqtt-url', broker.url], {}, dataDir);
    try {
      await waitFor('connected', async () => ((await health(serve)).connections[0]?.state === 'connected' ? true : undefined));
      const half = Math.floor(messages.length / 2);
      await publish(device, messages.slice(0, half));
      await broker.stop();
      // The publisher keeps its unacknowledged messages and sends them when the broker is back.
      const sending = publish(device, messages.slice(half));
      broker = await startMosquitto({ config: BROKER_SETTINGS, persistenceDir: persistence, port });
      await sending;
      await waitForStored(serve, messages.length);
      const h = await health(serve);
      assert.equal(h.connections[0]?.state, 'connected', 'the console reconnected by itself');
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal((await health(serve)).store.readings, messages.length);
      await serve.stop();
      assertStoredExactlyOnce(dataDir, messages);
    } finally {
      await serve.stop('SIGKILL');
      await device.endAsync(true);
      await broker.stop();
    }
  });
});
