import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatClockTime, formatRate } from '../../../renderer/src/i18n/formatters';
import { isNearLimit } from '../../../renderer/src/model/connection-load';
import { formatFixed } from '../../../renderer/src/model/format';

describe('formatFixed', () => {
  it('shows readings with fixed decimals', () => {
    assert.equal(formatFixed(42.26, 1), '42.3');
    assert.equal(formatFixed(4, 2), '4.00');
    assert.equal(formatFixed(-3.14, 1), '-3.1');
  });

  it('shows nothing for a missing or impossible value', () => {
    assert.equal(formatFixed(null, 1), null);
    assert.equal(formatFixed(undefined, 1), null);
    assert.equal(formatFixed(Number.NaN, 1), null);
    assert.equal(formatFixed(Number.POSITIVE_INFINITY, 1), null);
  });

  it('never shows a negative zero', () => {
    assert.equal(formatFixed(-0.04, 1), '0.0');
    assert.equal(formatFixed(-0, 0), '0');
  });
});

describe('formatRate', () => {
  it('keeps a tenth at a trickle and whole numbers at a flood, grouped per language', () => {
    assert.equal(formatRate(2.345, 'en'), '2.3');
    assert.equal(formatRate(12_345.6, 'en'), '12,346');
    assert.equal(formatRate(12_345.6, 'ko'), '12,346');
    assert.equal(formatRate(0, 'en'), '0');
  });
});

describe('formatClockTime', () => {
  it('gives a 24-hour time with seconds', () => {
    const text = formatClockTime(Date.UTC(2026, 2, 1, 9, 5, 7), 'en');
    assert.match(text, /^\d{2}:\d{2}:\d{2}$/);
  });
});

describe('isNearLimit', () => {
  it('warns from 80 % of a connection limit, and never without one', () => {
    assert.equal(isNearLimit({ rate_per_s: 79, limit_per_s: 100 }), false);
    assert.equal(isNearLimit({ rate_per_s: 80, limit_per_s: 100 }), true);
    assert.equal(isNearLimit({ rate_per_s: 5000, limit_per_s: null }), false);
    assert.equal(isNearLimit({ rate_per_s: 1, limit_per_s: 0 }), false);
  });
});
