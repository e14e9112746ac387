import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable, openLive } from '../support/console-under-test';

// The operator's views against `serve` with the simulator's demo fleet, in real Chromium.

const DEVICES = 24;

describe('the operator\'s views in Chromium (serve, demo fleet)', { skip: e2eUnavailable() }, () => {
  const app = consoleUnderTest({ serveArgs: ['--demo-devices', String(DEVICES), '--demo-period', '0.5'] });

  test('overview: fleet, status, risk distribution, alarms, zones, alerts and the pipeline', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/overview');
      await page.locator(`[data-testid="overview-total"][data-value="${DEVICES}"]`).waitFor({ timeout: 30_000 });
      for (const id of ['overview-status', 'overview-risk', 'overview-alarms', 'overview-zones', 'overview-alerts', 'overview-events', 'overview-pipeline']) {
        assert.equal(await page.locator(`[data-testid="${id}"]`).count(), 1, `${id} is shown`);
      }
      assert.match((await page.locator('[data-testid="overview-status"]').getAttribute('data-status')) ?? '', /^(HEALTHY|DEGRADED)$/);
      const counts = await page.locator('[data-testid="risk-distribution"] [data-level]').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-count'))));
      assert.equal(counts.length, 5);
      assert.ok(counts.reduce((a, b) => a + b, 0) > 0, 'active devices are distributed over the levels');
      await page.locator('[data-testid="mqtt-connection"][data-state="connected"]').waitFor();
      await page.locator('[data-testid="status-bar"]').waitFor();
      for (const id of ['status-monitoring', 'status-newest', 'status-audio', 'status-operator']) {
        assert.equal(await page.locator(`[data-testid="${id}"]`).count(), 1, `the status bar shows ${id}`);
      }
      await page.locator('[data-testid="status-monitoring"][data-state="ok"]').waitFor();
      await page.locator('[data-testid="status-newest"][data-state="fresh"]').waitFor();
      await page.screenshot({ path: screenshotPath('overview') });
      assert.deepEqual(consoleErrors, []);
    }));

  test('device wall: a tile per device with gauges and a trend, filters, keyboard, and a click opens the device', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/devices');
      const tiles = page.locator('[data-testid="device-tile"]');
      await page.locator(`[data-testid="tile-count"][data-total="${DEVICES}"]`).waitFor({ timeout: 30_000 });
      await tiles.first().waitFor();
      const first = tiles.first();
      for (const gauge of ['current', 'leakage', 'co', 'voc', 'power_factor']) {
        const value = await first.locator(`[data-testid="gauge"][data-gauge="${gauge}"]`).getAttribute('data-value');
        assert.ok(value !== null && value !== '' && Number.isFinite(Number(value)), `${gauge} has a reading (${value})`);
      }
      assert.ok(Number.isFinite(Number(await first.locator('[data-testid="tile-temperature"]').getAttribute('data-value'))));
      assert.match((await first.getAttribute('data-risk')) ?? '', /^(NORMAL|LOW|MEDIUM|HIGH|CRITICAL)$/);
      // The sparkline fills as readings arrive (the demo fleet reports twice a second).
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="device-tile"] [data-testid="sparkline"]')?.getAttribute('data-points')) >= 3, undefined, { timeout: 20_000 });

      // Filters: a zone, then a risk level, then clear.
      const zone = await page.locator('[data-testid="filter-zone"] option').nth(1).getAttribute('value');
      assert.ok(zone);
      await page.locator('[data-testid="filter-zone"]').selectOption(zone);
      await page.waitForFunction((z) => {
        const shown = [...document.querySelectorAll('[data-testid="device-tile"]')];
        return shown.length > 0 && shown.every((tile) => (tile.getAttribute('aria-label') ?? '').length > 0);
      }, zone);
      const zoneIds = await tiles.evaluateAll((items) => items.map((i) => i.getAttribute('data-device-id')));
      const zoneCount = Number(await page.locator('[data-testid="tile-count"]').getAttribute('data-shown'));
      assert.ok(zoneCount > 0 && zoneCount < DEVICES, `the zone filter narrows the wall (${zoneCount})`);
      assert.equal(zoneIds.length, zoneCount);
      assert.match(page.url(), new RegExp(`zone=${zone}`), 'the filter is kept in the address');
      await page.locator('[data-testid="filter-search"]').fill(zoneIds[0] ?? '');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="device-tile"]').length === 1);
      await page.locator('[data-testid="filter-clear"]').click();
      await page.locator(`[data-testid="tile-count"][data-shown="${DEVICES}"]`).waitFor();

      // Keyboard: "/" jumps to the search field; arrows move between tiles; Enter opens one.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'filter-search');
      await tiles.first().focus();
      await page.keyboard.press('ArrowRight');
      const focused = await page.evaluate(() => document.activeElement?.parentElement?.getAttribute('data-index'));
      assert.equal(focused, '1', 'ArrowRight moves to the next tile');
      await page.screenshot({ path: screenshotPath('device-wall') });
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-device-id'));
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="device-detail"][data-device-id="${id}"]`).waitFor();
      assert.deepEqual(consoleErrors, []);
    }));

  test('device detail: identity, live gauges, prediction, charts drawn with uPlot, recommendations', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/device/DEV0003');
      await page.locator('[data-testid="device-detail"][data-loaded="true"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="detail-gauges"]').waitFor();
      await page.locator('[data-testid="prediction"] [data-testid="forecast"][data-measure="temperature"]').waitFor();
      await page.locator('[data-testid="recommendations"]').waitFor();
      await page.locator('[data-testid="device-analytics"]').waitFor();
      // The demo fleet has been running for seconds: at least one chart has points and is drawn.
      await page.waitForFunction(() => {
        const chart = document.querySelector('[data-testid="chart"][data-panel="temperature"]');
        return chart !== null && Number(chart.getAttribute('data-points')) >= 1 && Number(chart.getAttribute('data-draws')) >= 1;
      }, undefined, { timeout: 30_000 });
      const panels = await page.locator('[data-testid="chart"]').evaluateAll((charts) => charts.map((c) => c.getAttribute('data-panel')));
      assert.deepEqual(panels, ['temperature', 'voltage', 'current', 'leakage', 'gas', 'power_factor', 'arcs', 'risk']);
      const canvases = await page.locator('[data-testid="chart"] canvas').count();
      assert.ok(canvases >= 7, `every measure with data has its canvas (${canvases})`);
      // 7 days come from the roll-ups.
      await page.locator('[data-testid="history-range"] [data-range="7d"]').click();
      await page.locator('[data-testid="history"][data-range="7d"][data-source="rollup"]').waitFor({ timeout: 20_000 });
      assert.deepEqual(consoleErrors, []);
    }));

  test('settings: connections, thresholds, retention; the language switches live, the theme too', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/settings');
      await page.locator('[data-testid="settings-connection"]').first().waitFor({ timeout: 20_000 });
      for (const id of ['settings-display', 'settings-thresholds', 'settings-retention', 'settings-wall', 'settings-console', 'settings-quarantine']) {
        assert.equal(await page.locator(`[data-testid="${id}"]`).count(), 1, `${id} is shown`);
      }
      await page.screenshot({ path: screenshotPath('settings') });
      await page.locator('[data-testid="settings-display"] [data-lang="ko"]').click();
      await page.locator('html[lang="ko"]').waitFor();
      assert.equal((await page.locator('[data-testid="nav-settings"]').innerText()).trim(), '설정');
      await page.locator('[data-testid="settings-display"] [data-theme-option="light"]').click();
      await page.locator('html[data-theme="light"]').waitFor();
      await openLive(page, app.url, '#/overview');
      await page.locator(`[data-testid="overview-total"][data-value="${DEVICES}"]`).waitFor();
      await page.screenshot({ path: screenshotPath('overview-ko-light') });
      await page.locator('[data-testid="theme-switch"] [data-theme-option="contrast"]').click();
      await openLive(page, app.url, '#/devices');
      await page.locator('[data-testid="device-tile"]').first().waitFor();
      await page.screenshot({ path: screenshotPath('device-wall-ko-contrast') });
      // Back to the defaults, for the other tests in this browser profile.
      await page.locator('[data-testid="theme-switch"] [data-theme-option="dark"]').click();
      await page.locator('[data-testid="language-switch"] [data-lang="en"]').click();
      assert.deepEqual(consoleErrors, []);
    }));

  test('keyboard: Alt+digit switches views, links are plain links', () =>
    app.withPage(async ({ page }) => {
      await openLive(page, app.url, '#/overview');
      await page.keyboard.press('Alt+3');
      await page.locator('[data-testid="console"][data-view="matrix"]').waitFor();
      await page.keyboard.press('Alt+4');
      await page.locator('[data-testid="console"][data-view="clusters"]').waitFor();
      await page.keyboard.press('Alt+1');
      await page.locator('[data-testid="console"][data-view="overview"]').waitFor();
      assert.equal(await page.locator('[data-testid="nav-overview"]').getAttribute('aria-current'), 'page');
      // The tenth view answers to Alt+0.
      const tenth = await page.locator('[data-testid="nav-bar"] [data-testid^="nav-"]').nth(9).getAttribute('data-testid');
      assert.ok(tenth !== null, 'the console has ten views');
      await page.keyboard.press('Alt+0');
      await page.locator(`[data-testid="console"][data-view="${tenth.slice('nav-'.length)}"]`).waitFor();
    }));

  test('the page requests nothing beyond the host it came from, on any view', () =>
    app.withPage(async ({ page, context, foreignRequests }) => {
      for (const hash of ['#/overview', '#/devices', '#/matrix', '#/clusters', '#/list', '#/settings', '#/device/DEV0001', '#/device/DEV0001?range=30d', '#/wall']) {
        await openLive(page, app.url, hash);
        await page.waitForTimeout(800);
      }
      await page.goto(`${app.url}/wall`);
      await page.locator('[data-testid="wall-display"]').waitFor();
      await page.waitForTimeout(800);
      const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
      assert.ok(fonts.some((f) => f.includes('Pretendard')), `the shipped font is used (${fonts.join(', ')})`);
      assert.deepEqual(foreignRequests, [], 'no request left the console host');
      // The page's own CSP refuses other hosts too: a fetch elsewhere fails before it leaves.
      const outcome = await page.evaluate(() => fetch('https://example.com/font.woff2').then(() => 'loaded', () => 'failed'));
      assert.equal(outcome, 'failed');
      // And the guard is not blind: a page without that CSP asking elsewhere is caught.
      const probe = await context.newPage();
      await assert.rejects(probe.goto('https://example.com/'));
      assert.deepEqual(foreignRequests, ['https://example.com/']);
    }));
});
