import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { revealRowScrollTop, virtualRange } from '../../../renderer/src/hooks/virtual-range';

describe('virtual range', () => {
  it('renders the rows in view below a sticky head, with spacers standing for the rest', () => {
    // 1,000 rows of 40 px under a 100 px head; scrolled to 2,100 px, the body's top 2,000 px are above.
    const range = virtualRange({ itemCount: 1000, columns: 1, rowPitch: 40, scrollTop: 2100, headHeight: 100, viewportHeight: 400, overscanRows: 2 });
    assert.deepEqual([range.startIndex, range.endIndex], [48, 62]);
    assert.equal(range.spaceAbove, 48 * 40);
    assert.equal(range.spaceBelow, (1000 - 62) * 40);
    assert.equal(range.spaceAbove + (range.endIndex - range.startIndex) * 40 + range.spaceBelow, range.totalHeight, 'the scrollbar stays true');
    assert.equal(range.pageRows, 7, 'a page is the whole rows under the head');
  });

  it('counts whole rows of a grid, a partial last row included', () => {
    const range = virtualRange({ itemCount: 23, columns: 5, rowPitch: 100, scrollTop: 100, headHeight: 0, viewportHeight: 150, overscanRows: 0 });
    assert.deepEqual([range.firstRow, range.endRow, range.startIndex, range.endIndex], [1, 3, 5, 15]);
    assert.deepEqual([range.spaceAbove, range.spaceBelow], [100, 200]);
    assert.equal(range.pageRows, 1, 'never less than a row');
  });

  it('has no spacers at the ends, nor for an empty list', () => {
    const top = virtualRange({ itemCount: 10, columns: 1, rowPitch: 30, scrollTop: 0, headHeight: 50, viewportHeight: 900, overscanRows: 6 });
    assert.deepEqual([top.startIndex, top.endIndex, top.spaceAbove, top.spaceBelow], [0, 10, 0, 0]);
    const empty = virtualRange({ itemCount: 0, columns: 1, rowPitch: 30, scrollTop: 0, headHeight: 0, viewportHeight: 900, overscanRows: 6 });
    assert.deepEqual([empty.startIndex, empty.endIndex, empty.spaceAbove, empty.spaceBelow, empty.totalHeight], [0, 0, 0, 0, 0]);
  });

  it('scrolls just enough to show a row whole below the head', () => {
    // 34 px rows, a 124 px head, a 500 px box scrolled to 340: rows 10…20 are fully in view.
    assert.equal(revealRowScrollTop(12, 34, 34, 340, 500, 124), null);
    assert.equal(revealRowScrollTop(5, 34, 34, 340, 500, 124), 170, 'a row above comes to the top, under the head');
    assert.equal(revealRowScrollTop(30, 34, 34, 340, 500, 124), 30 * 34 + 34 + 124 - 500, 'a row below comes to the bottom');
    // Without a head, tiles shorter than their pitch (the gap below them need not show).
    assert.equal(revealRowScrollTop(7, 100, 90, 0, 500, 0), 290);
  });
});
