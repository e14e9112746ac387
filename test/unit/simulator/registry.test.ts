import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSimulation, REGISTRY_TOPIC } from '../../../shared/simulator';
import { run } from './helpers';

describe('registry', () => {
  it('lists every device with id, name, zone and position, and nothing else', () => {
    const sim = createSimulation({ devices: 200, zones: 8, seed: 42 });
    const { devices } = sim.registry;
    assert.equal(devices.length, 200);
    assert.deepEqual(
      devices.map((d) => d.id),
      Array.from({ length: 200 }, (_, i) => `DEV${String(i + 1).padStart(4, '0')}`),
    );
    for (const d of devices) {
      assert.deepEqual(Object.keys(d), ['id', 'name', 'zone', 'position']);
      assert.deepEqual(Object.keys(d.position), ['x', 'y']);
      assert.match(d.zone, /^B\d+-F\d+$/);
      assert.ok(d.name.length > 0 && d.name.includes(d.zone));
      assert.ok(d.position.x >= 0 && d.position.x <= 60 && d.position.y >= 0 && d.position.y <= 30);
    }
    assert.equal(REGISTRY_TOPIC, 'fire-prediction/registry');
  });

  it('has as many zones as asked, floors of buildings, each zone populated evenly', () => {
    const sim = createSimulation({ devices: 200, zones: 8, seed: 42 });
    const counts = new Map<string, number>();
    for (const d of sim.registry.devices) counts.set(d.zone, (counts.get(d.zone) ?? 0) + 1);
    assert.deepEqual([...counts.keys()], ['B1-F1', 'B1-F2', 'B1-F3', 'B1-F4', 'B2-F1', 'B2-F2', 'B2-F3', 'B2-F4']);
    for (const n of counts.values()) assert.equal(n, 25);
  });

  it('never has more zones than devices, and ids widen for large fleets', () => {
    assert.equal(new Set(createSimulation({ devices: 3, zones: 8 }).registry.devices.map((d) => d.zone)).size, 3);
    assert.equal(createSimulation({ devices: 12_000, zones: 8 }).registry.devices.at(-1)?.id, 'DEV12000');
  });

  it('is serialisable as the retained JSON message and matches the devices that report', () => {
    const sim = createSimulation({ devices: 20, zones: 2, seed: 1 });
    const parsed = JSON.parse(JSON.stringify(sim.registry)) as typeof sim.registry;
    assert.deepEqual(parsed, sim.registry);
    const reporting = new Set(run({ devices: 20, zones: 2, seed: 1, periodS: 1 }, 2).map((m) => m.reading.deviceId));
    assert.deepEqual([...reporting].sort(), sim.registry.devices.map((d) => d.id));
  });

  it('gives distinct positions inside a zone', () => {
    const sim = createSimulation({ devices: 100, zones: 2, seed: 8 });
    const spots = sim.registry.devices.map((d) => `${d.zone} ${d.position.x},${d.position.y}`);
    assert.equal(new Set(spots).size, spots.length);
  });
});
