import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSimulation } from '../../../shared/simulator';
import type { SimulationMessage } from '../../../shared/simulator';
import { START_MS } from './helpers';

describe('reporting schedule', () => {
  it('reports each device exactly on its own period (with per-device jitter)', () => {
    const sim = createSimulation({ devices: 50, zones: 5, periodS: 2, periodJitter: 0.1, seed: 2, startMs: START_MS });
    const byDevice = new Map<string, number[]>();
    let previousTick = START_MS - 1;
    for (let t = START_MS; t <= START_MS + 600_000; t += 250) {
      for (const m of sim.tick(t)) {
        assert.ok(m.reading.timestampMs <= t && m.reading.timestampMs > previousTick, 'due in this tick, not before');
        const list = byDevice.get(m.reading.deviceId) ?? [];
        list.push(m.reading.timestampMs);
        byDevice.set(m.reading.deviceId, list);
      }
      previousTick = t;
    }
    const periods = new Set<number>();
    for (const device of sim.devices) {
      const times = byDevice.get(device.id) ?? [];
      assert.ok(device.periodMs >= 1800 && device.periodMs <= 2200, `period ${device.periodMs}`);
      periods.add(device.periodMs);
      assert.ok((times[0] ?? Infinity) < START_MS + device.periodMs, 'first report within one period');
      for (let i = 1; i < times.length; i += 1) assert.equal((times[i] ?? 0) - (times[i - 1] ?? 0), device.periodMs);
      assert.equal(times.length, Math.floor((600_000 - device.phaseMs) / device.periodMs) + 1);
    }
    assert.ok(periods.size > 10, 'periods differ between devices');
  });

  it('returns nothing twice and nothing early', () => {
    const sim = createSimulation({ devices: 10, zones: 1, periodS: 5, seed: 1, startMs: START_MS });
    const first = sim.tick(START_MS + 5000);
    assert.equal(first.length, 10);
    assert.equal(sim.tick(START_MS + 5000).length, 0);
    assert.equal(sim.tick(START_MS + 5001).length, 0);
  });

  it('returns a backlog oldest first', () => {
    const sim = createSimulation({ devices: 20, zones: 2, periodS: 1, seed: 1, startMs: START_MS });
    const all: ReadonlyArray<SimulationMessage> = sim.tick(START_MS + 60_000);
    const due = sim.devices.reduce((n, d) => n + Math.floor((60_000 - d.phaseMs) / d.periodMs) + 1, 0);
    assert.equal(all.length, due);
    for (let i = 1; i < all.length; i += 1) {
      assert.ok((all[i]?.reading.timestampMs ?? 0) >= (all[i - 1]?.reading.timestampMs ?? 0));
    }
  });

  it('skips a backlog older than maxCatchUpMs instead of replaying it', () => {
    const sim = createSimulation({ devices: 4, zones: 1, periodS: 1, seed: 1, startMs: START_MS, maxCatchUpMs: 10_000 });
    sim.tick(START_MS);
    const after = sim.tick(START_MS + 3_600_000);
    assert.ok(after.length >= 4 * 10 && after.length <= 4 * 11, `${after.length} reports`);
    for (const m of after) assert.ok(m.reading.timestampMs >= START_MS + 3_590_000);
    const idx = after.filter((m) => m.reading.deviceId === 'DEV0001').map((m) => m.reading.idx);
    assert.deepEqual(idx, idx.map((_, i) => (idx[0] ?? 0) + i), 'idx still counts by one');
  });

  it('rejects nonsense options', () => {
    assert.throws(() => createSimulation({ devices: 0, zones: 1 }), /devices/);
    assert.throws(() => createSimulation({ devices: 1.5, zones: 1 }), /devices/);
    assert.throws(() => createSimulation({ devices: 1, zones: 0 }), /zones/);
    assert.throws(() => createSimulation({ devices: 1, zones: 1, periodS: 0 }), /periodS/);
    assert.throws(() => createSimulation({ devices: 1, zones: 1, periodJitter: 0.9 }), /periodJitter/);
    assert.throws(() => createSimulation({ devices: 2, zones: 1, scenario: 'overcurrent:DEV0009' }), /DEV0009/);
  });
});
