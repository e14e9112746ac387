import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStreamAnalytics, theilSen } from '../../../shared/analytics';
import { feed, MINUTE, named, SECOND, series } from './helpers';

// Time to threshold from a robust (Theil–Sen) line through the one-minute means of the last
// 15 minutes: on a synthetic ramp it must land on the arithmetic answer, outliers must barely
// move it, and THRESHOLD_FORECAST must fire once when the crossing comes within 30 minutes.

function close(actual: number | null | undefined, expected: number, tolerance: number): void {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected} ± ${tolerance}`);
}

describe('time to threshold', () => {
  test('a linear ramp of 0.5 °C/min at 1 Hz: 47.5 °C after 15 minutes reaches 60 °C in 25 minutes', () => {
    const a = createStreamAnalytics();
    feed(a, series(0, 15 * MINUTE + SECOND, SECOND, (at) => ({ temp: 40 + (0.5 * at) / MINUTE })));
    const f = a.device('DEV-A')?.prediction.temperature;
    assert.equal(f?.status, 'RISING');
    assert.equal(f?.threshold, 60);
    assert.equal(f?.unit, '°C');
    close(f?.latest_value, 47.5, 1e-9);
    close(f?.slope_per_minute, 0.5, 1e-9);
    close(f?.fitted_value, 47.5, 0.01);
    close(f?.minutes_to_threshold, 25, 0.05);
    close(f?.confidence, 1, 1e-6);
    assert.equal(f?.points, 15);
  });

  test('a ramp reporting once a minute gives the same answer', () => {
    const a = createStreamAnalytics();
    feed(a, series(0, 16 * MINUTE, MINUTE, (at) => ({ temp: 40 + (0.5 * at) / MINUTE })));
    close(a.device('DEV-A')?.prediction.temperature.minutes_to_threshold, 25, 1e-6);
  });

  test('noise and outliers barely move the robust fit', () => {
    const a = createStreamAnalytics();
    // ±0.4 °C of deterministic noise, and every 97th reading 15 °C too hot (a glitching sensor).
    feed(
      a,
      series(0, 15 * MINUTE + SECOND, 5 * SECOND, (at, i) => ({
        temp: 40 + (0.5 * at) / MINUTE + (((i * 7919) % 17) / 16 - 0.5) * 0.8 + (i % 97 === 0 && i > 0 ? 15 : 0),
      })),
    );
    const f = a.device('DEV-A')?.prediction.temperature;
    close(f?.slope_per_minute, 0.5, 0.05);
    close(f?.minutes_to_threshold, 25, 2.5);
    assert.ok((f?.confidence ?? 0) > 0.8, `confidence ${f?.confidence}`);
  });

  test('current towards 100 A and leakage towards 8 mA, each in its unit', () => {
    const a = createStreamAnalytics();
    feed(a, series(0, 10 * MINUTE + SECOND, 10 * SECOND, (at) => ({ current: 50 + (2 * at) / MINUTE, leakage: 2 + (0.1 * at) / MINUTE })));
    const p = a.device('DEV-A')?.prediction;
    assert.equal(p?.current.unit, 'A');
    close(p?.current.minutes_to_threshold, 15, 0.05); // 70 A now, +2 A/min → 100 A in 15 min
    assert.equal(p?.leakage_current.unit, 'mA');
    close(p?.leakage_current.minutes_to_threshold, 50, 0.2); // 3 mA now, +0.1 mA/min → 8 mA in 50 min
  });

  test('steady, falling, above the line, or too little data', () => {
    const steady = createStreamAnalytics();
    feed(steady, series(0, 10 * MINUTE, 10 * SECOND, () => ({ temp: 45 })));
    assert.equal(steady.device('DEV-A')?.prediction.temperature.status, 'NOT_RISING');
    assert.equal(steady.device('DEV-A')?.prediction.temperature.minutes_to_threshold, null);

    const falling = createStreamAnalytics();
    feed(falling, series(0, 10 * MINUTE, 10 * SECOND, (at) => ({ temp: 55 - at / MINUTE })));
    assert.equal(falling.device('DEV-A')?.prediction.temperature.status, 'NOT_RISING');

    const above = createStreamAnalytics();
    feed(above, series(0, 10 * MINUTE, 10 * SECOND, (at) => ({ temp: 58 + (0.5 * at) / MINUTE })));
    assert.equal(above.device('DEV-A')?.prediction.temperature.status, 'ABOVE');
    assert.equal(above.device('DEV-A')?.prediction.temperature.minutes_to_threshold, 0);

    const young = createStreamAnalytics();
    feed(young, series(0, 4 * MINUTE, 10 * SECOND, (at) => ({ temp: 40 + at / MINUTE })));
    assert.equal(young.device('DEV-A')?.prediction.temperature.status, 'INSUFFICIENT_DATA');
  });
});

describe('THRESHOLD_FORECAST', () => {
  test('fires once when 60 °C comes within 30 minutes, and re-arms after the crossing', () => {
    const specs = series(0, 45 * MINUTE, 10 * SECOND, (at) => ({ temp: 40 + (0.5 * at) / MINUTE }));
    const events = feed(createStreamAnalytics(), specs);
    const forecasts = named(events, 'THRESHOLD_FORECAST') as ReadonlyArray<(typeof events)[number]>;
    assert.equal(forecasts.length, 1);
    const first = forecasts[0] as (typeof events)[number];
    // 45 °C at minute 10 is 30 minutes from 60 °C at 0.5 °C/min.
    assert.equal(first.index, (10 * MINUTE) / (10 * SECOND));
    assert.equal(first.severity, 'HIGH');
    assert.equal(first.values.measure, 'temperature');
    close(first.values.minutes_to_threshold as number, 30, 0.05);
    assert.ok((first.values.confidence as number) >= 0.5);
    // From 60 °C on the forecast is moot (ABOVE): the condition is false, the event re-armed.
    const a = createStreamAnalytics();
    feed(a, specs);
    assert.equal(a.device('DEV-A')?.anomalies.active.some((c) => c.event === 'THRESHOLD_FORECAST'), false);
  });

  test('a slow rise that needs more than 30 minutes does not fire', () => {
    const events = feed(createStreamAnalytics(), series(0, 20 * MINUTE, 10 * SECOND, (at) => ({ temp: 40 + (0.1 * at) / MINUTE })));
    assert.deepEqual(named(events, 'THRESHOLD_FORECAST'), []);
  });

  test('a noisy series without a trend does not fire, however close to 60 °C', () => {
    const events = feed(createStreamAnalytics(), series(0, 30 * MINUTE, 10 * SECOND, (_at, i) => ({ temp: 57 + ((i * 31) % 7) * 0.3 })));
    assert.deepEqual(named(events, 'THRESHOLD_FORECAST'), []);
  });

  test('current can raise it too when the site asks for it', () => {
    const a = createStreamAnalytics({ config: { prediction: { forecastMeasures: ['temperature', 'current'] } } });
    const events = feed(a, series(0, 15 * MINUTE, 10 * SECOND, (at) => ({ current: 40 + (3 * at) / MINUTE })));
    assert.deepEqual(named(events, 'THRESHOLD_FORECAST').map((e) => e.values.measure), ['current']);
  });
});

describe('theilSen', () => {
  test('the median slope ignores a wild point', () => {
    const xs = Float64Array.from([0, 1, 2, 3, 4, 5, 6]);
    const ys = Float64Array.from([1, 3, 5, 7, 100, 11, 13]);
    const fit = theilSen(xs, ys, 7, new Float64Array(21));
    close(fit?.slope, 2, 1e-12);
    close(fit?.intercept, 1, 1e-12);
    assert.equal(theilSen(Float64Array.from([1, 1]), Float64Array.from([2, 3]), 2, new Float64Array(1)), null);
  });
});
