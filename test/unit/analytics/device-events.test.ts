import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStreamAnalytics, DEVICE_EVENT_TYPES } from '../../../shared/analytics';
import type { AnalyticsEvent } from '../../../shared/analytics';
import type { ReadingSpec } from './helpers';
import { feed, MINUTE, named, reading, SECOND, series } from './helpers';

// Every per-device event of DESIGN.md's table at its edge: just below the line nothing fires,
// just above it fires once, at onset, and again only after the condition was false for a reading.

function run(specs: ReadonlyArray<ReadingSpec>): ReadonlyArray<AnalyticsEvent & { readonly index: number }> {
  return feed(createStreamAnalytics(), specs);
}

function eventNames(specs: ReadonlyArray<ReadingSpec>): ReadonlyArray<string> {
  return run(specs).map((e) => e.event);
}

/** Ten minutes of readings every 10 s alternating between two temperatures. */
function baseline(low: number, high: number): ReadingSpec[] {
  return series(0, 10 * MINUTE, 10 * SECOND, (_at, i) => ({ temp: i % 2 === 0 ? low : high }));
}

function meanAndSampleStd(values: ReadonlyArray<number>): { mean: number; std: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

describe('event shape', () => {
  test('each event is {event, device_id, at, severity, values}; at is the reading’s own time', () => {
    const events = run([{ at: 0, voltage: 260 }]);
    assert.equal(events.length, 1);
    const { index: _index, ...event } = events[0] as AnalyticsEvent & { index: number };
    assert.deepEqual(Object.keys(event), ['event', 'device_id', 'at', 'severity', 'values']);
    assert.equal(event.at, reading({ at: 0 }).timestamp);
    assert.ok(DEVICE_EVENT_TYPES.includes(event.event as (typeof DEVICE_EVENT_TYPES)[number]));
  });

  test('a quiet stream raises nothing', () => {
    assert.deepEqual(eventNames(series(0, 30 * MINUTE, 5 * SECOND, () => ({}))), []);
  });
});

describe('TEMPERATURE_SPIKE and TEMPERATURE_CRITICAL', () => {
  const base = baseline(50, 52);
  const { mean, std } = meanAndSampleStd(base.map((s) => s.temp as number));
  const line = mean + 2 * std;

  test('above the hour’s mean + 2σ (sample σ): just below the line nothing, just above a spike', () => {
    assert.deepEqual(eventNames([...base, { at: 10 * MINUTE, temp: line - 0.01 }]), []);
    const events = run([...base, { at: 10 * MINUTE, temp: line + 0.01 }]);
    assert.deepEqual(events.map((e) => e.event), ['TEMPERATURE_SPIKE']);
    const values = events[0]?.values ?? {};
    assert.equal(events[0]?.severity, 'HIGH');
    assert.ok(Math.abs((values.baseline_mean as number) - mean) < 1e-9);
    assert.ok(Math.abs((values.baseline_stddev as number) - std) < 1e-9);
    assert.equal(values.baseline_readings, base.length);
  });

  test('and above 50 °C: a jump from a cool baseline to exactly 50 is not a spike, to 50.1 it is', () => {
    const cool = baseline(30, 31);
    assert.deepEqual(eventNames([...cool, { at: 10 * MINUTE, temp: 50 }]), []);
    assert.deepEqual(eventNames([...cool, { at: 10 * MINUTE, temp: 50.1 }]), ['TEMPERATURE_SPIKE']);
  });

  test('a spike above 65 °C is also TEMPERATURE_CRITICAL; exactly 65 is not', () => {
    const warm = baseline(40, 41);
    const thermal = (e: AnalyticsEvent): boolean => e.event.startsWith('TEMPERATURE_');
    assert.deepEqual(run([...warm, { at: 10 * MINUTE, temp: 65 }]).filter(thermal).map((e) => e.event), ['TEMPERATURE_SPIKE']);
    const events = run([...warm, { at: 10 * MINUTE, temp: 65.1 }]).filter(thermal);
    assert.deepEqual(events.map((e) => e.event), ['TEMPERATURE_SPIKE', 'TEMPERATURE_CRITICAL']);
    assert.equal(events[1]?.severity, 'CRITICAL');
  });

  test('without a baseline (fewer than two readings in the hour) there is no spike', () => {
    assert.deepEqual(eventNames([{ at: 0, temp: 35 }, { at: MINUTE, temp: 59 }]), []);
  });

  test('a spike that holds fires once; it fires again only after a reading without it', () => {
    const warm = baseline(40, 41);
    const events = run([
      ...warm,
      { at: 10 * MINUTE, temp: 58 },
      { at: 10 * MINUTE + 10 * SECOND, temp: 58.5 },
      { at: 10 * MINUTE + 20 * SECOND, temp: 41 },
      { at: 10 * MINUTE + 30 * SECOND, temp: 59 },
    ]);
    assert.deepEqual(
      named(events, 'TEMPERATURE_SPIKE').map((e) => e.index),
      [warm.length, warm.length + 3],
    );
  });
});

describe('RISK_SPIKE, RISK_EMERGENCY and RAPID_RISK_CHANGE', () => {
  test('a rise of 0.30 is not a spike, 0.31 is', () => {
    assert.deepEqual(eventNames([{ at: 0, risk: 0.2 }, { at: 10 * SECOND, risk: 0.5 }]), []);
    const events = run([{ at: 0, risk: 0.2 }, { at: 10 * SECOND, risk: 0.51 }]);
    assert.deepEqual(events.map((e) => e.event), ['RISK_SPIKE', 'RAPID_RISK_CHANGE']);
    assert.equal(events[0]?.severity, 'HIGH');
    assert.ok(Math.abs((events[0]?.values.risk_change as number) - 0.31) < 1e-12);
    assert.equal(events[0]?.values.prev_risk_score, 0.2);
  });

  test('rounding does not make 0.30 a spike (0.4 − 0.1 is 0.30000000000000004)', () => {
    assert.equal(0.4 - 0.1 > 0.3, true);
    assert.deepEqual(eventNames([{ at: 0, risk: 0.1 }, { at: 10 * SECOND, risk: 0.4 }]), []);
  });

  test('a rise above 0.5 is RISK_EMERGENCY as well; exactly 0.5 is not', () => {
    assert.deepEqual(eventNames([{ at: 0, risk: 0.1 }, { at: 10 * SECOND, risk: 0.6 }]), ['RISK_SPIKE', 'RAPID_RISK_CHANGE']);
    const events = run([{ at: 0, risk: 0.1 }, { at: 10 * SECOND, risk: 0.61 }]);
    assert.deepEqual(events.map((e) => e.event), ['RISK_SPIKE', 'RISK_EMERGENCY', 'RAPID_RISK_CHANGE']);
    assert.equal(events[1]?.severity, 'CRITICAL');
  });

  test('the previous reading counts for a spike only within 10 minutes (LAG 1 over 10 minutes)', () => {
    assert.deepEqual(eventNames([{ at: 0, risk: 0.1 }, { at: 10 * MINUTE, risk: 0.5 }]), ['RISK_SPIKE', 'RAPID_RISK_CHANGE']);
    assert.deepEqual(eventNames([{ at: 0, risk: 0.1 }, { at: 10 * MINUTE + SECOND, risk: 0.5 }]), []);
  });

  test('RAPID_RISK_CHANGE also sees falls: 0.30 down is not rapid, 0.31 down is', () => {
    assert.deepEqual(eventNames([{ at: 0, risk: 0.8 }, { at: 10 * SECOND, risk: 0.5 }]), []);
    const events = run([{ at: 0, risk: 0.8 }, { at: 10 * SECOND, risk: 0.49 }]);
    assert.deepEqual(events.map((e) => e.event), ['RAPID_RISK_CHANGE']);
    assert.equal(events[0]?.severity, 'MEDIUM');
  });

  test('consecutive rises fire once; a reading without a rise re-arms', () => {
    const events = run([
      { at: 0, risk: 0.0 },
      { at: 10 * SECOND, risk: 0.35 },
      { at: 20 * SECOND, risk: 0.7 },
      { at: 30 * SECOND, risk: 0.7 },
      { at: 40 * SECOND, risk: 0.05 },
      { at: 50 * SECOND, risk: 0.4 },
    ]);
    assert.deepEqual(named(events, 'RISK_SPIKE').map((e) => e.index), [1, 5]);
  });
});

describe('SUSTAINED_HIGH_RISK', () => {
  test('fires at the third consecutive reading above 0.7, not at the second, not on the fourth', () => {
    const events = run([0.71, 0.72, 0.73, 0.74].map((risk, i) => ({ at: i * 10 * SECOND, risk })));
    assert.deepEqual(named(events, 'SUSTAINED_HIGH_RISK').map((e) => e.index), [2]);
    assert.equal(named(events, 'SUSTAINED_HIGH_RISK')[0]?.values.streak_length, 3);
  });

  test('exactly 0.7 is not above 0.7 and breaks the streak; the next streak fires again', () => {
    const risks = [0.71, 0.71, 0.7, 0.71, 0.71, 0.71];
    const events = run(risks.map((risk, i) => ({ at: i * 10 * SECOND, risk })));
    assert.deepEqual(named(events, 'SUSTAINED_HIGH_RISK').map((e) => e.index), [5]);
  });
});

describe('ARC_PATTERN', () => {
  const arcs = (counts: ReadonlyArray<number>, periodMs = MINUTE): ReadingSpec[] => counts.map((n, i) => ({ at: i * periodMs, arcs: n }));

  test('10 arcs in 10 minutes is MODERATE, 11 is HIGH_FREQUENCY (with a maintenance check)', () => {
    const ten = run(arcs([2, 2, 2, 2, 2]));
    assert.deepEqual(ten.map((e) => e.values.arc_pattern), ['LOW', 'MODERATE']);
    const eleven = run(arcs([2, 2, 2, 2, 3]));
    assert.deepEqual(eleven.map((e) => e.values.arc_pattern), ['LOW', 'MODERATE', 'HIGH_FREQUENCY']);
    const last = eleven[2];
    assert.equal(last?.severity, 'HIGH');
    assert.deepEqual(last?.values, {
      arc_pattern: 'HIGH_FREQUENCY',
      total_arcs_10min: 11,
      arc_events: 5,
      max_single_arc: 3,
      avg_arc_per_event: 2.2,
      maintenance_check: true,
    });
  });

  test('5 arcs is LOW, 6 is MODERATE', () => {
    assert.deepEqual(run(arcs([5])).map((e) => e.values.arc_pattern), ['LOW']);
    assert.deepEqual(run(arcs([6])).map((e) => [e.values.arc_pattern, e.severity]), [['MODERATE', 'MEDIUM']]);
  });

  test('the window is the last 10 minutes: arcs exactly 10 minutes old have left it', () => {
    // 6 arcs at 0:00, 5 at 9:59 → 11 within the window; 5 more at 10:00 → the first 6 have left.
    const events = run([{ at: 0, arcs: 6 }, { at: 10 * MINUTE - SECOND, arcs: 5 }, { at: 10 * MINUTE, arcs: 0 }]);
    assert.deepEqual(events.map((e) => e.values.arc_pattern), ['MODERATE', 'HIGH_FREQUENCY']);
    const later = createStreamAnalytics();
    feed(later, [{ at: 0, arcs: 6 }, { at: 10 * MINUTE, arcs: 5 }]);
    assert.equal(later.device('DEV-A')?.arc_pattern.total_arcs_10min, 5);
    assert.equal(later.device('DEV-A')?.arc_pattern.arc_pattern, 'LOW');
  });

  test('fires when the pattern rises, not while it holds; after it falls it fires again', () => {
    const specs: ReadingSpec[] = [
      { at: 0, arcs: 3 },
      { at: MINUTE, arcs: 1 },
      { at: 2 * MINUTE, arcs: 0 },
      { at: 13 * MINUTE, arcs: 0 }, // the window has emptied: NONE
      { at: 14 * MINUTE, arcs: 2 },
    ];
    assert.deepEqual(run(specs).map((e) => [e.index, e.values.arc_pattern]), [[0, 'LOW'], [4, 'LOW']]);
  });
});

describe('RANGE_VIOLATION (the seed’s normal ranges)', () => {
  const cases: ReadonlyArray<readonly [string, Omit<ReadingSpec, 'at'>, Omit<ReadingSpec, 'at'>, string]> = [
    ['temperature above 60', { temp: 60 }, { temp: 60.1 }, 'HIGH'],
    ['temperature below 20', { temp: 20 }, { temp: 19.9 }, 'HIGH'],
    ['voltage above 250', { voltage: 250 }, { voltage: 250.1 }, 'MEDIUM'],
    ['voltage below 200', { voltage: 200 }, { voltage: 199.9 }, 'MEDIUM'],
    ['current above 120', { current: 120 }, { current: 120.1 }, 'MEDIUM'],
    ['co_gas above 20', { co: 20 }, { co: 20.1 }, 'MEDIUM'],
    ['voc above 500', { voc: 500 }, { voc: 500.1 }, 'MEDIUM'],
    ['power factor below 0.8', { pf: 0.8 }, { pf: 0.79 }, 'MEDIUM'],
  ];
  for (const [name, edge, beyond, severity] of cases) {
    test(`${name}: the edge is normal, beyond it a violation (${severity})`, () => {
      assert.deepEqual(eventNames([{ at: 0, ...edge }]), []);
      const events = run([{ at: 0, ...beyond }]);
      assert.deepEqual(events.map((e) => [e.event, e.severity]), [['RANGE_VIOLATION', severity]]);
      assert.equal(typeof events[0]?.values.sensor, 'string');
    });
  }

  test('each sensor is its own point: a second sensor going out fires while the first still is', () => {
    const events = run([
      { at: 0, voltage: 260 },
      { at: 10 * SECOND, voltage: 260, co: 25 },
      { at: 20 * SECOND, voltage: 260, co: 25 },
      { at: 30 * SECOND, voltage: 230, co: 25 },
      { at: 40 * SECOND, voltage: 260, co: 25 },
    ]);
    assert.deepEqual(events.map((e) => [e.index, e.values.sensor]), [[0, 'voltage'], [1, 'co_gas'], [4, 'voltage']]);
  });
});

describe('POWER_MISMATCH (kW)', () => {
  test('|V·I·PF/1000 − pwr| of exactly 20 % is consistent, beyond it a mismatch', () => {
    // 220 V · 10 A · 1.0 = 2.2 kW; 20 % is 0.44 kW.
    assert.deepEqual(eventNames([{ at: 0, voltage: 220, current: 10, pf: 1, power: 2.64 }]), []);
    assert.deepEqual(eventNames([{ at: 0, voltage: 220, current: 10, pf: 1, power: 1.76 }]), []);
    const events = run([{ at: 0, voltage: 220, current: 10, pf: 1, power: 2.65 }]);
    assert.deepEqual(events.map((e) => [e.event, e.severity]), [['POWER_MISMATCH', 'MEDIUM']]);
    assert.ok(Math.abs((events[0]?.values.calculated_kw as number) - 2.2) < 1e-12);
  });

  test('a watt (W) reading where kW is meant is a mismatch', () => {
    assert.deepEqual(eventNames([{ at: 0, voltage: 220, current: 10, pf: 1, power: 2200 }]), ['POWER_MISMATCH']);
  });

  test('at a near-zero load the 3-decimal rounding of pwr is not a mismatch', () => {
    // 220 V · 0.006 A · 1.0 = 0.00132 kW, reported as 0.001.
    assert.deepEqual(eventNames([{ at: 0, voltage: 220, current: 0.006, pf: 1, power: 0.001 }]), []);
  });
});
