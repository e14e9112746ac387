import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import { openDatabase } from '../../../electron/host/store/database';
import { LocalStore } from '../../../electron/host/store/local-store';
import type { ScoredReading } from '../../../shared/scoring/index';
import { createScoringEngine } from '../../../shared/scoring/index';
import type { DeviceMessagePayload } from '../../../shared/simulator/index';
import { createSimulation } from '../../../shared/simulator/index';
import { START_MS, openStore } from './helpers';

// After a restart the console carries on as if it had not stopped: the next reading of every
// device scores exactly as in an unbroken run, and the fleet view shows the same device state.

function messages(devices: number, seconds: number, periodS = 5): DeviceMessagePayload[] {
  const simulation = createSimulation({ devices, zones: 2, periodS, seed: 5, startMs: START_MS, scenario: 'mix:1', mixStaggerS: 10 });
  const out: DeviceMessagePayload[] = [];
  for (let s = 0; s <= seconds; s++) for (const m of simulation.tick(START_MS + s * 1000)) out.push(m.payload);
  return out;
}

function score(engine: ReturnType<typeof createScoringEngine>, message: DeviceMessagePayload): ScoredReading {
  const outcome = engine.scoreMessage(message);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

describe('restore on start', () => {
  for (const how of ['a clean stop', 'a crash (nothing closed)'] as const) {
    test(`after ${how}, every next reading scores as in an unbroken run`, async () => {
      const all = messages(6, 2 * 3600);
      const cut = Math.floor(all.length * 0.8);
      const reference = createScoringEngine();
      const expected = all.map((m) => score(reference, m));
      assert.ok(expected.slice(cut).some((r) => r.risk_modifier > 1), 'the history matters in this stream');

      const first = openStore();
      const engineBefore = createScoringEngine();
      const fleetBefore = new FleetState<ScoredReading>();
      for (const m of all.slice(0, cut)) {
        const reading = score(engineBefore, m);
        const receivedAt = reading.timestamp_ms + 30;
        fleetBefore.applyReading(reading, receivedAt);
        first.store.writer.addReading(reading, receivedAt);
      }
      await first.store.writer.settled();
      if (how === 'a clean stop') first.store.close();
      first.db.close();

      const db = openDatabase(first.file);
      const store = new LocalStore(db, first.file);
      const engine = createScoringEngine();
      const fleet = new FleetState<ScoredReading>();
      const report = store.restore({ engine, onDevice: (device) => fleet.restoreDevice(device) });
      assert.equal(report.devices, 6);

      const now = START_MS + 3 * 3600_000;
      for (const id of ['DEV0001', 'DEV0002', 'DEV0003', 'DEV0004', 'DEV0005', 'DEV0006']) {
        assert.deepEqual(fleet.info(id, now), fleetBefore.info(id, now), `${id} device state`);
        assert.deepEqual(fleet.latest(id), fleetBefore.latest(id), `${id} newest reading`);
        assert.equal(engine.historySize(id), engineBefore.historySize(id), `${id} history size`);
      }
      const after = all.slice(cut).map((m) => score(engine, m));
      assert.deepEqual(after, expected.slice(cut));
      store.close();
      db.close();
    });
  }

  test('recent readings replay as the scored readings they were, per device or in time order', async () => {
    const { db, store } = openStore();
    const engine = createScoringEngine();
    const written: ScoredReading[] = [];
    for (const m of messages(3, 1800, 5)) {
      const reading = score(engine, m);
      written.push(reading);
      store.writer.addReading(reading, reading.timestamp_ms + 25);
    }
    await store.writer.settled();
    const windowMs = 10 * 60_000;
    const byDevice: ScoredReading[] = [];
    store.replayRecent(windowMs, 'device', (r, at) => {
      assert.equal(at, r.timestamp_ms + 25);
      byDevice.push(r);
    });
    const newestOf = new Map<string, number>();
    for (const r of written) newestOf.set(r.device_id, Math.max(newestOf.get(r.device_id) ?? 0, r.timestamp_ms));
    const want = written.filter((r) => r.timestamp_ms >= (newestOf.get(r.device_id) as number) - windowMs);
    const key = (r: ScoredReading): string => `${r.device_id}|${r.timestamp_ms}`;
    assert.deepEqual([...byDevice].sort((a, b) => key(a).localeCompare(key(b))), [...want].sort((a, b) => key(a).localeCompare(key(b))));
    const inTime: number[] = [];
    store.replayRecent(windowMs, 'time', (r) => inTime.push(r.timestamp_ms));
    assert.deepEqual(inTime, [...inTime].sort((a, b) => a - b));
    store.close();
    db.close();
  });

  test('after a crash, the minute that was open is rebuilt from the raw readings', async () => {
    const first = openStore();
    const engine = createScoringEngine();
    const all = messages(2, 150, 1);
    for (const m of all) {
      const reading = score(engine, m);
      first.store.writer.addReading(reading, reading.timestamp_ms + 10);
    }
    await first.store.writer.settled();
    first.db.close(); // no store.close(): the open minutes' deltas are lost with the process

    const again = openStore(first.file);
    const perMinute = again.db.prepare(`
      SELECT device_key, ts / 60000 AS minute, count(*) AS n, sum(voltage) AS v FROM readings GROUP BY device_key, ts / 60000`).all() as Array<{ device_key: number; minute: number; n: number; v: number }>;
    const rollups = again.db.prepare('SELECT device_key, minute, n, voltage_sum AS v FROM rollups_1m').all() as Array<{ device_key: number; minute: number; n: number; v: number }>;
    const key = (r: { device_key: number; minute: number }): string => `${r.device_key}|${Math.floor(r.minute)}`;
    const stored = new Map(rollups.map((r) => [key(r), r]));
    assert.equal(stored.size, perMinute.length);
    for (const m of perMinute) {
      const r = stored.get(key(m));
      assert.ok(r, `minute ${key(m)}`);
      assert.equal(r.n, m.n);
      assert.ok(Math.abs(r.v - m.v) < 1e-6);
    }
    assert.equal(again.db.prepare('SELECT count(*) FROM device_state WHERE open_minute IS NOT NULL').pluck().get(), 0);
    again.store.close();
    again.db.close();
  });
});
