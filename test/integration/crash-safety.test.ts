import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';
import { DATABASE_FILE_NAME } from '../../electron/host/store/database';
import type { DeviceDetailResponse, DeviceHistoryResponse, HealthResponse } from '../../shared/protocol';
import type { ScoredReading } from '../../shared/scoring';
import { createScoringEngine } from '../../shared/scoring';
import type { SimulationMessage } from '../../shared/simulator';
import { createSimulation } from '../../shared/simulator';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// The store's crash test, for real: serve as a child process on a real Mosquitto, a known stream,
// SIGKILL while writes are in flight, a restart on the same data directory. The database must be
// intact, the history from before the kill served again, and every device must carry on as in an
// unbroken run: the same state, and the same risk for each next reading.
//
// Acknowledging QoS 1 only after commit is the ingestion's work; here the test waits until the
// readings before the kill are committed (health: store.readings) and then kills the host while
// other devices' readings are still pouring in.

const DEVICES = 6;
const PERIOD_S = 2;
/** Event time of the stream: the 40 minutes up to five minutes ago (inside every retention period). */
const START_MS = Math.floor((Date.now() - 45 * 60_000) / 60_000) * 60_000;
const SPAN_S = 40 * 60;
const KILL_AT_S = 30 * 60;
/** Trouble that spans the kill: an arc burst from just before it makes the first readings after it depend on the history. */
const SCENARIO = 'loose-connection:DEV0001,DEV0002@1200;arc-burst:DEV0003,DEV0006@1785;rising-leakage:DEV0004@1600;smouldering:DEV0005@1500';

function stream(): { before: SimulationMessage[]; after: SimulationMessage[] } {
  const simulation = createSimulation({ devices: DEVICES, zones: 2, periodS: PERIOD_S, seed: 404, startMs: START_MS, scenario: SCENARIO });
  const before: SimulationMessage[] = [];
  const after: SimulationMessage[] = [];
  const killTs = START_MS + KILL_AT_S * 1000;
  for (const m of simulation.tick(START_MS + SPAN_S * 1000)) (m.reading.timestampMs < killTs ? before : after).push(m);
  return { before, after };
}

/** Other devices' readings, published fast while the host is killed: the kill lands mid-write. */
function noise(count: number): SimulationMessage[] {
  const simulation = createSimulation({ devices: 20, zones: 1, periodS: 1, seed: 9, startMs: START_MS, scenario: 'mix:0.2' });
  const out: SimulationMessage[] = [];
  for (let s = 0; out.length < count; s++) {
    for (const m of simulation.tick(START_MS + s * 1000)) {
      const id = `NOISE-${String(m.payload.deviceId ?? '')}`;
      out.push({ ...m, topic: `fire-prediction/device/${id}/data`, payload: { ...m.payload, deviceId: id } });
    }
  }
  return out;
}

async function publishAll(client: MqttClient, messages: ReadonlyArray<SimulationMessage>): Promise<void> {
  await Promise.all(messages.map((m) => client.publishAsync(m.topic, JSON.stringify(m.payload), { qos: 1 })));
}

/**
 * Publishes in steps the console keeps up with: a broker queues at most max_queued_messages (1000)
 * per subscriber beyond its in-flight window and drops the rest.
 */
async function publishPaced(client: MqttClient, messages: ReadonlyArray<SimulationMessage>, serve: ServeProcess): Promise<void> {
  const base = (await health(serve)).ingest.received;
  for (let at = 0; at < messages.length; at += 250) {
    const chunk = messages.slice(at, at + 250);
    await publishAll(client, chunk);
    const target = base + at + chunk.length;
    await waitFor('the console taking the published messages', async () => ((await health(serve)).ingest.received >= target ? true : undefined), 30_000);
  }
}

async function health(serve: ServeProcess): Promise<HealthResponse> {
  return (await getJson<HealthResponse>(`${serve.url}/api/health`)).body;
}

async function detail(serve: ServeProcess, id: string): Promise<DeviceDetailResponse> {
  const { status, body } = await getJson<DeviceDetailResponse>(`${serve.url}/api/device/${encodeURIComponent(id)}`);
  assert.equal(status, 200, `device ${id}`);
  return body;
}

async function history(serve: ServeProcess, id: string, fromMs: number, toMs: number, points: number): Promise<DeviceHistoryResponse> {
  const { status, body } = await getJson<DeviceHistoryResponse>(`${serve.url}/api/device/${encodeURIComponent(id)}/history?from=${fromMs}&to=${toMs}&points=${points}`);
  assert.equal(status, 200, `history of ${id}`);
  return body;
}

/** The device state fields that must survive (liveness aside, which follows the clock). */
function lasting(d: DeviceDetailResponse): unknown {
  const i = d.device_info;
  return {
    last_seen: i.last_seen,
    last_idx: i.last_idx,
    last_status_bits: i.last_status_bits,
    current_risk_level: i.current_risk_level,
    current_risk_score: i.current_risk_score,
    last_temperature: i.last_temperature,
    last_arc_count: i.last_arc_count,
    total_alarms: i.total_alarms,
    readings: i.readings,
    latest_analysis: i.latest_analysis,
  };
}

describe('crash safety: SIGKILL mid-stream, restart, carry on', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;
  let publisher: MqttClient;
  let first: ServeProcess | undefined;
  let second: ServeProcess | undefined;

  before(async () => {
    broker = await startMosquitto();
    publisher = await connectAsync(broker.url, { clientId: 'crash-test-devices' });
  });

  after(async () => {
    await first?.stop('SIGKILL');
    await second?.stop();
    await publisher?.endAsync();
    await broker?.stop();
  });

  test('the database survives, its history is served again, and scores continue exactly', async () => {
    const { before: preKill, after: postKill } = stream();
    const ids = [...new Set(preKill.map((m) => String(m.payload.deviceId)))].sort();
    assert.equal(ids.length, DEVICES);

    // The reference: one engine fed the whole stream in order, as an unbroken run would be.
    const reference = createScoringEngine();
    const expected = new Map<string, ScoredReading>();
    for (const m of [...preKill, ...postKill]) {
      const outcome = reference.scoreMessage(m.payload);
      assert.ok(outcome.ok);
      expected.set(`${outcome.result.device_id}|${outcome.result.timestamp}`, outcome.result);
    }

    first = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url });
    const dataDir = first.dataDir;
    await waitFor('the console connected to the broker', async () => ((await health(first as ServeProcess)).connections[0]?.state === 'connected' ? true : undefined));
    await publishPaced(publisher, preKill, first);
    await waitFor('every reading before the kill committed', async () => {
      const h = await health(first as ServeProcess);
      return h.store.readings === preKill.length ? true : undefined;
    }, 60_000);

    // What the console serves before the kill.
    const beforeKill = new Map<string, { detail: DeviceDetailResponse; history: DeviceHistoryResponse; raw: DeviceHistoryResponse }>();
    const killTs = START_MS + KILL_AT_S * 1000;
    for (const id of ids) {
      beforeKill.set(id, {
        detail: await detail(first, id),
        history: await history(first, id, START_MS, killTs, 30),
        raw: await history(first, id, killTs - 10 * 60_000, killTs, 300),
      });
    }
    assert.equal(beforeKill.get(ids[0] as string)?.raw.source, 'raw');
    assert.equal(beforeKill.get(ids[0] as string)?.history.source, 'rollup');

    // Kill it while other devices' readings are being written.
    const flood = noise(6000);
    const flooding = publishAll(publisher, flood);
    await waitFor('the flood reaching the store', async () => ((await health(first as ServeProcess)).store.readings > preKill.length + 200 ? true : undefined), 30_000);
    const exit = await first.stop('SIGKILL');
    assert.equal(exit, null, 'killed by the signal, not exited');
    first = undefined;
    await flooding;

    const file = join(dataDir, DATABASE_FILE_NAME);
    const check = new Database(file);
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(check.prepare("SELECT count(*) FROM readings r JOIN device_keys k USING (device_key) WHERE k.device_id LIKE 'DEV%'").pluck().get(), preKill.length);
    check.close();

    second = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDir);
    for (const id of ids) {
      const was = beforeKill.get(id) as { detail: DeviceDetailResponse; history: DeviceHistoryResponse; raw: DeviceHistoryResponse };
      const now = await detail(second, id);
      assert.deepEqual(lasting(now), lasting(was.detail), `${id}: device state after the restart`);
      assert.deepEqual(now.timeseries_data, was.detail.timeseries_data, `${id}: recent readings`);
      assert.deepEqual(await history(second, id, START_MS, killTs, 30), was.history, `${id}: roll-up history`);
      assert.deepEqual(await history(second, id, killTs - 10 * 60_000, killTs, 300), was.raw, `${id}: raw history`);
    }

    // The stream goes on: every next reading must score as in the unbroken run.
    await waitFor('the console connected again', async () => ((await health(second as ServeProcess)).connections[0]?.state === 'connected' ? true : undefined));
    await publishPaced(publisher, postKill, second);
    const perDevice = new Map<string, number>();
    for (const m of [...preKill, ...postKill]) perDevice.set(String(m.payload.deviceId), (perDevice.get(String(m.payload.deviceId)) ?? 0) + 1);
    for (const id of ids) {
      const latest = await waitFor(`${id}: the rest of the stream stored`, async () => {
        const d = await detail(second as ServeProcess, id);
        return d.device_info.readings === perDevice.get(id) ? d : undefined;
      }, 60_000);
      const newest = latest.device_info.latest_analysis;
      assert.ok(newest);
      const want = expected.get(`${id}|${newest.timestamp}`);
      assert.ok(want, `${id}: reference for ${newest.timestamp}`);
      assert.equal(newest.risk_score, want.risk_score, `${id}: risk of the newest reading`);
      assert.equal(newest.risk_modifier, want.risk_modifier, `${id}: history modifier of the newest reading`);
      // And every reading after the restart, point by point.
      const afterRestart = latest.timeseries_data.filter((p) => Date.parse(p.timestamp) >= killTs);
      assert.equal(afterRestart.length, postKill.filter((m) => String(m.payload.deviceId) === id).length);
      for (const point of afterRestart) assert.equal(point.risk_score, expected.get(`${id}|${point.timestamp}`)?.risk_score, `${id} at ${point.timestamp}`);
    }
    // Not a vacuous check: right after the restart, some scores were raised by arcs seen before the kill.
    const boosted = postKill.filter((m) => (expected.get(`${String(m.payload.deviceId)}|${String(m.payload.timestamp)}`)?.risk_modifier ?? 1) > 1);
    assert.ok(boosted.some((m) => m.reading.timestampMs < killTs + 10_000), 'the restored history raised a score right after the restart');

    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });
});
