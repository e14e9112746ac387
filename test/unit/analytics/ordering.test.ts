import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStreamAnalytics } from '../../../shared/analytics';
import type { ReadingSpec } from './helpers';
import { feed, MINUTE, reading, SECOND, series, T0 } from './helpers';

// Event time and arrival order: a duplicate is ignored, a late reading counts in the aggregates
// but fires nothing, a device back from silence starts a new episode, a reading stamped far in
// the future (against the receive time) is not analysed. The same readings in another arrival
// order give the same aggregates.

describe('duplicates', () => {
  test('an exact device + timestamp duplicate is ignored, whatever it carries', () => {
    const a = createStreamAnalytics();
    const events = feed(a, [
      { at: 0, risk: 0.1 },
      { at: 0, risk: 0.9, voltage: 300 }, // same timestamp: the first copy wins
      { at: 10 * SECOND, risk: 0.1 },
    ]);
    assert.deepEqual(events, []);
    const view = a.device('DEV-A');
    assert.equal(view?.anomalies.duplicate_readings, 1);
    assert.equal(view?.aggregates.five_minute?.record_count, 2);
    assert.equal(view?.aggregates.five_minute?.max_risk_score, 0.1);
  });

  test('a duplicate of an older, recently seen reading is recognised too', () => {
    const a = createStreamAnalytics();
    feed(a, [{ at: 0 }, { at: 10 * SECOND }, { at: 20 * SECOND }, { at: 10 * SECOND }, { at: 0 }]);
    assert.equal(a.device('DEV-A')?.anomalies.duplicate_readings, 2);
    assert.equal(a.device('DEV-A')?.aggregates.five_minute?.record_count, 3);
  });
});

describe('late (out-of-order) readings', () => {
  test('a late reading fires nothing but counts in the aggregates', () => {
    const a = createStreamAnalytics();
    const events = feed(a, [
      { at: 0, risk: 0.1 },
      { at: 20 * SECOND, risk: 0.1 },
      { at: 10 * SECOND, risk: 0.9, voltage: 300 }, // late: a spike and a range violation if it were new
    ]);
    assert.deepEqual(events, []);
    const view = a.device('DEV-A');
    assert.equal(view?.anomalies.late_readings, 1);
    assert.equal(view?.aggregates.five_minute?.record_count, 3);
    assert.equal(view?.aggregates.five_minute?.max_risk_score, 0.9);
    assert.equal(view?.aggregates.five_minute?.window_end, reading({ at: 20 * SECOND }).timestamp);
  });

  test('a late reading does not become the "previous" reading of the next one', () => {
    const events = feed(createStreamAnalytics(), [
      { at: 0, risk: 0.1 },
      { at: 20 * SECOND, risk: 0.5 }, // +0.4: RISK_SPIKE
      { at: 10 * SECOND, risk: 0.05 }, // late, low
      { at: 30 * SECOND, risk: 0.5 }, // against 0.5 (the newest), not 0.05: no spike
    ]);
    assert.deepEqual(events.map((e) => [e.index, e.event]), [[1, 'RISK_SPIKE'], [1, 'RAPID_RISK_CHANGE']]);
  });

  test('late arcs enter the 10-minute window and count from the next in-order reading on', () => {
    const events = feed(createStreamAnalytics(), [
      { at: 0, arcs: 0 },
      { at: 6 * MINUTE, arcs: 0 },
      { at: 5 * MINUTE, arcs: 11 }, // late
      { at: 7 * MINUTE, arcs: 0 },
    ]);
    assert.deepEqual(events.map((e) => [e.index, e.values.arc_pattern]), [[3, 'HIGH_FREQUENCY']]);
  });

  test('arrival order does not change the aggregates', () => {
    const specs = series(0, 8 * MINUTE, 7 * SECOND, (at, i) => ({ temp: 40 + (at / MINUTE) * 0.3 + (i % 3), risk: 0.1 + (i % 5) * 0.05, arcs: i % 11 === 0 ? 1 : 0 }));
    const inOrder = createStreamAnalytics();
    feed(inOrder, specs);
    // Swap neighbours: every other reading arrives after the one that follows it.
    const shuffled: ReadingSpec[] = [];
    for (let i = 0; i < specs.length; i += 2) {
      if (i + 1 < specs.length) shuffled.push(specs[i + 1] as ReadingSpec);
      shuffled.push(specs[i] as ReadingSpec);
    }
    const outOfOrder = createStreamAnalytics();
    feed(outOfOrder, shuffled);
    const x = inOrder.device('DEV-A')?.aggregates.five_minute;
    const y = outOfOrder.device('DEV-A')?.aggregates.five_minute;
    assert.ok(x && y);
    assert.equal(y.record_count, x.record_count);
    assert.equal(y.total_arcs, x.total_arcs);
    assert.equal(y.max_temperature, x.max_temperature);
    assert.ok(Math.abs(y.avg_temperature - x.avg_temperature) < 1e-9);
    assert.ok(Math.abs((y.temp_stddev ?? 0) - (x.temp_stddev ?? 0)) < 1e-9);
    assert.equal(outOfOrder.device('DEV-A')?.anomalies.late_readings, Math.floor(specs.length / 2));
  });

  test('the same input in the same order gives the same events (replay is deterministic)', () => {
    const specs = series(0, 30 * MINUTE, 5 * SECOND, (at, i) => ({ temp: 40 + (at / MINUTE) * 0.8, risk: (i * 37) % 100 / 100, arcs: i % 13 === 0 ? 2 : 0 }));
    assert.deepEqual(feed(createStreamAnalytics(), specs), feed(createStreamAnalytics(), specs));
  });
});

describe('a device returning after silence', () => {
  test('the reading before a silence longer than 10 minutes is no "previous": no spike, no rapid change', () => {
    const events = feed(createStreamAnalytics(), [{ at: 0, risk: 0.1 }, { at: 30 * MINUTE, risk: 0.9 }]);
    assert.deepEqual(events, []);
  });

  test('streaks restart after the silence', () => {
    const events = feed(createStreamAnalytics(), [
      { at: 0, risk: 0.8 },
      { at: 10 * SECOND, risk: 0.8 },
      { at: 40 * MINUTE, risk: 0.8 },
      { at: 40 * MINUTE + 10 * SECOND, risk: 0.8 },
      { at: 40 * MINUTE + 20 * SECOND, risk: 0.8 },
    ]);
    assert.deepEqual(events.map((e) => [e.index, e.event]), [[4, 'SUSTAINED_HIGH_RISK']]);
  });

  test('every event re-arms: a condition still true on return fires again', () => {
    const events = feed(createStreamAnalytics(), [
      { at: 0, voltage: 260 },
      { at: 10 * SECOND, voltage: 260 },
      { at: 10 * SECOND + 10 * MINUTE, voltage: 260 }, // a gap of exactly 10 minutes: same episode
      { at: 45 * MINUTE, voltage: 260 }, // back after 35 minutes
    ]);
    assert.deepEqual(events.map((e) => [e.index, e.event]), [[0, 'RANGE_VIOLATION'], [3, 'RANGE_VIOLATION']]);
  });
});

describe('clock skew', () => {
  test('a reading stamped more than 5 minutes past its receive time is not analysed', () => {
    const a = createStreamAnalytics();
    const receivedAt = T0;
    assert.deepEqual(a.observe(reading({ at: 0 }), receivedAt), []);
    assert.deepEqual(a.observe(reading({ at: 5 * MINUTE + SECOND, voltage: 300 }), receivedAt), []);
    assert.equal(a.device('DEV-A')?.anomalies.skewed_readings, 1);
    assert.equal(a.device('DEV-A')?.aggregates.five_minute?.record_count, 1);
    // Exactly 5 minutes ahead is still taken.
    assert.equal(a.observe(reading({ at: 5 * MINUTE, voltage: 300 }), receivedAt).length, 1);
  });

  test('without a receive time (replay, the CLI) only event time counts', () => {
    const a = createStreamAnalytics();
    a.observe(reading({ at: 0 }));
    assert.equal(a.observe(reading({ at: 365 * 24 * 60 * MINUTE, voltage: 300 })).length, 1);
  });
});
