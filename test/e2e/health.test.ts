import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable, openLive } from '../support/console-under-test';

// The Health view (issue 11) against `serve` with the simulator's demo fleet, in real Chromium.

const DEVICES = 12;

describe('the Health view in Chromium (serve, demo fleet)', { skip: e2eUnavailable() }, () => {
  const app = consoleUnderTest({ serveArgs: ['--demo-devices', String(DEVICES), '--demo-period', '0.5'] });

  test('reached from the Overview\'s pipeline card by keyboard; shows ingest rate, connections, memory and the rest', () =>
    app.withPage(async ({ page, consoleErrors, foreignRequests }) => {
      await page.setViewportSize({ width: 1440, height: 1400 });
      await openLive(page, app.url, '#/overview');
      // The pipeline card's title is a plain link: focus it and press Enter, as a keyboard user would.
      await page.locator('[data-testid="overview-health-link"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#/health');
      await page.locator('[data-testid="health-view"]').waitFor();

      // Ingest rate: the demo fleet reports twice a second, so the rate rises above zero.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="health-ingest-rate"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 30_000 });
      const connection = page.locator('[data-testid="health-connection"][data-connection-id="demo"]');
      await connection.waitFor();
      assert.equal(await connection.getAttribute('data-state'), 'connected');
      assert.ok(Number(await connection.locator('[data-testid="health-connection-rate"]').getAttribute('data-value')) >= 0);
      assert.ok(Number(await connection.locator('[data-testid="health-connection-subscriptions"]').getAttribute('data-value')) >= 2, 'the device topics and the registry');
      assert.ok(Number(await page.locator('[data-testid="health-memory-rss"]').getAttribute('data-value')) > 10e6, 'host RSS is shown');
      assert.ok(Number(await page.locator('[data-testid="health-memory-heap"]').getAttribute('data-value')) > 0);
      assert.ok(Number(await page.locator('[data-testid="health-uptime"]').getAttribute('data-value')) >= 0);
      assert.equal(await page.locator('[data-testid="health-verdict"]').getAttribute('data-status'), 'ok');
      assert.equal(await page.locator('[data-testid="health-system-alarm"]').getAttribute('data-raised'), 'false');
      for (const id of ['health-quarantine', 'health-store', 'health-retention', 'health-cloud', 'health-host', 'health-backups', 'health-backup-next', 'health-store-size', 'health-disk', 'health-lag']) {
        assert.equal(await page.locator(`[data-testid="${id}"]`).count(), 1, `${id} is shown`);
      }
      // The hour of pipeline figures, charted with uPlot once metrics.get has a bucket.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="health-chart-rate"]')?.getAttribute('data-points')) >= 1, undefined, { timeout: 30_000 });
      assert.equal(await page.locator('[data-testid="health-chart-rate"] canvas').count(), 1);
      await page.waitForFunction(() => document.querySelector('[data-testid="health-lag"]')?.getAttribute('data-value') !== '', undefined, { timeout: 30_000 });
      await page.screenshot({ path: screenshotPath('health'), fullPage: true });

      // Korean, and the light theme.
      await page.locator('[data-testid="language-switch"] [data-lang="ko"]').click();
      await page.locator('#health-view-title', { hasText: '콘솔 상태' }).waitFor();
      await page.locator('[data-testid="theme-switch"] [data-theme-option="light"]').click();
      await page.locator('html[data-theme="light"]').waitFor();
      await page.locator('[data-testid="health-chart-rate"] canvas').waitFor();
      await page.screenshot({ path: screenshotPath('health-light-ko'), fullPage: true });
      await page.locator('[data-testid="theme-switch"] [data-theme-option="dark"]').click();
      await page.locator('[data-testid="language-switch"] [data-lang="en"]').click();
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(foreignRequests, [], 'uPlot and the view ask nothing of other hosts');
    }));
});
