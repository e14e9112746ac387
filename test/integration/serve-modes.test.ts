import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { DevicesResponse, HealthResponse } from '../../shared/protocol';
import { REPO_ROOT, getJson, startServeProcess, waitFor } from '../support/serve-process';

test('with nothing configured, serve starts the embedded broker and a live demo fleet', async () => {
  const serve = await startServeProcess(['--demo-devices', '12', '--demo-period', '0.5']);
  try {
    const devices = await waitFor('the demo fleet', async () => {
      const { body } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
      return body.devices.filter((d) => d.risk_level !== null).length === 12 ? body.devices : undefined;
    });
    assert.equal(devices.length, 12);
    const { body: health } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.equal(health.mode.demo, true);
    assert.match(health.mode.embedded_broker_url ?? '', /^mqtt:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(health.mode.embedded_broker_url, 'mqtt://127.0.0.1:1883');
    assert.equal(health.status, 'ok');
    // Values move: a device's newest reading changes over time.
    const first = devices[0]?.device_id as string;
    const before = devices.find((d) => d.device_id === first)?.last_seen;
    await waitFor('a newer reading', async () => {
      const { body } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
      return body.devices.find((d) => d.device_id === first)?.last_seen !== before ? true : undefined;
    });
    assert.ok(existsSync(join(serve.dataDir, 'emberwatch.db')));
    assert.ok(existsSync(join(serve.dataDir, 'logs', 'host.log')));
  } finally {
    await serve.stop();
  }
});

test('--no-demo without a broker starts an empty console that says it has no connection', async () => {
  const serve = await startServeProcess(['--no-demo']);
  try {
    const { body: health } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.equal(health.status, 'down');
    assert.equal(health.connections.length, 0);
    assert.equal(health.mode.demo, false);
    assert.match(health.reasons.join(' '), /no MQTT connection/);
    const { body } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
    assert.deepEqual(body.devices, []);
    assert.match(serve.output(), /console is empty/);
  } finally {
    await serve.stop();
  }
});

test('EMBERWATCH_DEMO=0 does the same as --no-demo, and a flag beats the environment', async () => {
  const serve = await startServeProcess([], { EMBERWATCH_DEMO: '0' });
  try {
    const { body } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.equal(body.mode.demo, false);
  } finally {
    await serve.stop();
  }
});

test('a broken settings.json stops the start with one line naming the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emberwatch-bad-settings-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ server: { port: 'eighty' } }));
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/host/serve/cli.ts'), '--data-dir', dir], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, EMBERWATCH_PORT: '' },
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /server\.port must be a whole number/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(readFileSync(join(dir, 'settings.json'), 'utf8'), JSON.stringify({ server: { port: 'eighty' } }), 'the file is left as it was');
});

test('an unknown flag is refused with a usage hint', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/host/serve/cli.ts'), '--frobnicate'], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000,
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown option "--frobnicate"/);
});
