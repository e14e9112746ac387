import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { hashPin } from '../../electron/host/alarms/pin-hash';
import type { DevicesResponse, HealthResponse, SettingsSnapshot } from '../../shared/protocol';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable, openLive } from '../support/console-under-test';
import { getJson, waitFor } from '../support/serve-process';

// The settings screen's write path in Chromium against serve: a supervisor edits a threshold
// (a wrong PIN is refused in the prompt, a bad value is named beside its field) and imports a
// registry CSV (a bad row is named by its line, a good file renames and re-zones the fleet).

const DEVICES = 6;
const PIN = '2468';

async function confirmAs(page: Page, operator: string, pin: string, comment = ''): Promise<void> {
  const prompt = page.locator('[data-testid="settings-prompt"]');
  await prompt.waitFor();
  await prompt.locator('[data-testid="settings-prompt-operator"]').fill(operator);
  await prompt.locator('[data-testid="settings-prompt-pin"]').fill(pin);
  if (comment !== '') await prompt.locator('[data-testid="settings-prompt-comment"]').fill(comment);
  await prompt.locator('[data-testid="settings-prompt-pin"]').press('Enter');
}

describe('the settings screen in Chromium (serve, demo fleet)', { skip: e2eUnavailable() }, () => {
  const app = consoleUnderTest({
    serveArgs: ['--demo-devices', String(DEVICES), '--demo-period', '0.5'],
    dataDir: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-settings-e2e-'));
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ alarms: { operators: [{ name: 'Park', role: 'supervisor', pin_hash: await hashPin(PIN) }, { name: 'Kim', role: 'operator' }] } }));
      return dataDir;
    },
  });

  test('a supervisor edits a threshold and imports a registry CSV; refusals are shown where they belong', () =>
    app.withPage(async ({ page, consoleErrors, foreignRequests }) => {
      await openLive(page, app.url, '#/settings');
      const co = page.locator('#threshold-coPpm');
      await co.waitFor({ timeout: 20_000 });
      assert.equal(await co.inputValue(), '17');

      // An operator is not a supervisor: the prompt says so and stays open.
      await co.fill('25');
      await page.locator('[data-testid="thresholds-save"]').click();
      await confirmAs(page, 'Kim', '');
      await page.locator('[data-testid="settings-prompt-error"]').waitFor();
      assert.match((await page.locator('[data-testid="settings-prompt-error"]').textContent()) ?? '', /supervisor/);
      // A wrong PIN, likewise.
      await confirmAs(page, 'Park', '0000');
      await page.waitForFunction(() => /PIN/.test(document.querySelector('[data-testid="settings-prompt-error"]')?.textContent ?? ''));
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="settings-prompt"]').waitFor({ state: 'detached' });

      // A bad value: named beside its field, nothing saved.
      await page.locator('#threshold-leakageMa').fill('-2');
      await page.locator('[data-testid="thresholds-save"]').click();
      await confirmAs(page, 'Park', PIN);
      const leakError = page.locator('[data-field="threshold-leakageMa"] [data-testid="field-error"]');
      await leakError.waitFor();
      assert.equal(await page.locator('#threshold-leakageMa').getAttribute('aria-invalid'), 'true');
      await page.locator('[data-testid="settings-thresholds"]').screenshot({ path: screenshotPath('settings-field-error') });
      assert.equal((await getJson<SettingsSnapshot>(`${app.url}/api/settings`)).body.thresholds.coPpm, 17, 'nothing saved');

      // Put it right, and save: in effect at once.
      await page.locator('#threshold-leakageMa').fill('8');
      await page.locator('[data-testid="thresholds-save"]').click();
      await confirmAs(page, 'Park', PIN, 'new CO detectors');
      await page.locator('[data-testid="thresholds-notice"].is-ok').waitFor();
      assert.equal(await leakError.count(), 0, 'the field error is gone');
      assert.equal((await getJson<SettingsSnapshot>(`${app.url}/api/settings`)).body.thresholds.coPpm, 25);
      assert.equal(await co.inputValue(), '25');

      // A registry with a bad row: refused by line, nothing applied.
      const rows = Array.from({ length: DEVICES }, (_, i) => `DEV${String(i + 1).padStart(4, '0')},Panel ${String.fromCharCode(65 + i)},East wing,Floor ${1 + (i % 2)}`);
      await page.locator('#registry-text').fill(`id,name,building,floor\n${rows[0]}\nDEV0002,Panel B,East wing,Floor 2,extra\n`);
      await page.locator('[data-testid="registry-import"]').click();
      await confirmAs(page, 'Park', PIN);
      await page.locator('[data-testid="registry-issue"][data-line="3"]').waitFor();
      await page.locator('[data-testid="settings-registry"]').screenshot({ path: screenshotPath('settings-registry-refused') });
      // The good file, chosen as a file: checked, then imported.
      await page.locator('[data-testid="registry-file"]').setInputFiles({ name: 'registry.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,name,building,floor\n${rows.join('\n')}\n`) });
      await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#registry-text')?.value ?? '').includes('Panel F'));
      await page.locator('[data-testid="registry-check"]').click();
      await page.locator('[data-testid="registry-notice"].is-ok').waitFor();
      await page.locator('[data-testid="registry-import"]').click();
      await confirmAs(page, 'Park', PIN, 'survey');
      await page.waitForFunction(() => /6/.test(document.querySelector('[data-testid="registry-notice"].is-ok')?.textContent ?? '') && document.querySelector('[data-testid="registry-issues"]') === null);
      await page.locator('[data-testid="settings-registry"]').screenshot({ path: screenshotPath('settings-registry') });
      await page.locator('[data-testid="settings-thresholds"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('settings-edit') });
      // An AWS IoT Core connection: saved and started at once; the password never comes back.
      const connections = page.locator('[data-testid="settings-connections-edit"]');
      await connections.getByRole('button', { name: 'Add' }).click();
      await page.locator('#conn-0-id').fill('aws');
      await page.locator('#conn-0-url').fill('mqtts://example-ats.iot.ap-northeast-2.amazonaws.com:8883');
      await page.locator('#conn-0-user').fill('console');
      await page.locator('#conn-0-password').fill('s3cret-broker-pw');
      await page.locator('#conn-0-alpn').fill('x-amzn-mqtt-ca');
      await page.locator('[data-testid="connections-save"]').click();
      await confirmAs(page, 'Park', PIN);
      await page.locator('[data-testid="connections-notice"].is-ok').waitFor();
      assert.match(await page.locator('[data-testid="connections-notice"]').innerText(), /in effect now/);
      assert.equal(await page.locator('[data-testid="settings-restart"]').count(), 0, 'no restart is asked for');
      const saved = (await getJson<SettingsSnapshot>(`${app.url}/api/settings`)).body;
      assert.equal(saved.connections[0]?.has_password, true);
      assert.ok(!JSON.stringify(saved).includes('s3cret-broker-pw'));
      assert.equal(await page.locator('#conn-0-password').inputValue(), '', 'the form does not keep the password');
      // The console runs it beside the demo's (this machine reaches no AWS endpoint, so it retries).
      const running = (await getJson<HealthResponse>(`${app.url}/api/health`)).body;
      assert.deepEqual(running.connections.map((c) => c.id).sort(), ['aws', 'demo']);
      // Removed again, so that its retries do not raise a partial-outage alarm over the rest of the test.
      await connections.getByRole('button', { name: 'Remove' }).click();
      await page.locator('[data-testid="connections-save"]').click();
      await confirmAs(page, 'Park', PIN);
      await waitFor('the AWS connection stopped', async () => {
        const { body } = await getJson<HealthResponse>(`${app.url}/api/health`);
        return body.connections.every((c) => c.id === 'demo') ? true : undefined;
      });

      // The console's own language applies at once (its Korean advice is checked through serve in
      // test/integration/settings-connections.test.ts): the screen asks for no restart.
      await page.locator('#settings-console-language').selectOption('ko');
      await page.locator('[data-testid="settings-language-default"] button[type="submit"]').click();
      await confirmAs(page, 'Park', PIN);
      await page.locator('[data-testid="language-notice"].is-ok').waitFor();
      assert.match(await page.locator('[data-testid="language-notice"]').innerText(), /in effect now/);
      assert.equal(await page.locator('[data-testid="settings-restart"]').count(), 0, 'no restart is asked for');
      assert.equal((await getJson<SettingsSnapshot>(`${app.url}/api/settings`)).body.language, 'ko');
      await page.locator('[data-testid="settings-display"] [data-lang="ko"]').click();
      await page.locator('html[lang="ko"]').waitFor();
      await page.screenshot({ path: screenshotPath('settings-ko') });
      await page.locator('[data-testid="settings-connections-edit"]').screenshot({ path: screenshotPath('settings-connections-ko') });
      await page.locator('[data-testid="settings-operators"]').screenshot({ path: screenshotPath('settings-operators-ko') });
      await page.locator('[data-testid="language-switch"] [data-lang="en"]').first().click();
      const { body: devices } = await getJson<DevicesResponse>(`${app.url}/api/devices`);
      assert.equal(devices.devices.find((d) => d.device_id === 'DEV0002')?.zone, 'East wing / Floor 2');

      // The list view shows the imported names and zones.
      await page.goto(`${app.url}/#/list`);
      const row = page.locator('[data-testid="device-row"][data-device-id="DEV0003"]');
      await row.waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid="device-row"][data-device-id="DEV0003"] [data-field="name"]')?.textContent === 'Panel C');
      assert.equal(await row.locator('[data-field="zone"]').getAttribute('data-value'), 'East wing / Floor 1');
      await page.screenshot({ path: screenshotPath('device-list-imported') });
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(consoleErrors, []);
    }));
});
