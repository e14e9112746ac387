import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLiveScoringEngine } from '../../../electron/host/service/live-scoring';
import type { ScoringEngine } from '../../../shared/scoring';
import { ScoringConfigError } from '../../../shared/scoring';

const message = (co: number, at: string): Record<string, unknown> => ({
  deviceId: 'DEV01016', idx: 1, status: 0, volt: 221.1, voltLow: 219.41, ct: 62.021, zct: 1.313, rzct: 0.4, pwr: 13.192,
  pcbTemp: 36.11, sensorTemp: 37.52, co, voc: 140.2, pFct: 0.97, aArc: 0, timestamp: at,
});

test('a threshold change scores the next reading with the new value, the device history carried over in memory', () => {
  const seeded: ScoringEngine[] = [];
  const engine = createLiveScoringEngine(undefined, (next) => seeded.push(next));
  const before = engine.scoreMessage(message(20, '2026-03-01T13:53:31.615Z'));
  assert.ok(before.ok);
  assert.ok(before.result.risk_indicators.gas_risk_score > 0, '20 ppm is above the default 17');
  assert.equal(engine.historySize('DEV01016'), 1);
  engine.reconfigure({ thresholds: { coPpm: 25 } });
  assert.equal(seeded.length, 0, 'nothing read back from the store: ingest does not pause');
  assert.equal(engine.config.thresholds.coPpm, 25);
  assert.equal(engine.historySize('DEV01016'), 1, 'the history went over to the new engine');
  const after = engine.scoreMessage(message(20, '2026-03-01T13:53:32.615Z'));
  assert.ok(after.ok);
  assert.equal(after.result.risk_indicators.gas_risk_score, 0, '20 ppm is below the new 25');
  assert.equal(engine.historySize('DEV01016'), 2);
  // An unusable override is refused naming its field, and the running engine stays.
  assert.throws(() => engine.reconfigure({ thresholds: { coPpm: 'high' } }), (error: unknown) => error instanceof ScoringConfigError && /scoring\.thresholds\.coPpm/.test(error.message));
  assert.equal(engine.config.thresholds.coPpm, 25);
});

test('a change of the history settings themselves has the histories read back from the store', () => {
  const seeded: ScoringEngine[] = [];
  const engine = createLiveScoringEngine(undefined, (next) => {
    seeded.push(next);
    next.restoreHistory('DEV01016', [{ timestamp_ms: Date.parse('2026-03-01T13:53:00.000Z'), pcb_temperature: 36, arc_count: 0, total_risk_score: 0.1 }]);
  });
  assert.ok(engine.scoreMessage(message(20, '2026-03-01T13:53:31.615Z')).ok);
  engine.reconfigure({ history: { minReadings: 3 } });
  assert.equal(seeded.length, 1, 'the new engine was seeded before it took over');
  assert.equal(engine.historySize('DEV01016'), 1, 'what the store gave back, not the old engine\'s ring');
});
