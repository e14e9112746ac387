import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshotPath } from '../support/chromium';
import { consoleUnderTest, e2eUnavailable } from '../support/console-under-test';

// Issue 8: the List view holds 2,000 devices by rendering only the rows in view. Scrolling brings
// other rows in, the scrollbar stays true to the whole fleet, and the DOM stays small.

const DEVICES = 2000;

describe('the list view with 2,000 devices in Chromium', { skip: e2eUnavailable() }, () => {
  // A slow period: this is about the DOM, not the feed.
  const app = consoleUnderTest({ serveArgs: ['--demo-devices', String(DEVICES), '--demo-period', '10'] });

  test('only the rows in view exist, and scrolling reaches the end of the fleet', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      await page.goto(`${app.url}/#/list`);
      await page.locator(`[data-testid="device-count"][data-value="${DEVICES}"]`).waitFor({ timeout: 60_000 });
      const scroller = page.locator('[data-testid="device-list-scroll"]');
      await scroller.waitFor();
      const rendered = async (): Promise<number> => page.locator('[data-testid="device-row"]').count();
      const first = await rendered();
      assert.ok(first > 5 && first < 120, `a screenful of rows, not the fleet (${first})`);
      const geometry = await scroller.evaluate((el) => ({ scrollHeight: el.scrollHeight, row: el.querySelector<HTMLElement>('[data-testid="device-row"]')?.offsetHeight ?? 0 }));
      assert.ok(geometry.scrollHeight >= geometry.row * DEVICES, 'the scrollbar spans the whole fleet');
      const topIds = await page.locator('[data-testid="device-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-device-id')));

      // The keyboard scrolls the list (it takes focus), and the end of the fleet comes into view.
      await scroller.focus();
      await page.keyboard.press('End');
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="device-list-scroll"]');
        return el !== null && el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      });
      await page.waitForFunction((before) => {
        const ids = [...document.querySelectorAll('[data-testid="device-row"]')].map((r) => r.getAttribute('data-device-id'));
        return ids.length > 0 && ids.every((id) => !before.includes(id));
      }, topIds);
      assert.ok((await rendered()) < 120);
      // The last row sits at the bottom of the scrolled box, not in a gap.
      const lastVisible = await scroller.evaluate((el) => {
        const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="device-row"]')];
        const last = rows[rows.length - 1];
        return last === undefined ? null : Math.round(el.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom);
      });
      assert.ok(lastVisible !== null && Math.abs(lastVisible) <= 4, `the last row ends where the list ends (${lastVisible} px)`);
      await page.screenshot({ path: screenshotPath('device-list-2000') });
      assert.deepEqual(consoleErrors, []);
    }));

  test('on a tall screen the rows fill the list from the first load (the box is measured once it appears)', () =>
    app.withPage(async ({ page, consoleErrors }) => {
      // Taller than the first guess of a screenful (900 px): an unmeasured box would leave a gap below.
      await page.setViewportSize({ width: 1280, height: 2000 });
      await page.goto(`${app.url}/#/list`);
      await page.locator(`[data-testid="device-count"][data-value="${DEVICES}"]`).waitFor({ timeout: 60_000 });
      const scroller = page.locator('[data-testid="device-list-scroll"]');
      await scroller.waitFor();
      await page.waitForTimeout(300);
      const gap = await scroller.evaluate((el) => {
        const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="device-row"]')];
        const last = rows[rows.length - 1];
        return { height: el.clientHeight, gap: last === undefined ? null : Math.round(el.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom) };
      });
      assert.ok(gap.height > 1000, `the list is taller than the first guess (${gap.height} px)`);
      assert.ok(gap.gap !== null && gap.gap <= 0, `rows reach the bottom of the list, no empty band (${String(gap.gap)} px left)`);
      assert.deepEqual(consoleErrors, []);
    }));
});
