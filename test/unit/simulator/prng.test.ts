import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, deriveSeed, hashUnit } from '../../../shared/simulator';

describe('prng', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 100 }, () => a.next());
    assert.deepEqual(sa, Array.from({ length: 100 }, () => b.next()));
    assert.notDeepEqual(sa, Array.from({ length: 100 }, () => c.next()));
    for (const v of sa) assert.ok(v >= 0 && v < 1);
  });

  it('draws normal and Poisson values with the requested moments', () => {
    const rng = createRng(7);
    const n = 20_000;
    const normals = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = normals.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(normals.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    assert.ok(Math.abs(mean - 10) < 0.1 && Math.abs(sd - 2) < 0.1, `mean ${mean} sd ${sd}`);
    for (const lambda of [0.3, 4, 50]) {
      const counts = Array.from({ length: n }, () => rng.poisson(lambda));
      const m = counts.reduce((s, v) => s + v, 0) / n;
      assert.ok(Math.abs(m - lambda) < lambda * 0.05 + 0.02, `poisson ${lambda}: ${m}`);
      for (const k of counts) assert.ok(Number.isInteger(k) && k >= 0);
    }
    assert.equal(rng.poisson(0), 0);
  });

  it('derives independent streams and stateless hashes', () => {
    assert.notEqual(deriveSeed(1, 2, 3), deriveSeed(1, 3, 2));
    assert.equal(deriveSeed(1, 2, 3), deriveSeed(1, 2, 3));
    assert.equal(hashUnit(5, 1, 2), hashUnit(5, 1, 2));
    const ints = Array.from({ length: 1000 }, (_, i) => createRng(i).int(1, 6));
    assert.deepEqual([...new Set(ints)].sort(), [1, 2, 3, 4, 5, 6]);
  });
});
