import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSimulation } from '../../../shared/simulator';
import type { SimulationMessage } from '../../../shared/simulator';
import { readingsOf, run, START_MS } from './helpers';

const OPTIONS = { devices: 40, zones: 4, periodS: 2, periodJitter: 0.2, scenario: 'mix:0.3', mixStaggerS: 60 } as const;

function payloads(messages: ReadonlyArray<SimulationMessage>): ReadonlyArray<string> {
  return messages.map((m) => `${m.topic} ${JSON.stringify(m.payload)}`);
}

describe('determinism', () => {
  it('gives identical messages for the same seed', () => {
    const a = run({ ...OPTIONS, seed: 42 }, 900);
    const b = run({ ...OPTIONS, seed: 42 }, 900);
    assert.ok(a.length > 10_000);
    assert.deepEqual(payloads(a), payloads(b));
  });

  it('gives different messages for a different seed', () => {
    const a = payloads(run({ ...OPTIONS, seed: 42 }, 120));
    const b = payloads(run({ ...OPTIONS, seed: 43 }, 120));
    assert.notDeepEqual(a, b);
    const same = a.filter((line, i) => line === b[i]).length;
    assert.ok(same < a.length / 100, `${same} of ${a.length} lines identical`);
  });

  it('does not depend on how often it is ticked', () => {
    const fine = run({ ...OPTIONS, seed: 7 }, 600, 0.1);
    const coarse = run({ ...OPTIONS, seed: 7 }, 600, 7);
    const once = createSimulation({ ...OPTIONS, seed: 7, startMs: START_MS }).tick(START_MS + 600_000);
    // The coarse run stops at the last multiple of 7 s; compare what both cover.
    const end = START_MS + 595_000;
    const cut = (m: ReadonlyArray<SimulationMessage>): ReadonlyArray<string> =>
      payloads(m.filter((x) => x.reading.timestampMs <= end));
    assert.deepEqual(cut(coarse), cut(fine));
    assert.deepEqual(cut(once), cut(fine));
  });

  it('keeps a device’s values when a scenario is forced on another one', () => {
    const base = run({ devices: 6, zones: 1, periodS: 5, seed: 3, scenario: 'normal' }, 600, 5);
    const forced = run({ devices: 6, zones: 1, periodS: 5, seed: 3, scenario: 'overcurrent:DEV0002' }, 600, 5);
    assert.deepEqual(readingsOf(forced, 'DEV0005'), readingsOf(base, 'DEV0005'));
    assert.notDeepEqual(readingsOf(forced, 'DEV0002'), readingsOf(base, 'DEV0002'));
  });

  it('starts at the first tick when no start time is given', () => {
    const a = createSimulation({ ...OPTIONS, seed: 5 });
    const b = createSimulation({ ...OPTIONS, seed: 5, startMs: START_MS });
    const got: SimulationMessage[] = [];
    const want: SimulationMessage[] = [];
    for (let t = 0; t <= 60_000; t += 500) {
      got.push(...a.tick(START_MS + t));
      want.push(...b.tick(START_MS + t));
    }
    assert.deepEqual(payloads(got), payloads(want));
  });
});
