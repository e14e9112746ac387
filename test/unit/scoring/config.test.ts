import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_SCORING_CONFIG,
  ScoringConfigError,
  createScoringEngine,
  mergeScoringConfig,
  resolveScoringConfig,
} from '../../../shared/scoring/index';
import type { ScoredReading, ScoringConfigOverride } from '../../../shared/scoring/index';
import { quietMessage } from './message-builder';

function scoreWith(config: ScoringConfigOverride | undefined, overrides: Readonly<Record<string, unknown>>): ScoredReading {
  const outcome = createScoringEngine({ config, history: false }).scoreMessage(quietMessage(overrides));
  assert.ok(outcome.ok);
  return outcome.result;
}

function errorsOf(override: unknown): ReadonlyArray<string> {
  const outcome = mergeScoringConfig(override);
  assert.equal(outcome.ok, false, 'expected the override to be refused');
  return outcome.ok ? [] : outcome.errors;
}

describe('defaults', () => {
  test('hold the source system’s values', () => {
    const c = DEFAULT_SCORING_CONFIG;
    assert.deepEqual(c.thresholds.temperatureC, { critical: 60, high: 50, medium: 40 });
    assert.equal(c.thresholds.overvoltageV, 234);
    assert.equal(c.thresholds.undervoltageV, 190);
    assert.equal(c.thresholds.overcurrentA, 100);
    assert.equal(c.thresholds.leakageMa, 8);
    assert.equal(c.thresholds.coPpm, 17);
    assert.equal(c.thresholds.vocUgM3, 400);
    assert.equal(c.thresholds.powerFactorMin, 0.9);
    assert.deepEqual(c.levels, { critical: 0.8, high: 0.6, medium: 0.4, low: 0.2 });
    assert.deepEqual(c.final, { rule: 0.4, status: 0.3, pattern: 0.3 });
    assert.equal(c.history.windowMs, 3_600_000);
    assert.equal(c.history.minReadings, 5);
    assert.equal(c.history.sampleSize, 20);
    assert.equal(c.history.maxModifier, 2);
    assert.equal(c.status.communicationErrorRisk, 0.8);
  });
  test('are frozen all the way down', () => {
    assert.ok(Object.isFrozen(DEFAULT_SCORING_CONFIG));
    assert.ok(Object.isFrozen(DEFAULT_SCORING_CONFIG.thresholds.temperatureC));
    assert.ok(Object.isFrozen(DEFAULT_SCORING_CONFIG.status.weights));
  });
  test('no override gives the defaults themselves', () => {
    assert.equal(resolveScoringConfig(undefined), DEFAULT_SCORING_CONFIG);
    assert.equal(createScoringEngine().config, DEFAULT_SCORING_CONFIG);
  });
});

describe('an override changes the results', () => {
  test('a higher critical temperature', () => {
    assert.equal(scoreWith(undefined, { pcbTemp: 65 }).risk_indicators.temperature_risk, 'CRITICAL');
    const tuned = scoreWith({ thresholds: { temperatureC: { critical: 70 } } }, { pcbTemp: 65 });
    assert.equal(tuned.risk_indicators.temperature_risk, 'HIGH');
    assert.equal(tuned.rule_based_risk, 0.3);
  });
  test('a lower CO threshold and weight', () => {
    const tuned = scoreWith({ thresholds: { coPpm: 4 }, rules: { co: 0.5 } }, {});
    assert.equal(tuned.rule_based_risk, 0.5);
  });
  test('level cut-offs', () => {
    // One arc: rule risk 0.02, final 0.008 — NORMAL by default.
    assert.equal(scoreWith(undefined, { aArc: 1 }).risk_level, 'NORMAL');
    const r = scoreWith({ levels: { low: 0.005 } }, { aArc: 1 });
    assert.equal(r.risk_level, 'LOW');
  });
  test('status weights', () => {
    assert.equal(scoreWith({ status: { weights: { overvoltage: 0.9 } } }, { status: 1 }).status_risk, 0.9);
  });
  test('the history window', () => {
    const engine = createScoringEngine({ config: { history: { minReadings: 2 } } });
    engine.scoreMessage(quietMessage({ aArc: 6 }));
    const outcome = engine.scoreMessage(quietMessage({ aArc: 6, timestamp: '2026-03-01T09:00:01.000Z' }));
    assert.ok(outcome.ok);
    assert.equal(outcome.result.risk_modifier, 1.3);
  });
  test('the rest keeps its defaults', () => {
    const config = resolveScoringConfig({ thresholds: { coPpm: 20 } });
    assert.equal(config.thresholds.coPpm, 20);
    assert.equal(config.thresholds.vocUgM3, 400);
    assert.deepEqual(config.rules, DEFAULT_SCORING_CONFIG.rules);
    assert.equal(DEFAULT_SCORING_CONFIG.thresholds.coPpm, 17, 'the defaults are untouched');
  });
});

describe('a bad override names the field', () => {
  test('unknown setting', () => {
    assert.deepEqual(errorsOf({ thresholds: { coPPM: 20 } }), ['scoring.thresholds.coPPM is not a known setting']);
  });
  test('not a number', () => {
    const [error] = errorsOf({ rules: { co: '0.2' } });
    assert.match(error ?? '', /^scoring\.rules\.co must be a finite number, got the string "0\.2"/);
    assert.match(errorsOf({ levels: { high: null } })[0] ?? '', /scoring\.levels\.high/);
    assert.match(errorsOf({ levels: { high: Number.NaN } })[0] ?? '', /scoring\.levels\.high/);
  });
  test('an object where a number belongs, and a number where an object belongs', () => {
    assert.match(errorsOf({ thresholds: { coPpm: { value: 1 } } })[0] ?? '', /scoring\.thresholds\.coPpm/);
    assert.match(errorsOf({ thresholds: 5 })[0] ?? '', /scoring\.thresholds must be an object/);
    assert.match(errorsOf([])[0] ?? '', /scoring must be an object/);
  });
  test('integers where counts are meant', () => {
    assert.match(errorsOf({ history: { sampleSize: 2.5 } })[0] ?? '', /scoring\.history\.sampleSize must be an integer/);
    assert.match(errorsOf({ history: { maxEntries: 0 } })[0] ?? '', /scoring\.history\.maxEntries/);
    assert.match(errorsOf({ history: { maxEntries: 10 } })[0] ?? '', /maxEntries \(10\) must be at least history\.sampleSize/);
  });
  test('bands out of order', () => {
    assert.match(errorsOf({ levels: { high: 0.9 } })[0] ?? '', /scoring\.levels\.critical \(0\.8\) must not be below scoring\.levels\.high \(0\.9\)/);
    assert.match(errorsOf({ thresholds: { temperatureC: { medium: 55 } } })[0] ?? '', /temperatureC\.high/);
  });
  test('every problem is listed, and the engine refuses to start with them', () => {
    assert.equal(errorsOf({ rules: { co: 'x', voc: 'y' }, bogus: 1 }).length, 3);
    assert.throws(
      () => createScoringEngine({ config: { rules: { co: 'x' as unknown as number } } }),
      (error: unknown) => error instanceof ScoringConfigError && error.errors.length === 1 && /scoring\.rules\.co/.test(error.message),
    );
  });
  test('a custom path prefix points into the settings file', () => {
    const outcome = mergeScoringConfig({ rules: { co: 'x' } }, DEFAULT_SCORING_CONFIG, 'sites.north.scoring');
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.match(outcome.errors[0] ?? '', /^sites\.north\.scoring\.rules\.co/);
  });
});
