import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStreamAnalytics } from '../../../shared/analytics';
import { MINUTE, reading, SECOND } from './helpers';

// Bounded memory: a device's state is the hour in sixty fixed minute buckets, the arcs of the
// last ten minutes and a few fixed arrays. A day of 1 Hz readings must leave it no larger than an
// hour did, and under 32 KB (DESIGN: host memory ≤ 400 MB for 10,000 devices at 1 Hz). The bound
// is measured with memoryFootprint() (array sizes); the bench measures the heap.

const LIMIT_BYTES = 32 * 1024;
const HOUR = 60 * MINUTE;

function day(arcsEvery: number, periodMs: number): { readonly afterHour: number; readonly largest: number; readonly afterDay: number } {
  const a = createStreamAnalytics();
  let afterHour = 0;
  let largest = 0;
  for (let at = 0, i = 0; at < 24 * HOUR; at += periodMs, i++) {
    a.observe(
      reading({
        at,
        temp: 40 + 5 * Math.sin(at / (17 * MINUTE)) + (i % 3) * 0.1,
        risk: 0.2 + 0.1 * Math.sin(at / (43 * MINUTE)),
        arcs: arcsEvery > 0 && i % arcsEvery === 0 ? 1 : 0,
      }),
    );
    if (at % (5 * MINUTE) === 0) a.runPeriodic();
    if (at % HOUR === 0) {
      const bytes = a.memoryFootprint('DEV-A');
      largest = Math.max(largest, bytes);
      if (at === HOUR) afterHour = bytes;
    }
  }
  return { afterHour, largest, afterDay: a.memoryFootprint('DEV-A') };
}

describe('memory per device', () => {
  test('24 h at 1 Hz with occasional arcs: flat after the first hour, under 32 KB', () => {
    const { afterHour, largest, afterDay } = day(97, SECOND);
    assert.ok(largest <= LIMIT_BYTES, `${largest} bytes`);
    assert.equal(afterDay, afterHour);
  });

  test('24 h at 1 Hz arcing at every reading (the arc window full): still under 32 KB', () => {
    const { largest, afterDay } = day(1, SECOND);
    assert.ok(largest <= LIMIT_BYTES, `${largest} bytes`);
    assert.ok(afterDay <= LIMIT_BYTES, `${afterDay} bytes`);
  });

  test('a device reporting every minute needs no more than one reporting every second', () => {
    assert.ok(day(5, MINUTE).largest <= day(97, SECOND).largest);
  });

  test('the arc window gives its memory back once the arcs stop (periodic trimming)', () => {
    const a = createStreamAnalytics();
    for (let i = 0; i < 600; i++) a.observe(reading({ at: i * SECOND, arcs: 1 }));
    const busy = a.memoryFootprint('DEV-A');
    for (let i = 600; i < 1800; i++) a.observe(reading({ at: i * SECOND, arcs: 0 }));
    a.runPeriodic();
    assert.ok(a.memoryFootprint('DEV-A') < busy - 8000, `${busy} → ${a.memoryFootprint('DEV-A')}`);
  });
});
