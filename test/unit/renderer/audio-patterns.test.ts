import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHIME, TEMPORAL_3, TEMPORAL_4, cycleAt, isToneOn, patternFor, phasesOf, tonesStartingBetween } from '../../../renderer/src/audio/patterns';

describe('siren patterns', () => {
  test('temporal-3: 0.5 s on, 0.5 s off, three times, the last gap 1.5 s: a 4 s cycle', () => {
    assert.deepEqual(phasesOf(TEMPORAL_3), [
      { on: true, durationMs: 500 },
      { on: false, durationMs: 500 },
      { on: true, durationMs: 500 },
      { on: false, durationMs: 500 },
      { on: true, durationMs: 500 },
      { on: false, durationMs: 1500 },
    ]);
    assert.equal(TEMPORAL_3.cycleMs, 4000);
  });

  test('temporal-4: 0.1 s on, 0.1 s off, four times, the last gap 5 s: a 5.7 s cycle', () => {
    assert.deepEqual(phasesOf(TEMPORAL_4), [
      { on: true, durationMs: 100 },
      { on: false, durationMs: 100 },
      { on: true, durationMs: 100 },
      { on: false, durationMs: 100 },
      { on: true, durationMs: 100 },
      { on: false, durationMs: 100 },
      { on: true, durationMs: 100 },
      { on: false, durationMs: 5000 },
    ]);
    assert.equal(TEMPORAL_4.cycleMs, 5700);
  });

  test('the chime is two struck notes, repeated every 10 s; medium and low are silent', () => {
    assert.equal(CHIME.tones.length, 2);
    assert.ok(CHIME.tones.every((t) => t.envelope === 'decay'));
    assert.equal(CHIME.cycleMs, 10_000);
    assert.equal(patternFor('none'), null);
    assert.equal(patternFor('temporal-3'), TEMPORAL_3);
    assert.equal(patternFor('temporal-4'), TEMPORAL_4);
    assert.equal(patternFor('chime'), CHIME);
  });

  test('on and off at the edges, across cycles', () => {
    const on = (ms: number): boolean => isToneOn(TEMPORAL_3, ms);
    assert.deepEqual([on(-1), on(0), on(499), on(500), on(999), on(1000), on(2499), on(2500), on(3999), on(4000)], [
      false, true, true, false, false, true, true, false, false, true,
    ]);
    assert.deepEqual([0, 100, 200, 300, 600, 700, 5699, 5700].map((ms) => isToneOn(TEMPORAL_4, ms)), [true, false, true, false, true, false, false, true]);
    assert.deepEqual([0, 3999, 4000, 12_345].map((ms) => cycleAt(TEMPORAL_3, ms)), [0, 0, 1, 3]);
  });

  test('consecutive look-ahead windows hand over every tone exactly once', () => {
    const seen: number[] = [];
    for (let from = 0; from + 37 <= 12_000; from += 37) seen.push(...tonesStartingBetween(TEMPORAL_3, from, from + 37).map((t) => t.startMs));
    assert.deepEqual(seen, [0, 1000, 2000, 4000, 5000, 6000, 8000, 9000, 10_000]);
    const t4 = tonesStartingBetween(TEMPORAL_4, 0, 5700 * 2).map((t) => [t.startMs, t.endMs, t.cycle]);
    assert.deepEqual(t4, [
      [0, 100, 0], [200, 300, 0], [400, 500, 0], [600, 700, 0],
      [5700, 5800, 1], [5900, 6000, 1], [6100, 6200, 1], [6300, 6400, 1],
    ]);
    assert.deepEqual(tonesStartingBetween(TEMPORAL_3, 500, 500), []);
  });
});
