import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gridShape, gridWindow, scrollToRevealRow } from '../../../renderer/src/model/virtual-grid';

describe('virtual grid', () => {
  it('fits as many columns as the width allows and stretches them to fill it', () => {
    assert.deepEqual(gridShape(1000, 232, 10), { columns: 4, tileWidth: 242.5 });
    assert.deepEqual(gridShape(100, 232, 10), { columns: 1, tileWidth: 100 });
    assert.equal(gridShape(0, 232, 10).columns, 1);
    const { columns, tileWidth } = gridShape(1366, 232, 10);
    assert.ok(Math.abs(columns * tileWidth + (columns - 1) * 10 - 1366) < 1e-9);
  });

  it('renders only the rows in view, plus the overscan', () => {
    const win = gridWindow({ itemCount: 2000, columns: 5, rowPitch: 200, viewportTop: 1000, viewportHeight: 700, overscanRows: 2 });
    assert.equal(win.rowCount, 400);
    assert.equal(win.totalHeight, 80_000);
    // Rows 5…8 are visible (1000…1700 px); two either side.
    assert.equal(win.firstRow, 3);
    assert.equal(win.endRow, 11);
    assert.equal(win.startIndex, 15);
    assert.equal(win.endIndex, 55);
    assert.ok(win.endIndex - win.startIndex <= 60, '2,000 devices cost about sixty tiles');
  });

  it('clamps at both ends and handles a partial last row', () => {
    const top = gridWindow({ itemCount: 23, columns: 5, rowPitch: 100, viewportTop: -50, viewportHeight: 250, overscanRows: 1 });
    assert.deepEqual([top.firstRow, top.endRow, top.startIndex, top.endIndex], [0, 3, 0, 15]);
    const bottom = gridWindow({ itemCount: 23, columns: 5, rowPitch: 100, viewportTop: 400, viewportHeight: 250, overscanRows: 1 });
    assert.deepEqual([bottom.firstRow, bottom.endRow, bottom.startIndex, bottom.endIndex], [3, 5, 15, 23]);
    const past = gridWindow({ itemCount: 23, columns: 5, rowPitch: 100, viewportTop: 9_000, viewportHeight: 250, overscanRows: 0 });
    assert.ok(past.startIndex < past.endIndex, 'scrolled past the end (the list shrank) still shows the last row');
    assert.deepEqual(gridWindow({ itemCount: 0, columns: 5, rowPitch: 100, viewportTop: 0, viewportHeight: 500, overscanRows: 2 }), {
      rowCount: 0, firstRow: 0, endRow: 0, startIndex: 0, endIndex: 0, totalHeight: 0,
    });
  });

  it('scrolls just enough to reveal a row', () => {
    assert.equal(scrollToRevealRow(2, 100, 90, 0, 500), null);
    assert.equal(scrollToRevealRow(7, 100, 90, 0, 500), 290);
    assert.equal(scrollToRevealRow(1, 100, 90, 300, 500), 100);
  });
});
