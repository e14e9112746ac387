import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectAsync } from 'mqtt';
import { consoleUnderTest, e2eUnavailable, openLive } from '../support/console-under-test';

// An operator moving through the device wall with the keyboard keeps the keyboard when the fleet
// re-sorts under them: the focused device turns critical and jumps to the top, out of the rendered
// tiles, and focus stays in the wall at the same place instead of falling to the page.

const DEVICES = 240;
const id = (n: number): string => `DEV${String(n).padStart(4, '0')}`;

function reading(deviceId: string, idx: number, hot: boolean): string {
  return JSON.stringify({
    deviceId, idx, status: hot ? 0x0c0 : 0, volt: 221.3, voltLow: 219.6, ct: 9.8, zct: 0.7, rzct: 0.4, pwr: 2.1,
    pcbTemp: hot ? 88 : 35.2, sensorTemp: hot ? 96 : 37.9, co: 4.1, voc: 120.4, pFct: 0.97, aArc: hot ? 12 : 0, timestamp: Date.now(),
  });
}

describe('keyboard focus on the device wall survives a re-sort', { skip: e2eUnavailable({ mosquitto: true }) }, () => {
  const app = consoleUnderTest({ broker: true, serveArgs: ['--no-demo'] });

  test('the focused device jumps to the top; focus stays in the wall and the arrows still work', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      const device = await connectAsync(app.brokerUrl, { clientId: 'focus-test-fleet' });
      try {
        for (let n = 1; n <= DEVICES; n += 1) await device.publishAsync(`fire-prediction/device/${id(n)}/data`, reading(id(n), 1, false), { qos: 1 });
        await openLive(page, app.url, '#/devices');
        await page.locator(`[data-testid="tile-count"][data-total="${DEVICES}"]`).waitFor({ timeout: 30_000 });

        // To the last tile with the keyboard.
        await page.locator('[data-testid="tile-grid"] [data-index="0"] > a').focus();
        await page.keyboard.press('End');
        const last = page.locator(`[data-testid="tile-grid"] [data-index="${DEVICES - 1}"] > a`);
        await last.waitFor();
        await page.waitForFunction((n) => document.activeElement?.closest('[data-index]')?.getAttribute('data-index') === String(n), DEVICES - 1);
        const focusedId = await page.evaluate(() => document.activeElement?.closest('[data-device-id]')?.getAttribute('data-device-id') ?? null);
        assert.equal(focusedId, id(DEVICES));

        // That device turns critical: it sorts first, far above the rendered tiles.
        await device.publishAsync(`fire-prediction/device/${id(DEVICES)}/data`, reading(id(DEVICES), 2, true), { qos: 1 });
        await page.waitForFunction((moved) => ![...document.querySelectorAll('[data-testid="tile-grid"] [data-device-id]')].some((el) => el.getAttribute('data-device-id') === moved), id(DEVICES), { timeout: 15_000 });
        await page.waitForTimeout(300);

        const where = await page.evaluate(() => {
          const grid = document.querySelector('[data-testid="tile-grid"]');
          const active = document.activeElement;
          return { inGrid: grid !== null && active !== null && grid.contains(active), index: active?.closest('[data-index]')?.getAttribute('data-index') ?? null };
        });
        assert.ok(where.inGrid, 'focus stayed in the device wall');
        assert.equal(where.index, String(DEVICES - 1), 'at the same place');
        await page.keyboard.press('ArrowLeft');
        await page.waitForFunction((n) => document.activeElement?.closest('[data-index]')?.getAttribute('data-index') === String(n), DEVICES - 2);
        assert.deepEqual(consoleErrors, []);
      } finally {
        await device.endAsync();
      }
    }));
});
