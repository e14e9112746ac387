import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSimulation, parseScenarioSpec } from '../../../shared/simulator';
import { readingsOf, run, START_MS } from './helpers';

describe('parseScenarioSpec', () => {
  it('reads mix, fractions, all-device and per-device entries', () => {
    assert.deepEqual(parseScenarioSpec('mix'), { mixFraction: 0.1, forced: [] });
    assert.deepEqual(parseScenarioSpec('mix:0.25'), { mixFraction: 0.25, forced: [] });
    assert.deepEqual(parseScenarioSpec('overcurrent'), {
      mixFraction: 0,
      forced: [{ scenario: 'overcurrent', deviceIds: null, startS: 0 }],
    });
    assert.deepEqual(parseScenarioSpec('mix; loose-connection:DEV0003,DEV0004@90'), {
      mixFraction: 0.1,
      forced: [{ scenario: 'loose-connection', deviceIds: ['DEV0003', 'DEV0004'], startS: 90 }],
    });
    assert.deepEqual(parseScenarioSpec(''), { mixFraction: 0, forced: [] });
  });

  it('names what is wrong', () => {
    assert.throws(() => parseScenarioSpec('meltdown'), /unknown scenario "meltdown"/);
    assert.throws(() => parseScenarioSpec('mix:2'), /fraction/);
    assert.throws(() => parseScenarioSpec('overcurrent:'), /no device ids/);
    assert.throws(() => parseScenarioSpec('overcurrent:DEV0001@soon'), /start/);
  });
});

describe('scenario plan', () => {
  it('gives the mix to the configured fraction of devices, at staggered times', () => {
    const sim = createSimulation({ devices: 100, zones: 4, seed: 12, scenario: 'mix:0.2', mixStaggerS: 600, startMs: START_MS });
    const starts = new Map<string, number>();
    for (let t = 0; t <= 600_000; t += 5000) {
      for (const a of sim.activeScenarios(START_MS + t)) if (!starts.has(a.deviceId)) starts.set(a.deviceId, a.sinceMs);
    }
    assert.equal(starts.size, 20);
    const times = [...starts.values()];
    assert.ok(new Set(times).size === 20, 'every device starts at its own time');
    assert.ok(Math.max(...times) - Math.min(...times) > 300_000, 'spread over the stagger window');
    assert.ok(Math.min(...times) >= START_MS && Math.max(...times) <= START_MS + 600_000);
  });

  it('keeps forced devices out of the mix and holds forced scenarios for the whole run', () => {
    const sim = createSimulation({
      devices: 30,
      zones: 3,
      seed: 1,
      scenario: 'mix:1;overcurrent:DEV0003@60',
      startMs: START_MS,
    });
    const at = (t: number): ReadonlyArray<string> =>
      sim.activeScenarios(START_MS + t).filter((a) => a.deviceId === 'DEV0003').map((a) => a.scenario);
    assert.deepEqual(at(30_000), []);
    assert.deepEqual(at(61_000), ['overcurrent']);
    assert.deepEqual(at(10 * 3600_000), ['overcurrent']);
  });

  it('brings mix devices back to normal between episodes, then starts another', () => {
    const options = { devices: 10, zones: 1, periodS: 10, seed: 21, scenario: 'mix:0.1', mixStaggerS: 0 } as const;
    const messages = run(options, 8 * 3600, 10);
    const sim = createSimulation({ ...options, startMs: START_MS });
    const starts: { deviceId: string; sinceMs: number }[] = [];
    for (let t = 0; t <= 8 * 3600_000; t += 10_000) {
      for (const a of sim.activeScenarios(START_MS + t)) {
        if (!starts.some((s) => s.sinceMs === a.sinceMs)) starts.push({ deviceId: a.deviceId, sinceMs: a.sinceMs });
      }
    }
    assert.ok(starts.length >= 4, `episodes: ${starts.length}`);
    assert.equal(new Set(starts.map((s) => s.deviceId)).size, 1, 'always the same device');
    const deviceId = starts[0]?.deviceId ?? '';
    for (const next of starts.slice(1)) {
      // Just before the next episode the board has had its healthy gap: reporting, no alarm.
      const calm = readingsOf(messages, deviceId).filter((r) => r.timestampMs >= next.sinceMs - 60_000 && r.timestampMs < next.sinceMs);
      assert.ok(calm.length >= 5, `reports before ${new Date(next.sinceMs).toISOString()}`);
      for (const r of calm) assert.equal(r.status, 0, JSON.stringify(r));
    }
  });

  it('answers the same about the past after it has looked far ahead', () => {
    const sim = createSimulation({ devices: 50, zones: 2, seed: 3, scenario: 'mix:0.5', startMs: START_MS });
    const early = sim.activeScenarios(START_MS + 3600_000);
    assert.ok(early.length > 0);
    sim.activeScenarios(START_MS + 50 * 3600_000);
    assert.deepEqual(sim.activeScenarios(START_MS + 3600_000), early);
  });

  it('forces a scenario on named devices only', () => {
    const messages = run({ devices: 8, zones: 2, periodS: 5, seed: 2, scenario: 'voltage-swell:DEV0002,DEV0007' }, 120, 5);
    for (const id of ['DEV0002', 'DEV0007']) assert.ok(readingsOf(messages, id).some((r) => r.volt > 234), id);
    for (const id of ['DEV0001', 'DEV0003', 'DEV0008']) assert.ok(readingsOf(messages, id).every((r) => r.status === 0), id);
  });
});
