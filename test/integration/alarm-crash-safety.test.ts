import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';
import WebSocket from 'ws';
import { DATABASE_FILE_NAME } from '../../electron/host/store/database';
import type { AlarmHistoryResponse, AlarmItem, AlarmView, HealthResponse, JournalResponse, JournalVerifyResponse, StationView } from '../../shared/protocol';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// The store's crash test, for the alarms: serve on a real Mosquitto, alarms raised by real
// readings, operator actions over REST, a screen listening on the WebSocket; then SIGKILL while
// readings pour in and acknowledgements are in flight, and a restart on the same data directory.
// Every alarm state a screen was shown, and every action that was answered, must be there after
// the restart; the open alarms come back in their states; the journal's chain holds.

const DEVICES = ['CRASH01', 'CRASH02', 'CRASH03', 'CRASH04', 'CRASH05', 'CRASH06'];
const CRITICAL = 'CRASH06';

function message(device: string, at: number, idx: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    deviceId: device, idx, status: 0, volt: 220, voltLow: 219, ct: 5, zct: 0.5, rzct: 0.3, pwr: 1.045,
    pcbTemp: 35, sensorTemp: 37, co: 5, voc: 50, pFct: 0.95, aArc: 0, timestamp: new Date(at).toISOString(), ...extra,
  };
}

/** Sensor temperature, arc, CO and VOC bits with the values that go with them: HIGH, then CRITICAL with history. */
const FIRE = { status: 0b101111000000, pcbTemp: 95, sensorTemp: 110, aArc: 30, co: 60, voc: 900 };

async function post(serve: ServeProcess, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${serve.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const id = (device: string, source: string): string => `device:${device}:${source}`;
const path = (alarm: string, action: string): string => `/api/alarms/${encodeURIComponent(alarm)}/${action}`;

interface Answered {
  readonly action: string;
  readonly alarm_id: string | null;
  readonly operator: string;
  /** Undefined: the host words it (silence says how many alarms it silenced). */
  readonly comment: string | null | undefined;
}

describe('alarm crash safety: SIGKILL with actions in flight, restart, everything reported is there', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;
  let devices: MqttClient;
  let first: ServeProcess | undefined;
  let second: ServeProcess | undefined;

  before(async () => {
    broker = await startMosquitto();
    devices = await connectAsync(broker.url, { clientId: 'alarm-crash-devices' });
  });

  after(async () => {
    await first?.stop('SIGKILL');
    await second?.stop();
    await devices?.endAsync();
    await broker?.stop();
  });

  test('every transition shown and every action answered before the kill survives it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-alarm-crash-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ alarms: { operators: [{ name: 'park', role: 'supervisor' }] } }));
    first = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDir);
    const serve = first;
    await waitFor('connected', async () => ((await getJson<HealthResponse>(`${serve.url}/api/health`)).body.connections[0]?.state === 'connected' ? true : undefined));

    // A screen on the WebSocket: everything it is shown must be on disk (shown only after commit).
    const shown: AlarmItem[] = [];
    const socket = new WebSocket(`${serve.url.replace('http', 'ws')}/ws`);
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { kind: string; event?: string; payload?: { alarms?: AlarmItem[] } };
      if (m.kind === 'event' && m.event === 'alarms.changed') shown.push(...(m.payload?.alarms ?? []));
    });
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));

    // Trouble at six devices: overcurrent (medium) at four, arcing (high) at one, a fire building at one.
    const t0 = Date.now() - 60_000;
    for (const [i, device] of DEVICES.slice(0, 4).entries()) await devices.publishAsync(`fire-prediction/device/${device}/data`, JSON.stringify(message(device, t0 + i, 1, { status: 4, ct: 110 })), { qos: 1 });
    await devices.publishAsync('fire-prediction/device/CRASH05/data', JSON.stringify(message('CRASH05', t0, 1, { status: 2048, aArc: 12 })), { qos: 1 });
    for (let i = 0; i < 6; i++) await devices.publishAsync(`fire-prediction/device/${CRITICAL}/data`, JSON.stringify(message(CRITICAL, t0 + i * 2000, i + 1, FIRE)), { qos: 1 });
    await waitFor('the alarms raised', async () => {
      const { body } = await getJson<{ alarms: AlarmView[] }>(`${serve.url}/api/alarms?state=unacknowledged`);
      const ids = new Set(body.alarms.map((a) => a.id));
      return ids.has(id(CRITICAL, 'risk_critical')) && ids.has(id('CRASH05', 'arc_alarm')) && DEVICES.slice(0, 4).every((d) => ids.has(id(d, 'overcurrent'))) ? true : undefined;
    });

    // Operator actions, each answered only once committed.
    const answered: Answered[] = [];
    const act = async (alarm: string, action: string, body: Record<string, unknown>, journalAction: string): Promise<void> => {
      const result = await post(serve, path(alarm, action), body);
      assert.equal(result.status, 200, `${action} ${alarm}: ${JSON.stringify(result.body)}`);
      answered.push({ action: journalAction, alarm_id: alarm, operator: String(body.operator), comment: (body.comment as string | undefined) ?? null });
    };
    await act(id('CRASH01', 'overcurrent'), 'ack', { operator: 'kim', station: 'desk-1', comment: 'electrician called' }, 'acknowledge');
    await act(id('CRASH02', 'overcurrent'), 'shelve', { operator: 'kim', station: 'desk-1', comment: 'motor test', minutes: 90 }, 'shelve');
    await act(id('CRASH03', 'overcurrent'), 'out-of-service', { operator: 'park', station: 'desk-2', comment: 'panel replaced' }, 'remove_from_service');
    await act(id(CRITICAL, 'risk_critical'), 'ack', { operator: 'kim', station: 'desk-1', comment: 'crew dispatched' }, 'acknowledge');
    assert.equal((await post(serve, '/api/stations/desk-1/sign-in', { operator: 'kim' })).status, 200);
    answered.push({ action: 'sign_in', alarm_id: null, operator: 'kim', comment: null });
    assert.equal((await post(serve, '/api/stations/desk-1/silence', { operator: 'kim' })).status, 200);
    answered.push({ action: 'silence', alarm_id: null, operator: 'kim', comment: undefined });

    // Now the kill: readings pouring in, acknowledgements in flight.
    const pending = [id('CRASH04', 'overcurrent'), id('CRASH05', 'arc_alarm'), id(CRITICAL, 'risk_high'), id(CRITICAL, 'arc_alarm'), id(CRITICAL, 'sensor_temp_alarm'), id(CRITICAL, 'co_alarm'), id(CRITICAL, 'voc_alarm')];
    const flood = Array.from({ length: 3000 }, (_, i) => {
      const device = `NOISE${String(i % 40).padStart(3, '0')}`;
      return devices.publishAsync(`fire-prediction/device/${device}/data`, JSON.stringify(message(device, Date.now() - 30_000 + i, i + 1, i % 7 === 0 ? { status: 4, ct: 105 } : {})), { qos: 1 });
    });
    const inFlight = pending.map((alarm, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(() =>
        post(serve, path(alarm, 'ack'), { operator: 'lee', station: 'desk-3', comment: `in flight ${i}` }).then(
          (result) => {
            if (result.status === 200) answered.push({ action: 'acknowledge', alarm_id: alarm, operator: 'lee', comment: `in flight ${i}` });
          },
          () => undefined,
        ),
      ),
    );
    await waitFor('some of the in-flight acknowledgements answered', async () => (answered.filter((a) => a.operator === 'lee').length >= 2 ? true : undefined), 20_000);
    const exit = await serve.stop('SIGKILL');
    assert.equal(exit, null, 'killed by the signal');
    first = undefined;
    await Promise.allSettled([...inFlight, ...flood]);
    socket.terminate();

    // What the file holds after the kill, before anything reads it.
    const file = join(dataDir, DATABASE_FILE_NAME);
    const raw = new Database(file);
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    const storedBefore = new Map((raw.prepare('SELECT id, record FROM alarms').all() as Array<{ id: string; record: string }>).map((r) => [r.id, JSON.parse(r.record) as { state: string; last_change_at: number; acked_by: string | null; comment: string | null; shelved_until: number | null }]));
    raw.close();

    second = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDir);
    const restarted = second;

    // 1. Every state a screen was shown is in the stored history: it was committed first.
    const history = (await getJson<AlarmHistoryResponse>(`${restarted.url}/api/alarms/history?since=${t0 - 60_000}&limit=5000`)).body.transitions;
    const stored = new Set(history.map((t) => `${t.alarm_id}|${t.to}|${t.at}`));
    assert.ok(shown.length > 10, `the screen was shown the alarms (${shown.length})`);
    for (const item of shown) assert.ok(stored.has(`${item.id}|${item.state}|${item.last_change_at}`), `shown ${item.id} ${item.state} at ${item.last_change_at}, and it is on disk`);

    // 2. Every action answered before the kill is in the journal, in the alarm too; the chain holds.
    const journal = (await getJson<JournalResponse>(`${restarted.url}/api/journal?limit=5000`)).body.entries;
    for (const a of answered) {
      assert.ok(
        journal.some((e) => e.action === a.action && e.alarm_id === a.alarm_id && e.operator === a.operator && (a.comment === undefined || e.comment === a.comment)),
        `answered ${a.action} ${a.alarm_id ?? ''} by ${a.operator} is journaled`,
      );
    }
    const verdict = (await getJson<JournalVerifyResponse>(`${restarted.url}/api/journal/verify`)).body;
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    assert.ok(verdict.ok && verdict.entries >= answered.length);

    // 3. The open alarms come back in their states, as the file held them. (The noise devices' own
    // readings, queued by the broker during the outage, go on arriving after the restart and move
    // their alarms on; the console's trouble follows the new process.)
    assert.ok(storedBefore.size > DEVICES.length);
    for (const [alarmId, before] of storedBefore) {
      if (alarmId.startsWith('console:') || alarmId.includes(':NOISE')) continue;
      const { status, body } = await getJson<AlarmItem>(`${restarted.url}/api/alarms/${encodeURIComponent(alarmId)}`);
      assert.equal(status, 200, alarmId);
      assert.equal(body.state, before.state, `${alarmId}: state`);
      assert.equal(Date.parse(body.last_change_at), before.last_change_at, `${alarmId}: last change`);
      assert.equal(body.acked_by, before.acked_by, `${alarmId}: acknowledged by`);
      assert.equal(body.comment, before.comment, `${alarmId}: comment`);
    }
    const states = async (alarm: string): Promise<string> => (await getJson<AlarmItem>(`${restarted.url}/api/alarms/${encodeURIComponent(alarm)}`)).body.state;
    assert.equal(await states(id('CRASH01', 'overcurrent')), 'acknowledged');
    assert.equal(await states(id('CRASH02', 'overcurrent')), 'shelved');
    assert.equal(await states(id('CRASH03', 'overcurrent')), 'out_of_service');
    assert.equal(await states(id(CRITICAL, 'risk_critical')), 'acknowledged');
    for (const a of answered.filter((x) => x.operator === 'lee')) assert.equal(await states(a.alarm_id as string), 'acknowledged', `${a.alarm_id}: answered, so acknowledged`);
    // The station came back too: who is signed in, and what it silenced.
    const station = (await getJson<{ station: StationView }>(`${restarted.url}/api/alarms/snapshot?station=desk-1`)).body.station;
    assert.equal(station.operator, 'kim');
  });
});
