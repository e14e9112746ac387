import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, createBackoff } from '../../../electron/host/ingest/backoff';

test('delays grow from 1 s to at most 60 s and never drop below 1 s', () => {
  const high = createBackoff(() => 0.999999);
  const ceilings = Array.from({ length: 10 }, () => high.next());
  assert.deepEqual(ceilings, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
  const low = createBackoff(() => 0);
  for (let i = 0; i < 10; i += 1) assert.equal(low.next(), BACKOFF_MIN_MS);
});

test('jitter spreads many consoles over the whole window (no storm)', () => {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const delays = Array.from({ length: 200 }, () => {
    const b = createBackoff(random);
    for (let i = 0; i < 6; i += 1) b.next();
    return b.next();
  });
  const inFirstSecond = delays.filter((d) => d < 2000).length;
  assert.ok(inFirstSecond < 20, `${inFirstSecond} of 200 consoles would retry in the same second`);
  assert.ok(Math.max(...delays) <= BACKOFF_MAX_MS);
});

test('reset starts again from the shortest delay', () => {
  const b = createBackoff(() => 0.999999);
  b.next();
  b.next();
  b.next();
  assert.equal(b.attempts(), 3);
  b.reset();
  assert.equal(b.next(), 1000);
});
