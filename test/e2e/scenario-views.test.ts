import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable, openLive } from '../support/console-under-test';

// Scenarios forced on named devices of a simulated fleet, fed through a real Mosquitto to `serve`;
// the first half hour is back-dated, so a zone that takes twenty minutes to heat up is hot now.

const SCENARIO = [
  'overcurrent:DEV0002', // overcurrent, power anomaly, power factor
  'comm-loss:DEV0008', // communication error, then silence
  'rising-leakage:DEV0011', // total and resistive leakage
  'smouldering:DEV0014', // CO and VOC
  'zone-heating:DEV0019', // the room of B1-F4 heats: its boards' temperature alarms
].join(';');

/** The bits each scenario device must light (status bits or, with the alarm service, alarm points). */
const EXPECTED: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['DEV0002', ['overcurrent', 'power_anomaly', 'power_factor_alarm']],
  ['DEV0008', ['communication']],
  ['DEV0011', ['total_leakage', 'resistive_leakage']],
  ['DEV0014', ['co_alarm', 'voc_alarm']],
  ['DEV0019', ['pcb_temp_alarm', 'sensor_temp_alarm']],
];
const HEATING_ZONE = 'B1-F4';

describe('views with forced scenarios (simulator → Mosquitto → serve → Chromium)', { skip: e2eUnavailable({ mosquitto: true }) }, () => {
  const app = consoleUnderTest({ feed: { devices: 24, zones: 4, periodS: 2, seed: 7, scenario: SCENARIO, backfillS: 1800 } });

  test('the matrix lights the bits each scenario sets, and only those on a quiet device', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/matrix');
      await page.locator('[data-testid="matrix-row"][data-device-id="DEV0019"]').waitFor({ timeout: 30_000 });
      const litCells = async (id: string): Promise<string[]> =>
        page
          .locator(`[data-testid="matrix-row"][data-device-id="${id}"] [data-testid="matrix-cell"]:not([data-state="off"])`)
          .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-bit') ?? ''));
      for (const [id, bits] of EXPECTED) {
        await page.waitForFunction(
          ({ id: deviceId, bits: wanted }) => {
            const row = document.querySelector(`[data-testid="matrix-row"][data-device-id="${deviceId}"]`);
            return row !== null && wanted.every((bit) => row.querySelector(`[data-bit="${bit}"]:not([data-state="off"])`) !== null);
          },
          { id, bits },
          { timeout: 30_000 },
        );
        const lit = await litCells(id);
        for (const bit of bits) assert.ok(lit.includes(bit), `${id} lights ${bit} (lit: ${lit.join(', ')})`);
      }
      // A device of another zone with no scenario and no heat: nothing but perhaps communication from the backlog.
      const quiet = (await litCells('DEV0003')).filter((bit) => bit !== 'communication');
      assert.deepEqual(quiet, [], 'a normal device lights no status bit');
      const source = await page.locator('[data-testid="alarm-matrix"]').getAttribute('data-source');
      assert.match(source ?? '', /^(alarms|status-bits)$/);
      if (source === 'alarms') {
        const states = await page.locator('[data-testid="matrix-row"][data-device-id="DEV0002"] [data-bit="overcurrent"]').getAttribute('data-state');
        assert.match(states ?? '', /^(unacknowledged|acknowledged|rtn_unacknowledged|shelved|active)$/, 'cells carry the alarm state');
      }
      // Sorting: by the overcurrent column, DEV0002 comes first; by device, DEV0001 does.
      await page.locator('[data-testid="matrix-table"] th[data-column="overcurrent"] button').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="matrix-row"]')?.getAttribute('data-device-id') === 'DEV0002');
      await page.locator('[data-testid="matrix-table"] button[data-sort="device"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="matrix-row"]')?.getAttribute('data-device-id') === 'DEV0001');
      await page.locator('[data-testid="matrix-table"] button[data-sort="lit"]').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath('alarm-matrix') });
      await page.locator('[data-testid="language-switch"] [data-lang="ko"]').click();
      await page.locator('html[lang="ko"]').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath('alarm-matrix-ko') });
      await page.locator('[data-testid="language-switch"] [data-lang="en"]').click();
      // A click opens the device.
      await page.locator('[data-testid="matrix-row"][data-device-id="DEV0014"]').click();
      await page.locator('[data-testid="device-detail"][data-device-id="DEV0014"]').waitFor();
      assert.deepEqual(consoleErrors, []);
    }));

  test('clusters show the heating zone: the hottest room, marked, its devices placed', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/clusters');
      await page.locator(`[data-testid="cluster-zone"][data-zone="${HEATING_ZONE}"]`).waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        (zone) => document.querySelector(`[data-testid="cluster-zone"][data-zone="${zone}"]`)?.getAttribute('data-heating') === 'true',
        HEATING_ZONE,
        { timeout: 30_000 },
      );
      const zones = await page.locator('[data-testid="cluster-zone"]').evaluateAll((groups) =>
        groups.map((g) => ({ zone: g.getAttribute('data-zone'), heating: g.getAttribute('data-heating'), mean: Number(g.getAttribute('data-mean-temperature')) })),
      );
      assert.equal(zones.length, 4);
      const heating = zones.filter((z) => z.heating === 'true').map((z) => z.zone);
      assert.deepEqual(heating, [HEATING_ZONE], 'only the heating room is marked');
      const hottest = [...zones].sort((a, b) => b.mean - a.mean)[0];
      assert.equal(hottest?.zone, HEATING_ZONE, 'its mean temperature is the highest');
      const placed = await page.locator(`[data-testid="cluster-zone"][data-zone="${HEATING_ZONE}"] [data-testid="cluster-device"]`).count();
      assert.equal(placed, 6, 'its six boards are placed in it');
      // Its detail: members with their trend, pairs.
      await page.locator(`[data-testid="zone-summary"][data-zone="${HEATING_ZONE}"] button`).click();
      await page.locator(`[data-testid="zone-panel"][data-zone="${HEATING_ZONE}"] table`).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(6_000);
      await page.screenshot({ path: screenshotPath('clusters') });
      assert.deepEqual(consoleErrors, []);
    }));

  test('device detail draws half an hour of history, the thresholds and the prediction', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/device/DEV0014');
      await page.locator('[data-testid="device-detail"][data-loaded="true"]').waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        () => {
          const charts = [...document.querySelectorAll('[data-testid="chart"]')];
          return charts.length === 8 && charts.every((c) => Number(c.getAttribute('data-points')) >= 10 && Number(c.getAttribute('data-draws')) >= 1);
        },
        undefined,
        { timeout: 30_000 },
      );
      // The smouldering board's CO chart goes above its threshold: the line reaches the top part of the plot.
      const gasPoints = Number(await page.locator('[data-testid="chart"][data-panel="gas"]').getAttribute('data-points'));
      assert.ok(gasPoints >= 10, `CO and VOC are charted (${gasPoints} points)`);
      const forecasts = await page.locator('[data-testid="forecast"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-measure')));
      assert.deepEqual(forecasts, ['temperature', 'current', 'leakage_current']);
      await page.locator('[data-testid="chart"][data-panel="temperature"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('device-detail'), fullPage: false });
      await page.locator('[data-testid="chart"][data-panel="gas"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('device-detail-charts') });
      await page.locator('[data-testid="theme-switch"] [data-theme-option="light"]').click();
      await page.locator('html[data-theme="light"]').waitFor();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart"][data-panel="gas"]')?.getAttribute('data-draws')) >= 1);
      await page.screenshot({ path: screenshotPath('device-detail-charts-light') });
      await page.locator('[data-testid="theme-switch"] [data-theme-option="dark"]').click();
      assert.deepEqual(consoleErrors, []);
    }));

  test('the device wall puts the scenario devices first, and filters to those in alarm', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await openLive(page, app.url, '#/devices?alarm=alarmed');
      await page.locator('[data-testid="device-tile"][data-device-id="DEV0014"]').waitFor({ timeout: 30_000 });
      const shown = await page.locator('[data-testid="device-tile"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-device-id')));
      for (const [id] of EXPECTED) if (id !== 'DEV0008') assert.ok(shown.includes(id), `${id} is in alarm`);
      assert.ok(shown.length < 24, `devices without an alarm are filtered out (${shown.length} shown)`);
      await page.locator('[data-testid="filter-clear"]').click();
      // The sparklines of the tiles now in view are filled from stored history, then by the next readings.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="device-tile"][data-device-id="DEV0001"] [data-testid="sparkline"]')?.getAttribute('data-points')) >= 10, undefined, { timeout: 20_000 });
      await page.waitForTimeout(2500);
      await page.screenshot({ path: screenshotPath('device-wall-scenarios') });
      assert.deepEqual(consoleErrors, []);
    }));
});
