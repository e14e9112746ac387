import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashPin } from '../../electron/host/alarms/pin-hash';
import type { DevicesResponse, JournalResponse, RegistryImportResult, SettingsSnapshot, SettingsUpdateResult } from '../../shared/protocol';
import { getJson, startServeProcess } from '../support/serve-process';

// The settings screen's REST face, through serve as a user starts it: GET /api/settings,
// PUT /api/settings/:section, POST /api/registry/import; refusals with their status codes and
// named fields; the change on disk, journaled, and still there after a restart.

interface ErrorBody {
  readonly error: { readonly code: string; readonly reason?: string; readonly issues?: ReadonlyArray<{ field: string; line?: number }> };
}

async function send<T>(method: string, url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

test('serve changes thresholds and imports a registry for a supervisor, over REST, and keeps both across a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-settings-api-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
    alarms: { operators: [{ name: 'Park', role: 'supervisor', pin_hash: await hashPin('2468') }, { name: 'Kim', role: 'operator' }] },
  }));
  const park = { operator: 'Park', pin: '2468' };
  let serve = await startServeProcess(['--no-demo'], {}, dataDir);
  try {
    const { status, body: initial } = await getJson<SettingsSnapshot>(`${serve.url}/api/settings`);
    assert.equal(status, 200);
    assert.equal(initial.thresholds.temperatureC.high, 50);
    assert.ok(!JSON.stringify(initial).includes('scrypt$'), 'no PIN hash is sent');
    assert.equal(initial.operators.list.find((o) => o.name === 'Park')?.has_pin, true);

    const operator = await send<ErrorBody>('PUT', `${serve.url}/api/settings/thresholds`, { operator: 'Kim', changes: { coPpm: 30 } });
    assert.equal(operator.status, 403);
    assert.equal(operator.body.error.reason, 'SUPERVISOR_REQUIRED');
    const noPin = await send<ErrorBody>('PUT', `${serve.url}/api/settings/thresholds`, { operator: 'Park', changes: { coPpm: 30 } });
    assert.equal(noPin.status, 401);
    const unknown = await send<ErrorBody>('PUT', `${serve.url}/api/settings/colours`, { ...park, changes: {} });
    assert.equal(unknown.status, 404);
    const invalid = await send<ErrorBody>('PUT', `${serve.url}/api/settings/thresholds`, { ...park, changes: { leakageMa: -3, voltsMax: 2 } });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.reason, 'INVALID_SETTINGS');
    assert.deepEqual(invalid.body.error.issues?.map((i) => i.field).sort(), ['scoring.thresholds.leakageMa', 'scoring.thresholds.voltsMax']);

    const saved = await send<SettingsUpdateResult>('PUT', `${serve.url}/api/settings/thresholds`, { ...park, changes: { temperatureC: { high: 52 } }, comment: 'site survey' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.applied, true);
    assert.equal(saved.body.settings.thresholds.temperatureC.high, 52);
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { scoring?: { thresholds?: { temperatureC?: { high?: number } } } };
    assert.equal(file.scoring?.thresholds?.temperatureC?.high, 52);

    const language = await send<SettingsUpdateResult>('POST', `${serve.url}/api/settings/language`, { ...park, changes: 'ko' });
    assert.equal(language.status, 200);
    assert.equal(language.body.applied, true);
    assert.deepEqual(language.body.restart_required, []);

    const badCsv = 'id,name,zone\nDEV0100,Panel 1,Hall\nDEV0100,Panel 1 again,Hall\n';
    const refused = await send<ErrorBody>('POST', `${serve.url}/api/registry/import`, { ...park, text: badCsv });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.error.issues?.map((i) => [i.line, i.field]), [[3, 'id']]);
    // A fleet's worth of rows is more than an alarm action's body limit; the import route takes it.
    const rows = Array.from({ length: 2000 }, (_, i) => `DEV${String(i + 100).padStart(4, '0')},Distribution board ${i + 1} north wing,Building A / Floor ${1 + (i % 8)}`);
    const imported = await send<RegistryImportResult>('POST', `${serve.url}/api/registry/import`, { ...park, format: 'csv', text: `id,name,zone\n${rows.join('\n')}\n`, comment: 'commissioning' });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body, { applied: true, format: 'csv', devices: 2000, zones: 8 });
    const { body: devices } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
    assert.equal(devices.devices.find((d) => d.device_id === 'DEV0100')?.zone, 'Building A / Floor 1');

    const { body: journal } = await getJson<JournalResponse>(`${serve.url}/api/journal`);
    const changes = journal.entries.filter((e) => e.action === 'settings_change' && e.operator === 'Park');
    assert.ok(changes.some((e) => /scoring\.thresholds.*site survey/.test(e.comment ?? '')), JSON.stringify(changes));
    assert.ok(changes.some((e) => /registry import.*2000 devices/.test(e.comment ?? '')));

    await serve.stop();
    serve = await startServeProcess(['--no-demo'], {}, dataDir);
    const { body: after } = await getJson<SettingsSnapshot>(`${serve.url}/api/settings`);
    assert.equal(after.thresholds.temperatureC.high, 52);
    assert.equal(after.language, 'ko');
    assert.deepEqual(after.restart_required, [], 'taken up by the restart');
    const { body: devicesAfter } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
    assert.equal(devicesAfter.devices.find((d) => d.device_id === 'DEV0100')?.name, 'Distribution board 1 north wing');
  } finally {
    await serve.stop();
  }
});
