import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { hashPin } from '../../electron/host/alarms/pin-hash';
import type { HealthResponse } from '../../shared/protocol';
import { chromiumAvailable, launchChromium, openGuardedPage, screenshotPath } from '../support/chromium';
import type { ServeProcess } from '../support/serve-process';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';

// A supervisor raises the critical temperature on the settings screen in one window; a device page
// open in another follows at once, without a reload: the chart's threshold line and the gauge's
// mark move to the new value. Health reports the thresholds and the retention now in effect.

const PIN = '2468';
const DEVICE = 'DEV0001';

async function confirmAs(page: Page, operator: string, pin: string): Promise<void> {
  const prompt = page.locator('[data-testid="settings-prompt"]');
  await prompt.waitFor();
  await prompt.locator('[data-testid="settings-prompt-operator"]').fill(operator);
  await prompt.locator('[data-testid="settings-prompt-pin"]').fill(pin);
  await prompt.locator('[data-testid="settings-prompt-pin"]').press('Enter');
}

describe('thresholds changed live reach an open device page (serve, demo fleet)', { skip: chromiumAvailable() ? false : 'Chromium is not installed' }, () => {
  let serve: ServeProcess;
  let browser: Browser;

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-live-thresholds-e2e-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ alarms: { operators: [{ name: 'Park', role: 'supervisor', pin_hash: await hashPin(PIN) }] } }));
    serve = await startServeProcess(['--demo-devices', '3', '--demo-period', '0.5'], {}, dataDir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await serve?.stop();
  });

  test('the device chart\'s threshold line and gauge mark follow a change saved on the settings screen', async () => {
    const { page: device, context, consoleErrors, foreignRequests } = await openGuardedPage(browser, serve.url);
    try {
      const before = (await getJson<HealthResponse>(`${serve.url}/api/health`)).body;
      assert.equal(before.scoring?.thresholds.temperatureC.critical, 60, 'health reports the thresholds in effect');
      assert.equal(before.retention?.raw_days, 7);

      await device.goto(`${serve.url}/#/device/${DEVICE}`);
      await device.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 30_000 });
      const chart = device.locator('[data-testid="chart"][data-panel="temperature"][data-thresholds]');
      const gauge = device.locator('[data-testid="gauge"][data-gauge="temperature"]');
      await chart.waitFor({ timeout: 30_000 });
      assert.equal(await chart.getAttribute('data-thresholds'), '60,50');
      assert.equal(await gauge.getAttribute('data-threshold'), '60');
      // Gone if the page reloads.
      await device.evaluate(() => {
        (window as unknown as { liveMarker: string }).liveMarker = 'still here';
      });

      // The settings screen in a second window.
      const settings = await context.newPage();
      await settings.goto(`${serve.url}/#/settings`);
      const critical = settings.locator('#threshold-temperatureC-critical');
      await critical.waitFor({ timeout: 20_000 });
      assert.equal(await critical.inputValue(), '60');
      await critical.fill('75');
      await settings.locator('[data-testid="thresholds-save"]').click();
      await confirmAs(settings, 'Park', PIN);
      await settings.locator('[data-testid="thresholds-notice"].is-ok').waitFor();
      await settings.close();

      // The device page follows, pushed by the host: no reload, no navigation.
      await device.waitForFunction(
        () => document.querySelector('[data-testid="chart"][data-panel="temperature"]')?.getAttribute('data-thresholds') === '75,50',
        undefined,
        { timeout: 10_000 },
      );
      assert.equal(await gauge.getAttribute('data-threshold'), '75');
      assert.equal(await device.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker), 'still here', 'the page was not reloaded');
      assert.ok(device.url().endsWith(`#/device/${DEVICE}`));
      await device.locator('[data-testid="chart"][data-panel="temperature"]').screenshot({ path: screenshotPath('device-chart-live-threshold') });

      const afterChange = (await getJson<HealthResponse>(`${serve.url}/api/health`)).body;
      assert.equal(afterChange.scoring?.thresholds.temperatureC.critical, 75);

      // A settings screen left open elsewhere shows what another station saves.
      const watcher = await context.newPage();
      await watcher.goto(`${serve.url}/#/settings`);
      const rawDays = watcher.locator('#retention-raw_days');
      await rawDays.waitFor({ timeout: 20_000 });
      assert.equal(await rawDays.inputValue(), '7');

      // Retention changed live (over REST, as a script would): health shows the new period.
      const response = await fetch(`${serve.url}/api/settings/retention`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operator: 'Park', station: 'desk-1', pin: PIN, changes: { raw_days: 14 } }),
      });
      assert.equal(response.status, 200, await response.text());
      await waitFor('health to show the new retention', async () => {
        const { body } = await getJson<HealthResponse>(`${serve.url}/api/health`);
        return body.retention?.raw_days === 14 ? true : undefined;
      });
      await watcher.waitForFunction(() => (document.querySelector('#retention-raw_days') as HTMLInputElement | null)?.value === '14', undefined, { timeout: 10_000 });
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  });
});
