import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AnalyticsConfigError,
  createStreamAnalytics,
  DEFAULT_ANALYTICS_CONFIG,
  detectPeriodicity,
  resolveAnalyticsConfig,
} from '../../../shared/analytics';
import { feed, MINUTE, SECOND, series } from './helpers';

// The seed's DEVICE_5MIN_AGGREGATES, the roadmap's 5/15/30/60-minute windows, the hour's temporal
// pattern with its FFT periodicity, and the fleet's distribution — all read from minute buckets.

function close(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected} ± ${tolerance}`);
}

describe('DEVICE_5MIN_AGGREGATES', () => {
  test('avg/max/min/stddev temperature, avg/max risk, arc sum, avg/max current, count over the last 5 minutes', () => {
    const a = createStreamAnalytics();
    // Ten minutes, one reading a minute: only minutes 5…9 (the newest five) are in the window.
    feed(
      a,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => ({ at: m * MINUTE, temp: 30 + m, risk: m / 20, arcs: m % 2, current: 10 + m })),
    );
    const five = a.device('DEV-A')?.aggregates.five_minute;
    assert.ok(five);
    assert.equal(five.window_minutes, 5);
    assert.equal(five.record_count, 5);
    close(five.avg_temperature, 37);
    assert.equal(five.max_temperature, 39);
    assert.equal(five.min_temperature, 35);
    close(five.temp_stddev, Math.sqrt(2.5)); // STDDEV_SAMP of 35…39
    close(five.avg_risk_score, 0.35);
    assert.equal(five.max_risk_score, 0.45);
    assert.equal(five.total_arcs, 3);
    close(five.avg_current, 17);
    assert.equal(five.max_current, 19);
    assert.equal(five.window_end, '2026-03-01T00:09:00.000Z');
  });

  test('a single reading has no sample standard deviation', () => {
    const a = createStreamAnalytics();
    feed(a, [{ at: 0 }]);
    assert.equal(a.device('DEV-A')?.aggregates.five_minute?.temp_stddev, null);
    assert.deepEqual(a.device('DEV-A')?.aggregates.windows, []);
  });
});

describe('the 5/15/30/60-minute windows', () => {
  test('mean, std (np.std), trend in °C per minute, volatility (np.std of differences)', () => {
    const a = createStreamAnalytics();
    // 60 minutes at 1 Hz: a ramp of 0.2 °C/min with a ±0.5 °C zig-zag on top.
    feed(a, series(0, 60 * MINUTE, SECOND, (at, i) => ({ temp: 40 + (0.2 * at) / MINUTE + (i % 2 === 0 ? 0.5 : -0.5) })));
    const windows = a.device('DEV-A')?.aggregates.windows ?? [];
    assert.deepEqual(windows.map((w) => [w.minutes, w.count]), [[5, 300], [15, 900], [30, 1800], [60, 3600]]);
    for (const w of windows) {
      // The zig-zag leans the least-squares line by −0.002 °C/min over 5 minutes, less over longer.
      close(w.temp_trend, 0.2, 2.5e-3);
      // Consecutive differences alternate −1 ± 0.0033 and +1 ± 0.0033: np.std ≈ 1.
      close(w.temp_volatility, 1, 1e-3);
    }
    const w5 = windows[0];
    // Over 5 minutes the ramp adds 1 °C of spread: std² = 0.25 + 1²/12.
    close(w5?.temp_std, Math.sqrt(0.25 + 1 / 12), 2e-3);
    close(w5?.temp_mean, 40 + 0.2 * 57.5, 1e-2);
  });

  test('the hour’s mean and sample standard deviation', () => {
    const a = createStreamAnalytics();
    feed(a, [{ at: 0, temp: 40 }, { at: MINUTE, temp: 42 }, { at: 2 * MINUTE, temp: 44 }]);
    const hour = a.device('DEV-A')?.aggregates.hour;
    assert.equal(hour?.count, 3);
    close(hour?.temp_mean, 42);
    close(hour?.temp_stddev, 2);
  });

  test('readings older than the hour have left every window', () => {
    const a = createStreamAnalytics();
    feed(a, [{ at: 0, temp: 90 }, { at: 61 * MINUTE, temp: 40 }, { at: 62 * MINUTE, temp: 40 }]);
    assert.equal(a.device('DEV-A')?.aggregates.hour.count, 2);
    assert.equal(a.device('DEV-A')?.aggregates.windows.at(-1)?.temp_mean, 40);
  });
});

describe('temporal pattern (analyze_temporal_patterns)', () => {
  test('fewer than 10 readings in the hour: INSUFFICIENT_DATA', () => {
    const a = createStreamAnalytics();
    feed(a, series(0, 9 * MINUTE, MINUTE, () => ({})));
    assert.equal(a.device('DEV-A')?.trend.trend, 'INSUFFICIENT_DATA');
    assert.equal(a.device('DEV-A')?.trend.data_points, 9);
  });

  test('a heating device is INCREASING, with its trend, velocity and confidence', () => {
    const a = createStreamAnalytics();
    feed(a, series(0, 30 * MINUTE, 10 * SECOND, (at) => ({ temp: 40 + (0.5 * at) / MINUTE, risk: 0.1 + (0.01 * at) / MINUTE })));
    const trend = a.device('DEV-A')?.trend;
    assert.equal(trend?.trend, 'INCREASING');
    close(trend?.temperature_trend, 0.5, 1e-9);
    close(trend?.temperature_velocity, 0.5, 1e-9);
    close(trend?.risk_trend, 0.01, 1e-9);
    close(trend?.trend_confidence, 1, 1e-9);
  });

  test('a steady device is STABLE, a cooling one DECREASING', () => {
    const steady = createStreamAnalytics();
    feed(steady, series(0, 20 * MINUTE, 10 * SECOND, (_at, i) => ({ temp: 40 + (i % 2) * 0.1 })));
    assert.equal(steady.device('DEV-A')?.trend.trend, 'STABLE');
    const cooling = createStreamAnalytics();
    feed(cooling, series(0, 20 * MINUTE, 10 * SECOND, (at) => ({ temp: 60 - (0.5 * at) / MINUTE })));
    assert.equal(cooling.device('DEV-A')?.trend.trend, 'DECREASING');
  });

  test('the hour’s arc pattern by the share of readings with arcs (FREQUENT > 0.5, MODERATE > 0.2, SPORADIC)', () => {
    const pattern = (every: number): string | undefined => {
      const a = createStreamAnalytics();
      feed(a, series(0, 20 * MINUTE, MINUTE, (_at, i) => ({ arcs: i % every === 0 ? 1 : 0 })));
      return a.device('DEV-A')?.trend.arc_pattern.pattern;
    };
    assert.equal(pattern(1), 'FREQUENT');
    assert.equal(pattern(3), 'MODERATE');
    assert.equal(pattern(10), 'SPORADIC');
    const none = createStreamAnalytics();
    feed(none, series(0, 20 * MINUTE, MINUTE, () => ({})));
    assert.equal(none.device('DEV-A')?.trend.arc_pattern.pattern, 'NO_ARCS');
  });

  test('FFT periodicity: a 10-minute cycle is found; a steady temperature is not periodic', () => {
    const cycling = createStreamAnalytics();
    feed(cycling, series(0, 60 * MINUTE, 10 * SECOND, (at) => ({ temp: 40 + 8 * Math.sin((2 * Math.PI * at) / (10 * MINUTE)) })));
    const p = cycling.device('DEV-A')?.trend.periodicity;
    assert.equal(p?.periodic, true);
    close(p?.period_minutes, 10, 1e-9);
    assert.equal(p?.points, 60);

    const steady = createStreamAnalytics();
    feed(steady, series(0, 60 * MINUTE, 10 * SECOND, (_at, i) => ({ temp: 40 + ((i * 7) % 5) * 0.05 })));
    assert.equal(steady.device('DEV-A')?.trend.periodicity.periodic, false);
  });

  test('periodicity runs on the timer (runPeriodic), not per reading; the view reuses a fresh result', () => {
    const a = createStreamAnalytics();
    feed(a, series(0, 30 * MINUTE, 30 * SECOND, () => ({})));
    assert.equal(a.runPeriodic(), 1);
    const first = a.device('DEV-A')?.trend.periodicity.computed_at;
    assert.equal(first, '2026-03-01T00:29:30.000Z');
    feed(a, [{ at: 30 * MINUTE }]);
    // Within periodicityMaxAgeMs of event time, the cached result stands.
    assert.equal(a.device('DEV-A')?.trend.periodicity.computed_at, first);
  });

  test('detectPeriodicity follows np.fft: DC included in the mean, the strongest bin after DC', () => {
    const values = Array.from({ length: 20 }, (_v, t) => 10 + 5 * Math.cos((2 * Math.PI * t) / 5));
    const p = detectPeriodicity(values, values.length);
    assert.equal(p.periodic, true);
    close(p.period, 5);
    close(p.dominantFrequency, 0.2);
    assert.equal(detectPeriodicity([1, 2, 3], 3).periodic, false);
  });
});

describe('fleet risk distribution (event time)', () => {
  test('active = a reading within 5 minutes of the fleet’s newest; HEALTHY when more than 80 % are active', () => {
    const a = createStreamAnalytics();
    feed(a, [
      { device: 'D1', at: 0, risk: 0.9 },
      { device: 'D2', at: 4 * MINUTE, risk: 0.65 },
      { device: 'D3', at: 10 * MINUTE, risk: 0.1 },
      { device: 'D4', at: 10 * MINUTE, risk: 0.45 },
      { device: 'D5', at: 10 * MINUTE, risk: 0.3 },
    ]);
    const fleet = a.fleet();
    assert.equal(fleet.total_devices, 5);
    assert.equal(fleet.active_devices, 3);
    assert.deepEqual(fleet.risk_distribution, { NORMAL: 1, LOW: 1, MEDIUM: 1, HIGH: 0, CRITICAL: 0 });
    assert.equal(fleet.system_status, 'DEGRADED');
    assert.equal(fleet.as_of, '2026-03-01T00:10:00.000Z');
    feed(a, [{ device: 'D1', at: 10 * MINUTE, risk: 0.9 }, { device: 'D2', at: 10 * MINUTE, risk: 0.9 }]);
    assert.equal(a.fleet().system_status, 'HEALTHY');
    assert.deepEqual(a.zones().fleet, a.fleet());
  });
});

describe('configuration', () => {
  test('the defaults are the seed’s values', () => {
    const c = DEFAULT_ANALYTICS_CONFIG;
    assert.equal(c.temperatureSpike.minC, 50);
    assert.equal(c.temperatureSpike.criticalC, 65);
    assert.equal(c.riskSpike.rise, 0.3);
    assert.equal(c.riskSpike.emergencyRise, 0.5);
    assert.equal(c.riskSpike.maxGapMs, 10 * MINUTE);
    assert.equal(c.arcs.highFrequency, 10);
    assert.equal(c.arcs.moderate, 5);
    assert.equal(c.correlation.windowMs, 2 * MINUTE);
    assert.deepEqual(c.windowsMinutes, [5, 15, 30, 60]);
    assert.deepEqual(c.ranges.temperature, { min: 20, max: 60 });
    assert.deepEqual(c.prediction.thresholds, { temperature: 60, current: 100, leakage_current: 8 });
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.ranges.voltage));
  });

  test('an override changes what it names and keeps the rest', () => {
    const c = resolveAnalyticsConfig({ ranges: { voltage: { min: 190, max: 260 } }, arcs: { highFrequency: 20 } });
    assert.deepEqual(c.ranges.voltage, { min: 190, max: 260 });
    assert.deepEqual(c.ranges.temperature, { min: 20, max: 60 });
    assert.equal(c.arcs.highFrequency, 20);
    assert.equal(c.arcs.moderate, 5);
    const a = createStreamAnalytics({ config: { ranges: { voltage: { min: 190, max: 260 } } } });
    assert.deepEqual(feed(a, [{ at: 0, voltage: 255 }]), []);
  });

  test('an unusable override names its field', () => {
    assert.throws(() => resolveAnalyticsConfig({ arcs: { windowMs: Number.NaN } }), (e: unknown) => e instanceof AnalyticsConfigError && /analytics\.arcs\.windowMs/.test(e.message));
    assert.throws(() => resolveAnalyticsConfig({ windowsMinutes: [5, 90] }), /windowsMinutes/);
  });
});
