import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FleetState, RECENT_POINTS_PER_DEVICE } from '../../../electron/host/fleet/fleet-state';
import { ACTIVE_WINDOW_MS, learnPeriod } from '../../../electron/host/fleet/liveness';
import type { ReadingView } from '../../../electron/host/fleet/reading-view';
import { parseStatusBits } from '../../../shared/scoring';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');

function reading(id: string, atMs: number, overrides: Partial<ReadingView> = {}): ReadingView {
  return {
    device_id: id,
    idx: 1,
    timestamp: new Date(atMs).toISOString(),
    timestamp_ms: atMs,
    status_bits: 0,
    alarm_status: parseStatusBits(0),
    risk_score: 0.1,
    risk_level: 'NORMAL',
    voltage: 220,
    current: 10,
    pcb_temperature: 35,
    sensor_temperature: 38,
    arc_count: 0,
    ...overrides,
  };
}

describe('fleet state', () => {
  test('a device never in a registry is unassigned; the registry names and places it', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('D1', T0), T0);
    assert.equal(fleet.summary('D1', T0)?.zone, 'unassigned');
    fleet.applyRegistry([{ id: 'D1', name: 'Board 1', zone: 'B1-F2', position: { x: 1, y: 1 } }]);
    const s = fleet.summary('D1', T0);
    assert.equal(s?.zone, 'B1-F2');
    assert.equal(s?.name, 'Board 1');
  });

  test('the summary carries the newest reading; temperature is the hotter sensor', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('D1', T0, { pcb_temperature: 70, sensor_temperature: 40, risk_level: 'HIGH', risk_score: 0.65 }), T0);
    const s = fleet.summary('D1', T0);
    assert.equal(s?.temperature, 70);
    assert.equal(s?.risk_level, 'HIGH');
    assert.equal(s?.risk_score, 0.65);
    assert.equal(s?.last_seen, new Date(T0).toISOString());
  });

  test('a late reading is counted but does not replace the newest', () => {
    const fleet = new FleetState();
    assert.equal(fleet.applyReading(reading('D1', T0 + 5000, { current: 12 }), T0), true);
    assert.equal(fleet.applyReading(reading('D1', T0, { current: 99 }), T0 + 10), false);
    assert.equal(fleet.summary('D1', T0)?.current, 12);
    assert.equal(fleet.info('D1', T0)?.readings, 2);
  });

  test('liveness uses receive time: offline after three learned periods, inactive after five minutes', () => {
    const fleet = new FleetState();
    for (let i = 0; i < 10; i += 1) fleet.applyReading(reading('D1', T0 + i * 1000), T0 + i * 1000);
    const last = T0 + 9000;
    assert.equal(fleet.summary('D1', last + 2000)?.online, true);
    assert.equal(fleet.summary('D1', last + 3500)?.online, false);
    assert.equal(fleet.counts(last + ACTIVE_WINDOW_MS).active, 1);
    assert.equal(fleet.counts(last + ACTIVE_WINDOW_MS + 1).active, 0);
  });

  test('communication error in the status bits means offline even while reporting', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('D1', T0, { status_bits: 4096 }), T0);
    assert.equal(fleet.summary('D1', T0)?.online, false);
  });

  test('counts follow the seed: distribution over active devices only', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('A', T0, { risk_level: 'CRITICAL' }), T0);
    fleet.applyReading(reading('B', T0, { risk_level: 'LOW' }), T0);
    fleet.applyReading(reading('C', T0 - ACTIVE_WINDOW_MS - 1000, { risk_level: 'HIGH' }), T0 - ACTIVE_WINDOW_MS - 1000);
    const counts = fleet.counts(T0);
    assert.equal(counts.total, 3);
    assert.equal(counts.active, 2);
    assert.deepEqual(counts.distribution, { NORMAL: 0, LOW: 1, MEDIUM: 0, HIGH: 0, CRITICAL: 1 });
  });

  test('recent points are bounded and come back in time order', () => {
    const fleet = new FleetState();
    const n = RECENT_POINTS_PER_DEVICE + 50;
    for (let i = 0; i < n; i += 1) fleet.applyReading(reading('D1', T0 + i * 1000), T0 + i * 1000);
    const series = fleet.timeseries('D1');
    assert.equal(series.length, RECENT_POINTS_PER_DEVICE);
    assert.equal(series[0]?.timestamp, new Date(T0 + 50_000).toISOString());
    assert.equal(series.at(-1)?.timestamp, new Date(T0 + (n - 1) * 1000).toISOString());
  });

  test('changed devices are reported once, then cleared', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('A', T0), T0);
    fleet.applyReading(reading('A', T0 + 1), T0 + 1);
    fleet.applyReading(reading('B', T0), T0);
    assert.deepEqual([...fleet.takeChanged()].sort(), ['A', 'B']);
    assert.deepEqual(fleet.takeChanged(), []);
  });

  test('total alarms accumulate the alarm count of each reading, as the seed did', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('A', T0, { alarm_status: parseStatusBits(0b11) }), T0);
    fleet.applyReading(reading('A', T0 + 1000, { alarm_status: parseStatusBits(0b100) }), T0 + 1000);
    assert.equal(fleet.info('A', T0)?.total_alarms, 3);
  });
});

test('period learning resists a single long gap', () => {
  let period = learnPeriod(null, 1000);
  for (let i = 0; i < 20; i += 1) period = learnPeriod(period, 1000);
  const afterOutage = learnPeriod(period, 3_600_000);
  assert.ok(afterOutage < 2000, `one outage moved the period to ${afterOutage}`);
});
