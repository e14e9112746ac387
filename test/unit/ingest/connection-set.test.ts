import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ConnectionSettings } from '../../../electron/host/config/settings';
import type { ManagedConnection } from '../../../electron/host/ingest/connection-set';
import { ConnectionSet, connectionFingerprint } from '../../../electron/host/ingest/connection-set';

// The set's own logic: which connections a settings change starts, restarts, stops or leaves alone.
// The connections are stand-ins that record their lifecycle; the MQTT side of a connection is
// tested against Mosquitto elsewhere (and the whole change through serve in settings-connections).

class Recorded implements ManagedConnection {
  readonly id: string;
  readonly events: string[];
  running = false;

  constructor(readonly settings: ConnectionSettings, log: string[]) {
    this.id = settings.id;
    this.events = log;
  }

  start(): void {
    if (this.settings.url.includes('refuse')) throw new Error('certificate gone');
    this.running = true;
    this.events.push(`start ${this.id} ${this.settings.url}`);
  }

  async stop(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.running = false;
    this.events.push(`stop ${this.id} ${this.settings.url}`);
  }
}

function connection(id: string, url: string, extra: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { id, url, topics: ['fire-prediction/device/+/data'], qos: 1, ...extra };
}

function rig(): { readonly set: ConnectionSet<Recorded>; readonly events: string[]; readonly changes: number[] } {
  const events: string[] = [];
  const changes: number[] = [];
  const set = new ConnectionSet<Recorded>((s) => new Recorded(s, events), (live) => changes.push(live.length));
  return { set, events, changes };
}

describe('ConnectionSet', () => {
  test('the first settings start every connection', async () => {
    const { set, events, changes } = rig();
    const result = await set.apply([connection('a', 'mqtt://a'), connection('b', 'mqtt://b')]);
    assert.deepEqual(result, { started: ['a', 'b'], restarted: [], stopped: [], unchanged: [] });
    assert.deepEqual(events, ['start a mqtt://a', 'start b mqtt://b']);
    assert.deepEqual(set.live.map((c) => c.id), ['a', 'b']);
    assert.deepEqual(changes, [2]);
  });

  test('an unchanged connection keeps running; a changed one is stopped before it starts again; a removed one stops', async () => {
    const { set, events, changes } = rig();
    await set.apply([connection('a', 'mqtt://a'), connection('b', 'mqtt://b'), connection('c', 'mqtt://c')]);
    const [a] = set.live;
    events.length = 0;
    const result = await set.apply([connection('a', 'mqtt://a'), connection('b', 'mqtt://b2'), connection('d', 'mqtt://d')]);
    assert.deepEqual(result, { started: ['d'], restarted: ['b'], stopped: ['c'], unchanged: ['a'] });
    // The old session is closed before the new one takes the same client id.
    assert.ok(events.indexOf('stop b mqtt://b') < events.indexOf('start b mqtt://b2'), events.join(' | '));
    assert.ok(events.includes('stop c mqtt://c'));
    assert.ok(!events.some((e) => e.includes(' a ')), 'a was not touched');
    assert.equal(set.live[0], a, 'the same connection object, with its session and held acknowledgements');
    assert.deepEqual(set.live.map((c) => `${c.id} ${c.settings.url}`).sort(), ['a mqtt://a', 'b mqtt://b2', 'd mqtt://d']);
    assert.deepEqual(changes, [3, 3]);
  });

  test('the same settings again change nothing and tell nobody', async () => {
    const { set, events, changes } = rig();
    await set.apply([connection('a', 'mqtt://a')]);
    const result = await set.apply([connection('a', 'mqtt://a')]);
    assert.deepEqual(result, { started: [], restarted: [], stopped: [], unchanged: ['a'] });
    assert.deepEqual(events, ['start a mqtt://a']);
    assert.deepEqual(changes, [1]);
  });

  test('a new password or certificate under the same file name restarts the connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emberwatch-connection-set-'));
    const password = join(dir, 'mqtt-a.password');
    writeFileSync(password, 'first');
    const settings = connection('a', 'mqtts://a', { password_file: password });
    const { set } = rig();
    await set.apply([settings]);
    assert.deepEqual((await set.apply([settings])).unchanged, ['a']);
    writeFileSync(password, 'second');
    assert.deepEqual((await set.apply([settings])).restarted, ['a']);
  });

  test('a file that cannot be read never counts as unchanged', () => {
    const settings = connection('a', 'mqtts://a', { ca_file: '/no/such/ca.pem' });
    assert.notEqual(connectionFingerprint(settings), connectionFingerprint(settings));
  });

  test('a connection that cannot start fails alone, and the change says so', async () => {
    const { set, events } = rig();
    await assert.rejects(set.apply([connection('a', 'mqtt://a'), connection('bad', 'mqtts://refuse'), connection('c', 'mqtt://c')]), /bad: certificate gone/);
    assert.deepEqual(events, ['start a mqtt://a', 'start c mqtt://c']);
    assert.deepEqual(set.live.map((c) => c.id), ['a', 'c']);
    // Fixed, it is started by the next change like a new one.
    assert.deepEqual((await set.apply([connection('a', 'mqtt://a'), connection('bad', 'mqtts://fixed'), connection('c', 'mqtt://c')])).started, ['bad']);
  });

  test('a fixed connection (the demo) is left alone by settings and stopped with the rest', async () => {
    const { set, events } = rig();
    const demo = set.startFixed(connection('demo', 'mqtt://127.0.0.1:1'));
    await set.apply([connection('a', 'mqtt://a')]);
    await set.apply([]);
    assert.deepEqual(set.live, [demo]);
    await set.stopAll();
    assert.equal(set.live.length, 0);
    assert.equal(demo.running, false);
    assert.deepEqual(events.at(-1), 'stop demo mqtt://127.0.0.1:1');
  });

  test('changes are taken one at a time, in order', async () => {
    const { set } = rig();
    const first = set.apply([connection('a', 'mqtt://a1')]);
    const second = set.apply([connection('a', 'mqtt://a2')]);
    assert.deepEqual((await first).started, ['a']);
    assert.deepEqual((await second).restarted, ['a']);
    assert.deepEqual(set.live.map((c) => c.settings.url), ['mqtt://a2']);
  });
});
