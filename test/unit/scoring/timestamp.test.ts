import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatIsoMillis, parseEpochMillis, parseIsoTimestamp } from '../../../shared/scoring/index';
import { MAX_TIMESTAMP_MS } from '../../../shared/scoring/timestamp';

// The fast date arithmetic must agree with Date everywhere in the accepted range.

describe('timestamps agree with Date', () => {
  test('formatting and parsing round-trip across 1970–9999', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const samples = [0, 1, 86_399_999, 86_400_000, 951_782_400_000, 951_868_800_000, 4_107_542_400_000, MAX_TIMESTAMP_MS];
    for (let i = 0; i < 50_000; i++) samples.push(Math.floor(next() * MAX_TIMESTAMP_MS));
    for (const ms of samples) {
      const iso = new Date(ms).toISOString();
      assert.equal(formatIsoMillis(ms), iso, String(ms));
      const parsed = parseIsoTimestamp(iso);
      assert.ok(parsed.ok && parsed.ms === ms && parsed.iso === iso, iso);
      const epoch = parseEpochMillis(ms);
      assert.ok(epoch.ok && epoch.iso === iso, String(ms));
    }
  });

  test('every day of a leap-year February and the turn of centuries', () => {
    for (const day of ['2000-02-29', '2100-02-28', '2400-02-29', '1999-12-31', '2000-01-01', '2024-02-29']) {
      const iso = `${day}T12:34:56.789Z`;
      const parsed = parseIsoTimestamp(iso);
      assert.ok(parsed.ok, iso);
      if (parsed.ok) assert.equal(parsed.ms, Date.parse(iso));
    }
    for (const bad of ['2100-02-29T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z']) {
      assert.equal(parseIsoTimestamp(bad).ok, false, bad);
    }
  });

  test('the day cache does not leak between dates', () => {
    const a = parseIsoTimestamp('2026-03-01T00:00:00.000Z');
    const b = parseIsoTimestamp('2026-02-31T00:00:00.000Z');
    const c = parseIsoTimestamp('2026-03-01T00:00:00.001Z');
    assert.ok(a.ok && c.ok && c.ms === a.ms + 1);
    assert.equal(b.ok, false);
  });
});
