import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable } from '../support/console-under-test';
import { freePort } from '../support/free-port';
import { startServeProcess } from '../support/serve-process';

// The wall display from serve mode: /wall rotates between the chosen views in large type, says
// clearly when the feed stops, and comes back by itself when the host does.

const WALL_VIEWPORT = { width: 1920, height: 1080 };

describe('the wall display in Chromium (serve /wall)', { skip: e2eUnavailable() }, () => {
  const app = consoleUnderTest({ serveArgs: ['--demo-devices', '40', '--demo-period', '0.5'] });

  test('rotates between the chosen views, full screen, without menus, in large type', () =>
    app.withPage(async ({ page, consoleErrors, foreignRequests }) => {
      await page.setViewportSize(WALL_VIEWPORT);
      await page.goto(`${app.url}/wall?views=overview,matrix,clusters&dwell=4`);
      const wall = page.locator('[data-testid="wall-display"]');
      await wall.waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('[data-testid="nav-bar"]').count(), 0, 'no navigation on the wall');
      assert.equal(await page.locator('[data-testid="status-bar"]').count(), 0, 'no operator status bar on the wall');
      assert.equal(await wall.getAttribute('data-rotation-count'), '3');
      const fontPx = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
      assert.ok(fontPx >= 26, `body type on a 1080p wall is at least 26 px (${fontPx})`);
      const seen = new Set<string>();
      for (const view of ['overview', 'matrix', 'clusters']) {
        await page.locator(`[data-testid="wall-display"][data-view="${view}"]`).waitFor({ timeout: 15_000 });
        seen.add(view);
        await page.waitForTimeout(view === 'clusters' ? 1500 : 800);
        await page.screenshot({ path: screenshotPath(`wall-${view}`) });
        const figure = view === 'overview' ? await page.locator('[data-testid="overview-total"] .figure-value').evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize)) : null;
        if (figure !== null) assert.ok(figure >= 80, `key figures are large (${figure} px)`);
      }
      // …and round again.
      await page.locator('[data-testid="wall-display"][data-view="overview"]').waitFor({ timeout: 15_000 });
      assert.deepEqual([...seen], ['overview', 'matrix', 'clusters']);
      assert.equal(await page.locator('[data-testid="wall-takeover-slot"]').count(), 1, 'the takeover has its slot');
      assert.deepEqual(foreignRequests, []);
      assert.deepEqual(consoleErrors, []);
    }));

  test('the desktop form #/wall works too, and a wall of device tiles for one zone', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await page.setViewportSize(WALL_VIEWPORT);
      await page.goto(`${app.url}/#/wall?views=devices&zone=B1-F2`);
      await page.locator('[data-testid="wall-display"][data-view="devices"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="device-tile"]').first().waitFor({ timeout: 30_000 });
      const zones = await page.locator('[data-testid="device-tile"]').evaluateAll((tiles) => [...new Set(tiles.map((t) => (t.getAttribute('aria-label') ?? '').length > 0))]);
      assert.deepEqual(zones, [true]);
      const names = await page.locator('[data-testid="device-tile"] .tile-name').allInnerTexts();
      assert.ok(names.length > 0 && names.every((n) => n.endsWith('B1-F2')), 'only the chosen zone');
      assert.equal(await page.locator('[data-testid="wall-display"]').getAttribute('data-rotation-count'), '1');
      await page.waitForTimeout(1500);
      await page.screenshot({ path: screenshotPath('wall-devices') });
      assert.deepEqual(consoleErrors, []);
    }));

  test('marks the data stale when the host stops, and recovers by itself when it is back', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-wall-'));
    let host = await startServeProcess(['--demo-devices', '12', '--demo-period', '0.5', '--port', String(port)], {}, dataDir);
    try {
      await app.withPage(async ({ page }) => {
        await page.setViewportSize(WALL_VIEWPORT);
        await page.goto(`${host.url}/wall?views=overview`);
        await page.locator('[data-testid="wall-display"][data-link="live"]').waitFor({ timeout: 30_000 });
        assert.equal(await page.locator('[data-testid="wall-stale"]').count(), 0);
        await host.stop();
        await page.locator('[data-testid="wall-display"][data-stale="true"]').waitFor({ timeout: 30_000 });
        await page.locator('[data-testid="wall-stale"]').waitFor();
        await page.screenshot({ path: screenshotPath('wall-stale') });
        host = await startServeProcess(['--demo-devices', '12', '--demo-period', '0.5', '--port', String(port)], {}, dataDir);
        await page.locator('[data-testid="wall-display"][data-link="live"][data-stale="false"]').waitFor({ timeout: 45_000 });
        assert.equal(await page.locator('[data-testid="wall-stale"]').count(), 0, 'the warning goes once data flows again');
        await page.locator('[data-testid="overview-total"][data-value="12"]').waitFor({ timeout: 20_000 });
      }, host.url);
    } finally {
      await host.stop();
    }
  });
});
