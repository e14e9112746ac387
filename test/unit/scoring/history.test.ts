import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createScoringEngine } from '../../../shared/scoring/index';
import type { ScoredReading, ScoringEngine } from '../../../shared/scoring/index';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config';
import { HistoryStore } from '../../../shared/scoring/history';
import { linearTrend, numpyMean, pairwiseSum } from '../../../shared/scoring/numeric';
import { isoAfter, quietMessage } from './message-builder';

// The risk modifier from the device's own last hour, with the golden README's corrections:
// event time, trend in time order, and redelivery replacing rather than counting twice.

function scoreAt(engine: ScoringEngine, seconds: number, overrides: Readonly<Record<string, unknown>> = {}): ScoredReading {
  const outcome = engine.scoreMessage(quietMessage({ timestamp: isoAfter(seconds), ...overrides }));
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  return outcome.result;
}

describe('risk modifier', () => {
  test('fewer than five readings in the hour leave it at 1.0', () => {
    const engine = createScoringEngine();
    for (let i = 0; i < 4; i++) assert.equal(scoreAt(engine, i * 10, { pcbTemp: 30 + i * 2, aArc: 5 }).risk_modifier, 1.0);
    assert.equal(scoreAt(engine, 40, { pcbTemp: 38, aArc: 5 }).risk_modifier, 1.5, 'fifth: rising trend and 25 arcs');
  });

  test('a rising temperature adds 0.2; a falling one does not (trend in time order)', () => {
    const rising = createScoringEngine();
    const falling = createScoringEngine();
    let last = { rising: 0, falling: 0 };
    for (let i = 0; i < 8; i++) {
      last = {
        rising: scoreAt(rising, i * 10, { pcbTemp: 30 + i }).risk_modifier,
        falling: scoreAt(falling, i * 10, { pcbTemp: 40 - i }).risk_modifier,
      };
    }
    assert.equal(last.rising, 1.2);
    assert.equal(last.falling, 1.0);
  });

  test('a trend just under 0.1 °C per reading does not count; just over does', () => {
    const flat = createScoringEngine();
    const steeper = createScoringEngine();
    let a = 0;
    let b = 0;
    for (let i = 0; i < 6; i++) {
      a = scoreAt(flat, i, { pcbTemp: 30 + i * 0.0999 }).risk_modifier;
      b = scoreAt(steeper, i, { pcbTemp: 30 + i * 0.1001 }).risk_modifier;
    }
    assert.equal(a, 1.0);
    assert.equal(b, 1.2);
  });

  test('more than ten arcs among the newest twenty add 0.3', () => {
    const engine = createScoringEngine();
    for (let i = 0; i < 4; i++) scoreAt(engine, i, { aArc: 2 });
    assert.equal(scoreAt(engine, 4, { aArc: 2 }).risk_modifier, 1.0, '10 arcs');
    assert.equal(scoreAt(engine, 5, { aArc: 1 }).risk_modifier, 1.3, '11 arcs');
  });

  test('only the newest twenty count', () => {
    const engine = createScoringEngine();
    scoreAt(engine, 0, { aArc: 50 });
    for (let i = 1; i < 20; i++) assert.equal(scoreAt(engine, i).risk_modifier, i >= 4 ? 1.3 : 1.0, `reading ${i}`);
    assert.equal(scoreAt(engine, 20).risk_modifier, 1.0, 'the arcs left the newest twenty');
  });

  test('a mean indicator risk above 0.6 adds 0.1', () => {
    const engine = createScoringEngine();
    // 61 °C (0.4) + overcurrent alarm (0.2) + CO (0.2) → total risk 0.8 each.
    const hot = { pcbTemp: 61, sensorTemp: 61, status: 4, co: 20 };
    let modifier = 0;
    for (let i = 0; i < 5; i++) modifier = scoreAt(engine, i, hot).risk_modifier;
    assert.equal(modifier, 1.1);
  });

  test('all three together give 1.6, and the risk is the base times it, capped at 1', () => {
    const engine = createScoringEngine();
    let r: ScoredReading | undefined;
    for (let i = 0; i < 6; i++) r = scoreAt(engine, i, { pcbTemp: 61 + i, sensorTemp: 61, status: 4, co: 20, aArc: 3, ct: 5 });
    assert.ok(r !== undefined);
    assert.equal(r.risk_modifier, 1.6);
    const base = r.rule_based_risk * 0.4 + r.status_risk * 0.3 + r.pattern_risk * 0.3;
    assert.equal(r.risk_score, Math.min(1, base * 1.6));
  });
});

describe('event time', () => {
  test('the window is [t − 3600 s, t] of the reading’s own time, inclusive', () => {
    const engine = createScoringEngine();
    for (let i = 0; i < 4; i++) scoreAt(engine, i * 10, { aArc: 3 });
    // t = 3630: the window starts at 30, so only the reading at 30 is still in it.
    assert.equal(scoreAt(engine, 3630, { aArc: 3 }).risk_modifier, 1.0);
    const inclusive = createScoringEngine();
    for (let i = 0; i < 4; i++) scoreAt(inclusive, i * 10, { aArc: 3 });
    // t = 3600: the reading at 0 lies exactly at t − 3600 s and still counts.
    assert.equal(scoreAt(inclusive, 3600, { aArc: 3 }).risk_modifier, 1.3);
  });

  test('a backlog from long ago scores as it did live (no wall clock involved)', () => {
    const engine = createScoringEngine();
    let r: ScoredReading | undefined;
    for (let i = 0; i < 6; i++) {
      const outcome = engine.scoreMessage(quietMessage({ timestamp: Date.UTC(2020, 0, 1) + i * 1000, aArc: 3 }));
      assert.ok(outcome.ok);
      r = outcome.result;
    }
    assert.equal(r?.risk_modifier, 1.3);
  });

  test('a late reading sees only the readings up to its own time', () => {
    const engine = createScoringEngine();
    for (const t of [0, 10, 20, 30, 40]) scoreAt(engine, t, { aArc: 3 });
    assert.equal(engine.historySize('TEST001'), 5);
    assert.equal(scoreAt(engine, 25, { aArc: 3 }).risk_modifier, 1.0, 'four readings up to t = 25');
    assert.equal(engine.historySize('TEST001'), 6);
    assert.equal(scoreAt(engine, 50, { aArc: 0 }).risk_modifier, 1.3, 'the late one now counts in order');
  });
});

describe('redelivery', () => {
  test('the same device and timestamp replaces, and is never counted twice', () => {
    const engine = createScoringEngine();
    for (let i = 0; i < 4; i++) scoreAt(engine, i, { aArc: 3 });
    const again = scoreAt(engine, 3, { aArc: 3 });
    assert.equal(again.risk_modifier, 1.0, 'still four readings');
    assert.equal(engine.historySize('TEST001'), 4);
    assert.equal(scoreAt(engine, 4, { aArc: 0 }).risk_modifier, 1.3, 'five readings, twelve arcs');
  });

  test('the redelivered values replace the earlier ones', () => {
    const engine = createScoringEngine();
    for (let i = 0; i < 5; i++) scoreAt(engine, i, { aArc: 3 });
    assert.equal(scoreAt(engine, 4, { aArc: 0 }).risk_modifier, 1.3, 'twelve arcs remain');
    assert.equal(scoreAt(engine, 3, { aArc: 0 }).risk_modifier, 1.0, 'nine arcs, up to t = 3');
    assert.equal(engine.historySize('TEST001'), 5);
  });

  test('ISO and epoch spellings of the same instant are the same reading', () => {
    const engine = createScoringEngine();
    scoreAt(engine, 0);
    engine.scoreMessage(quietMessage({ timestamp: Date.parse(isoAfter(0)) }));
    assert.equal(engine.historySize('TEST001'), 1);
  });

  test('refused messages never enter the history', () => {
    const engine = createScoringEngine();
    engine.scoreMessage(quietMessage({ volt: 'x' }));
    engine.scoreLine('{"deviceId": "TEST001"');
    assert.equal(engine.historySize('TEST001'), 0);
  });
});

describe('bounded history', () => {
  test('hours of readings every 10 s never hold more than one hour of them', () => {
    const engine = createScoringEngine();
    const perHour = 3600 / 10 + 1;
    let largest = 0;
    for (let i = 0; i < 12 * 360; i++) {
      scoreAt(engine, i * 10, { pcbTemp: 35 + Math.sin(i / 50) });
      largest = Math.max(largest, engine.historySize('TEST001'));
      assert.ok(engine.historySize('TEST001') <= perHour);
    }
    assert.equal(largest, perHour);
  });

  test('a device flooding unique timestamps is held to history.maxEntries', () => {
    const engine = createScoringEngine({ config: { history: { maxEntries: 50 } } });
    for (let i = 0; i < 500; i++) {
      engine.scoreMessage(quietMessage({ timestamp: Date.parse(isoAfter(0)) + i }));
      assert.ok(engine.historySize('TEST001') <= 50);
    }
    assert.equal(engine.historySize('TEST001'), 50);
    // Late readings and redeliveries into a full ring keep the cap too.
    for (let i = 0; i < 20; i++) engine.scoreMessage(quietMessage({ timestamp: Date.parse(isoAfter(0)) + 470 + i * 2 }));
    assert.ok(engine.historySize('TEST001') <= 50);
  });

  test('devices are independent, and a forgotten device starts afresh', () => {
    const engine = createScoringEngine();
    for (let i = 0; i < 5; i++) {
      scoreAt(engine, i, { deviceId: 'A', aArc: 3 });
      scoreAt(engine, i, { deviceId: 'B' });
    }
    assert.equal(engine.historySize('A'), 5);
    assert.equal(engine.historySize('B'), 5);
    assert.equal(scoreAt(engine, 5, { deviceId: 'B' }).risk_modifier, 1.0);
    engine.forgetDevice('A');
    assert.equal(engine.historySize('A'), 0);
    assert.equal(scoreAt(engine, 6, { deviceId: 'A', aArc: 3 }).risk_modifier, 1.0);
    engine.reset();
    assert.equal(engine.historySize('B'), 0);
  });

  test('a numeric device id and its text are the same device', () => {
    const engine = createScoringEngine();
    scoreAt(engine, 0, { deviceId: 1000 });
    scoreAt(engine, 1, { deviceId: '1000' });
    assert.equal(engine.historySize('1000'), 2);
  });

  test('history off: every reading is scored with modifier 1.0', () => {
    const engine = createScoringEngine({ history: false });
    for (let i = 0; i < 10; i++) assert.equal(scoreAt(engine, i, { aArc: 5 }).risk_modifier, 1.0);
    assert.equal(engine.historySize('TEST001'), 0);
  });
});

describe('numerics match numpy', () => {
  const risks = [
    0.6, 0.1, 0.7, 0.04000000000000001, 0.19, 0.34, 0.19, 0.6, 0.44000000000000006, 0.04000000000000001, 0.34, 0.3,
    0.04000000000000001, 0.19, 0.7, 0.7, 0.19, 0.3, 0.19, 0.34,
  ];
  test('np.mean sums pairwise (a left-to-right sum differs here)', () => {
    assert.equal(numpyMean(risks, 0, risks.length), 0.3265);
    assert.equal(pairwiseSum(risks, 0, risks.length), 6.53);
    let plain = 0;
    for (const r of risks) plain += r;
    assert.notEqual(plain / risks.length, 0.3265);
  });
  test('short arrays are summed left to right', () => {
    assert.equal(pairwiseSum([0.1, 0.2, 0.3], 0, 3), 0.1 + 0.2 + 0.3);
  });
  test('np.polyfit(x, y, 1)[0], to within rounding', () => {
    const temps = [36.11, 36.2, 36.15, 36.4, 36.38, 36.5, 36.61, 36.7, 36.66, 36.9];
    assert.ok(Math.abs(linearTrend(temps, 0, temps.length) - 0.0838181818181821) < 1e-13);
    assert.equal(linearTrend([1, 2], 0, 2), 0, 'fewer than three values');
    assert.ok(Math.abs(linearTrend([5, 4, 3, 2], 0, 4) + 1) < 1e-15);
  });
});

describe('the one-pass sums decide as the careful computation does', () => {
  function reference(temps: ReadonlyArray<number>, risks: ReadonlyArray<number>, arcs: ReadonlyArray<number>): number {
    if (temps.length < 5) return 1.0;
    const n = Math.min(20, temps.length);
    const t = temps.slice(-n);
    const r = risks.slice(-n).reverse();
    const a = arcs.slice(-n).reduce((x, y) => x + y, 0);
    let m = 1.0;
    if (linearTrend(t, 0, n) > 0.1) m += 0.2;
    if (a > 10) m += 0.3;
    if (numpyMean(r, 0, n) > 0.6) m += 0.1;
    return Math.min(2, m);
  }

  test('on sequences built to sit on the thresholds, and on random ones', () => {
    let seed = 99;
    const rand = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 400; trial++) {
      const store = new HistoryStore(DEFAULT_SCORING_CONFIG.history);
      const temps: number[] = [];
      const risks: number[] = [];
      const arcs: number[] = [];
      const onThreshold = trial % 2 === 0;
      const base = onThreshold ? 30 + Math.floor(rand() * 40) : 20 + rand() * 50;
      for (let i = 0; i < 30; i++) {
        const temp = onThreshold ? base + 0.1 * i : base + rand() * 3 + i * rand() * 0.2;
        const risk = onThreshold ? [0.6, 0.6000000000000001, 0.5999999999999999][i % 3] as number : rand();
        const arc = Math.floor(rand() * 2);
        temps.push(temp);
        risks.push(risk);
        arcs.push(arc);
        const got = store.recordAndModify('D', 1_000_000 + i * 1000, temp, risk, arc);
        assert.equal(got, reference(temps, risks, arcs), `trial ${trial}, reading ${i}`);
      }
    }
  });
});
