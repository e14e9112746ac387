import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rovingTarget } from '../../../renderer/src/hooks/roving-keys';

describe('roving keys', () => {
  const grid = { count: 23, columns: 5, pageRows: 2, across: true };
  const list = { count: 40, columns: 1, pageRows: 10, across: false };

  it('moves across and down a grid, a page of whole rows at a time', () => {
    assert.equal(rovingTarget('ArrowRight', 6, grid), 7);
    assert.equal(rovingTarget('ArrowLeft', 6, grid), 5);
    assert.equal(rovingTarget('ArrowDown', 6, grid), 11);
    assert.equal(rovingTarget('ArrowUp', 6, grid), 1);
    assert.equal(rovingTarget('PageDown', 6, grid), 16);
    assert.equal(rovingTarget('PageUp', 12, grid), 2);
    assert.equal(rovingTarget('Home', 12, grid), 0);
    assert.equal(rovingTarget('End', 0, grid), 22);
  });

  it('stays within the items', () => {
    assert.equal(rovingTarget('ArrowDown', 20, grid), 22, 'down from the row above a partial last row');
    assert.equal(rovingTarget('ArrowUp', 2, grid), 0);
    assert.equal(rovingTarget('ArrowLeft', 0, grid), 0);
    assert.equal(rovingTarget('PageDown', 35, list), 39);
    assert.equal(rovingTarget('End', 0, { ...list, count: 0 }), 0, 'an empty list keeps the focus at its start');
  });

  it('in a list, leaves left, right and other keys alone', () => {
    assert.equal(rovingTarget('ArrowDown', 3, list), 4);
    assert.equal(rovingTarget('PageUp', 15, list), 5);
    assert.equal(rovingTarget('ArrowRight', 3, list), null);
    assert.equal(rovingTarget('ArrowLeft', 3, list), null);
    assert.equal(rovingTarget('Enter', 3, list), null);
    assert.equal(rovingTarget('a', 3, grid), null);
  });
});
