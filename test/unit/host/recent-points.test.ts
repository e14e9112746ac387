import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentPoints } from '../../../electron/host/fleet/recent-points';

// The recent points a device page draws: a ring of typed arrays that grows to its limit.

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

function addAt(points: RecentPoints, second: number, risk: number | null = second): void {
  const ms = T0 + second * 1000;
  points.add(new Date(ms).toISOString(), ms, 30 + second, risk, second % 3, 220 + second, 10 + second);
}

test('keeps every point up to the limit, through the growth of its arrays, in time order', () => {
  const points = new RecentPoints(100);
  for (let s = 0; s < 70; s += 1) addAt(points, s);
  const all = points.inTimeOrder();
  assert.equal(all.length, 70);
  assert.deepEqual(all.map((p) => p.temperature), Array.from({ length: 70 }, (_, s) => 30 + s));
  assert.deepEqual(all[5], { timestamp: new Date(T0 + 5000).toISOString(), temperature: 35, risk_score: 5, arc_count: 2, voltage: 225, current: 15 });
});

test('past the limit the oldest go first', () => {
  const points = new RecentPoints(50);
  for (let s = 0; s < 130; s += 1) addAt(points, s);
  const all = points.inTimeOrder();
  assert.equal(all.length, 50);
  assert.equal(all[0]?.temperature, 30 + 80);
  assert.equal(all[49]?.temperature, 30 + 129);
});

test('a late point takes its place in time; a missing risk stays missing', () => {
  const points = new RecentPoints(10);
  addAt(points, 5);
  addAt(points, 7, null);
  addAt(points, 6);
  const all = points.inTimeOrder();
  assert.deepEqual(all.map((p) => p.temperature), [35, 36, 37]);
  assert.equal(all[2]?.risk_score, null);
});
