import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable, openLive } from '../support/console-under-test';
import { startServeProcess } from '../support/serve-process';

// `npm run serve` with nothing configured, opened in real Chromium: the demo fleet must show and move.

const DEVICES = 16;

describe('the console in Chromium (serve mode, demo fleet)', { skip: e2eUnavailable() }, () => {
  const app = consoleUnderTest({ serveArgs: ['--demo-devices', String(DEVICES), '--demo-period', '0.5'] });

  test('the grid shows every device of the fleet, and their values change', () =>
    app.withPage(async ({ page, foreignRequests, consoleErrors }) => {
      await openLive(page, app.url, '#/list');
      const rows = page.locator('[data-testid="device-row"]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="device-row"]').length === n, DEVICES, { timeout: 30_000 });
      assert.equal(await rows.count(), DEVICES);

      const firstId = await rows.first().getAttribute('data-device-id');
      assert.ok(firstId, 'rows carry their device id');
      const row = page.locator(`[data-testid="device-row"][data-device-id="${firstId}"]`);
      for (const field of ['zone', 'last_seen', 'temperature', 'current', 'status_bits', 'risk_level']) {
        assert.equal(await row.locator(`[data-field="${field}"]`).count(), 1, `row shows ${field}`);
      }
      const zone = (await row.locator('[data-field="zone"]').innerText()).trim();
      assert.match(zone, /\S/);
      assert.notEqual(zone, 'unassigned', 'the registry from the simulator placed the device');
      const level = await row.locator('[data-testid="risk-badge"]').getAttribute('data-level');
      assert.match(level ?? '', /^(NORMAL|LOW|MEDIUM|HIGH|CRITICAL)$/, 'the device is scored');
      const temperature = Number(await row.locator('[data-field="temperature"]').getAttribute('data-value'));
      assert.ok(temperature > -50 && temperature < 200, `temperature ${temperature} is shown as a number`);

      // Live: readings keep arriving and the values on screen change without a reload.
      const snapshot = async (): Promise<string> =>
        page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="device-row"]')]
            .map((r) => ['last_seen', 'temperature', 'current'].map((f) => r.querySelector(`[data-field="${f}"]`)?.getAttribute('data-value')).join('|'))
            .join(';'),
        );
      const before = await snapshot();
      await page.waitForFunction(
        (old) =>
          [...document.querySelectorAll('[data-testid="device-row"]')]
            .map((r) => ['last_seen', 'temperature', 'current'].map((f) => r.querySelector(`[data-field="${f}"]`)?.getAttribute('data-value')).join('|'))
            .join(';') !== old,
        before,
        { timeout: 20_000 },
      );
      const measured = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="device-row"] [data-field="current"]')].map((c) => c.getAttribute('data-value')),
      );
      assert.ok(measured.some((v) => v !== null && v !== '' && Number(v) > 0), 'currents are shown');
      await page.screenshot({ path: screenshotPath('device-grid'), fullPage: false });
      assert.deepEqual(foreignRequests, [], 'the page requests nothing beyond the console host');
      assert.deepEqual(consoleErrors, [], 'no errors in the page');
    }));

  test('when the host goes away the last state stays on screen, marked stale', async () => {
    const local = await startServeProcess(['--demo-devices', '4', '--demo-period', '0.5']);
    try {
      await app.withPage(async ({ page }) => {
        await page.goto(`${local.url}/#/list`);
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="device-row"]').length === 4, undefined, { timeout: 30_000 });
        await local.stop();
        await page.locator('[data-testid="connection-status"]:not([data-state="live"])').waitFor({ timeout: 20_000 });
        assert.equal(await page.locator('[data-testid="device-row"]').count(), 4, 'the devices stay on screen');
        await page.screenshot({ path: screenshotPath('device-grid-stale') });
      }, local.url);
    } finally {
      await local.stop();
    }
  });
});
