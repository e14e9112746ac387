import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MINUTE_MS } from '../../../electron/host/store/minute-rollup';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import { openStore, simulatedReadings, START_MS } from './helpers';

// The device page charts the two temperature sensors apart, CO, VOC and power factor: the history
// carries them, from raw readings and from roll-ups alike (the newest open minute included).

function close(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} vs ${expected}`);
}

describe('history: the device page\'s other measures', () => {
  for (const [label, seconds, points, source] of [
    ['raw buckets', 600, 60, 'raw'],
    ['roll-up buckets', 2 * 3600, 4, 'rollup'],
  ] as const) {
    test(`${label} carry sensor and PCB temperature, CO, VOC and power factor`, async () => {
      const readings = simulatedReadings({ devices: 1, seconds, periodS: 2, scenario: 'smouldering' });
      const { db, store } = openStore();
      for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
      await store.writer.settled();
      const mine = readings.map((r) => r.reading);
      const id = mine[0]?.device_id as string;
      const from = Math.floor(START_MS / MINUTE_MS) * MINUTE_MS;
      const history = store.history(id, { fromMs: from, toMs: from + seconds * 1000 + 1, points });
      assert.ok(history);
      assert.equal(history.source, source);
      const bucketMs = history.bucket_s * 1000;
      for (const point of history.points) {
        const start = Date.parse(point.timestamp);
        const inside = mine.filter((r) => r.timestamp_ms >= start && r.timestamp_ms < start + bucketMs);
        assert.equal(point.readings, inside.length);
        close(point.sensor_temperature_max, Math.max(...inside.map((r) => r.sensor_temperature)), 'sensor max');
        close(point.pcb_temperature_max, Math.max(...inside.map((r) => r.pcb_temperature)), 'pcb max');
        close(point.pcb_temperature_avg, inside.reduce((a, r) => a + r.pcb_temperature, 0) / inside.length, 'pcb avg');
        close(point.co_max, Math.max(...inside.map((r) => r.co)), 'co max');
        close(point.voc_avg, inside.reduce((a, r) => a + r.voc, 0) / inside.length, 'voc avg');
        close(point.power_factor_min, Math.min(...inside.map((r) => r.power_factor)), 'pf min');
      }
      assert.ok(history.points.some((p) => (p.co_max ?? 0) > 17), 'the smouldering board\'s CO shows');
      store.close();
      db.close();
    });
  }
});

describe('device summaries for the device wall', () => {
  test('carry the newest reading\'s other measures and the registry position', () => {
    const readings = simulatedReadings({ devices: 1, seconds: 4, periodS: 2 });
    const fleet = new FleetState();
    fleet.applyRegistry([{ id: readings[0]?.reading.device_id as string, name: 'Board', zone: 'Z', position: { x: 3, y: 4 } }]);
    for (const r of readings) fleet.applyReading(r.reading, r.receivedAtMs);
    const last = readings.at(-1)?.reading;
    assert.ok(last);
    const summary = fleet.summary(last.device_id, (readings.at(-1)?.receivedAtMs ?? 0) + 10);
    assert.deepEqual(summary?.position, { x: 3, y: 4 });
    assert.deepEqual(summary?.readings, {
      voltage: last.voltage,
      pcb_temperature: last.pcb_temperature,
      sensor_temperature: last.sensor_temperature,
      leakage_current: last.leakage_current,
      co: last.co,
      voc: last.voc,
      power_factor: last.power_factor,
      arc_count: last.arc_count,
    });
    assert.equal(fleet.summary('nobody', 0), null);
  });
});
