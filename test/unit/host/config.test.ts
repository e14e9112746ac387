import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { UsageError, parseHostArgs } from '../../../electron/host/config/parse-args';
import { resolveDataDir, resolveHostConfig } from '../../../electron/host/config/resolve-config';
import type { Settings } from '../../../electron/host/config/settings';
import { SettingsError, defaultSettings, loadSettings, parseSettings, saveSettings } from '../../../electron/host/config/settings-file';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'emberwatch-config-'));
}

function withSettings(patch: (s: Settings) => Settings): Settings {
  return patch(defaultSettings());
}

describe('settings file', () => {
  test('a missing file gives the defaults', () => {
    const settings = loadSettings(tempDir());
    assert.equal(settings.server.port, 5780);
    assert.equal(settings.server.host, '127.0.0.1');
    assert.equal(settings.demo.enabled, true);
    assert.deepEqual(settings.mqtt.connections, []);
    assert.equal(settings.ui.language, 'en');
  });

  test('absent fields take defaults, present ones are kept', () => {
    const settings = parseSettings(JSON.stringify({ server: { port: 6000 }, mqtt: { connections: [{ id: 'a', url: 'mqtt://x' }] } }), 'f');
    assert.equal(settings.server.port, 6000);
    assert.equal(settings.server.host, '127.0.0.1');
    assert.deepEqual(settings.mqtt.connections[0]?.topics, ['fire-prediction/device/+/data']);
    assert.equal(settings.mqtt.connections[0]?.qos, 1);
  });

  test('errors name every bad field, with the path and the reason', () => {
    const text = JSON.stringify({ server: { port: 'eighty', hots: 'x' }, demo: { devices: 0 }, ui: { language: 'fr' }, mqtt: { connections: [{ url: 5 }] } });
    assert.throws(() => parseSettings(text, 'settings.json'), (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      const fields = error.issues.map((i) => i.field).sort();
      assert.deepEqual(fields, ['demo.devices', 'mqtt.connections[0].id', 'mqtt.connections[0].url', 'server.hots', 'server.port', 'ui.language']);
      assert.match(error.message, /server\.port must be a whole number, got the string "eighty"/);
      assert.match(error.message, /server\.hots is not a known setting/);
      assert.match(error.message, /demo\.devices must be at least 1/);
      return true;
    });
  });

  test('invalid JSON is reported as such', () => {
    assert.throws(() => parseSettings('{ nope', 'settings.json'), /\(file\) is not valid JSON/);
  });

  test('saving is atomic: the file is complete and no temp file is left', () => {
    const dir = tempDir();
    const settings = withSettings((s) => ({ ...s, server: { ...s.server, port: 7001 } }));
    saveSettings(dir, settings);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).server, { port: 7001, host: '127.0.0.1' });
    assert.deepEqual(readdirSync(dir), ['settings.json']);
    assert.equal(loadSettings(dir).server.port, 7001);
  });

  test('saving refuses invalid settings and keeps the old file', () => {
    const dir = tempDir();
    saveSettings(dir, defaultSettings());
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    const bad = { ...defaultSettings(), server: { port: -1, host: 'x' } };
    assert.throws(() => saveSettings(dir, bad), SettingsError);
    assert.equal(readFileSync(join(dir, 'settings.json'), 'utf8'), before);
  });
});

describe('precedence: flag > environment > settings > default', () => {
  const settings = withSettings((s) => ({ ...s, server: { port: 6100, host: '127.0.0.2' }, demo: { ...s.demo, enabled: true } }));

  test('settings beat defaults', () => {
    const config = resolveHostConfig(parseHostArgs([]), {}, settings, '/d');
    assert.equal(config.port, 6100);
    assert.equal(config.host, '127.0.0.2');
  });

  test('environment beats settings', () => {
    const config = resolveHostConfig(parseHostArgs([]), { EMBERWATCH_PORT: '6200', EMBERWATCH_HOST: '127.0.0.3' }, settings, '/d');
    assert.equal(config.port, 6200);
    assert.equal(config.host, '127.0.0.3');
  });

  test('flags beat environment', () => {
    const config = resolveHostConfig(parseHostArgs(['--port', '6300', '--host=127.0.0.4']), { EMBERWATCH_PORT: '6200' }, settings, '/d');
    assert.equal(config.port, 6300);
    assert.equal(config.host, '127.0.0.4');
  });

  test('a broker URL is the only connection and switches the demo off', () => {
    const withConnections = withSettings((s) => ({ ...s, mqtt: { connections: [{ id: 'site', url: 'mqtt://site:1883', topics: ['t'], qos: 1 }] } }));
    const fromEnv = resolveHostConfig(parseHostArgs([]), { EMBERWATCH_MQTT_URL: 'mqtt://env:1883' }, withConnections, '/d');
    assert.deepEqual(fromEnv.connections.map((c) => c.url), ['mqtt://env:1883']);
    assert.equal(fromEnv.demo, null);
    const fromFlag = resolveHostConfig(parseHostArgs(['--mqtt-url', 'mqtts://flag:8883']), { EMBERWATCH_MQTT_URL: 'mqtt://env:1883' }, withConnections, '/d');
    assert.deepEqual(fromFlag.connections.map((c) => c.url), ['mqtts://flag:8883']);
    const fromSettings = resolveHostConfig(parseHostArgs([]), {}, withConnections, '/d');
    assert.deepEqual(fromSettings.connections.map((c) => c.id), ['site']);
    assert.equal(fromSettings.demo, null);
  });

  test('the demo runs only with no connection, and --no-demo / EMBERWATCH_DEMO=0 turn it off', () => {
    assert.notEqual(resolveHostConfig(parseHostArgs([]), {}, settings, '/d').demo, null);
    assert.equal(resolveHostConfig(parseHostArgs(['--no-demo']), {}, settings, '/d').demo, null);
    assert.equal(resolveHostConfig(parseHostArgs([]), { EMBERWATCH_DEMO: '0' }, settings, '/d').demo, null);
    assert.notEqual(resolveHostConfig(parseHostArgs(['--demo']), { EMBERWATCH_DEMO: '0' }, settings, '/d').demo, null);
    const off = withSettings((s) => ({ ...s, demo: { ...s.demo, enabled: false } }));
    assert.equal(resolveHostConfig(parseHostArgs([]), {}, off, '/d').demo, null);
    assert.notEqual(resolveHostConfig(parseHostArgs([]), { EMBERWATCH_DEMO: '1' }, off, '/d').demo, null);
  });

  test('the data directory: flag > EMBERWATCH_DATA_DIR > shell default > ~/.emberwatch', () => {
    assert.equal(resolveDataDir(parseHostArgs(['--data-dir', '/a']), { EMBERWATCH_DATA_DIR: '/b' }, '/c'), resolve('/a'));
    assert.equal(resolveDataDir(parseHostArgs([]), { EMBERWATCH_DATA_DIR: '/b' }, '/c'), resolve('/b'));
    assert.equal(resolveDataDir(parseHostArgs([]), {}, '/c'), resolve('/c'));
    assert.match(resolveDataDir(parseHostArgs([]), {}), /\.emberwatch$/);
  });

  test('bad values are refused with the flag or variable named', () => {
    assert.throws(() => parseHostArgs(['--port', 'x']), /--port needs a whole number/);
    assert.throws(() => parseHostArgs(['--port']), UsageError);
    assert.throws(() => parseHostArgs(['--bogus']), /unknown option "--bogus"/);
    assert.throws(() => resolveHostConfig(parseHostArgs([]), { EMBERWATCH_PORT: '99999' }, settings, '/d'), /EMBERWATCH_PORT/);
    assert.throws(() => resolveHostConfig(parseHostArgs([]), { EMBERWATCH_MQTT_URL: 'http://x' }, settings, '/d'), /EMBERWATCH_MQTT_URL must start with mqtt/);
    assert.throws(() => resolveHostConfig(parseHostArgs([]), { EMBERWATCH_DEMO: 'maybe' }, settings, '/d'), /EMBERWATCH_DEMO/);
  });
});

test('settings written by hand with a stray key name the key', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ demo: { devcies: 5 } }));
  assert.throws(() => loadSettings(dir), /demo\.devcies is not a known setting/);
});
