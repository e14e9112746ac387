import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SimulationMessage } from '../../../shared/simulator';
import { run, START_MS } from './helpers';

const DEVICE_FIELDS = [
  'deviceId', 'idx', 'status', 'volt', 'voltLow', 'ct', 'zct', 'rzct', 'pwr',
  'pcbTemp', 'sensorTemp', 'co', 'voc', 'pFct', 'aArc', 'timestamp',
] as const;
const IOT_FIELDS = [
  'deviceId', 'idx', 'status', 'volt', 'voltLow', 'current', 'leakage_current', 'resistive_leakage', 'power',
  'pcbTemp', 'sensorTemp', 'co', 'voc', 'power_factor', 'arc_count', 'timestamp',
] as const;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Every scenario at once on a small fleet, so the checks see unusual values too. */
const ALL = 'mix:1';

function decimals(value: number): number {
  const text = String(value);
  return text.includes('.') ? (text.split('.')[1] ?? '').length : 0;
}

describe('device spelling', () => {
  const messages = run({ devices: 30, zones: 3, periodS: 5, seed: 4, scenario: ALL, mixStaggerS: 60 }, 1800, 5);

  it('has every field of the device format, in order, with the right types', () => {
    assert.ok(messages.length > 5000);
    for (const { topic, payload } of messages) {
      assert.deepEqual(Object.keys(payload), [...DEVICE_FIELDS]);
      assert.equal(topic, `fire-prediction/device/${String(payload['deviceId'])}/data`);
      assert.equal(typeof payload['deviceId'], 'string');
      for (const key of DEVICE_FIELDS.slice(1, -1)) assert.equal(typeof payload[key], 'number', key);
      for (const key of ['idx', 'status', 'aArc'] as const) {
        const v = payload[key] as number;
        assert.ok(Number.isInteger(v) && v >= 0, `${key} = ${v}`);
      }
      assert.match(String(payload['timestamp']), ISO);
    }
  });

  it('numbers idx from 0 upwards by one per device, timestamps rising', () => {
    const last = new Map<string, SimulationMessage>();
    for (const m of messages) {
      const prev = last.get(m.reading.deviceId);
      assert.equal(m.reading.idx, prev ? prev.reading.idx + 1 : 0);
      if (prev) assert.ok(m.reading.timestampMs > prev.reading.timestampMs);
      assert.equal(Date.parse(String(m.payload['timestamp'])), m.reading.timestampMs);
      last.set(m.reading.deviceId, m);
    }
  });

  it('reports power consistent with volt × ct × pFct / 1000 (kW), within rounding', () => {
    for (const { reading: r } of messages) {
      assert.ok(Math.abs(r.pwr - (r.volt * r.ct * r.pFct) / 1000) <= 0.0005 + 1e-9, JSON.stringify(r));
    }
  });

  it('rounds as the firmware does', () => {
    const limits = { volt: 1, voltLow: 1, ct: 2, zct: 2, rzct: 2, pwr: 3, pcbTemp: 1, sensorTemp: 1, co: 1, voc: 1, pFct: 2 } as const;
    for (const { payload } of messages) {
      for (const [key, d] of Object.entries(limits)) assert.ok(decimals(payload[key] as number) <= d, `${key} = ${payload[key]}`);
    }
  });

  it('stays within physical bounds', () => {
    for (const { reading: r } of messages) {
      assert.ok(r.volt >= 0 && r.voltLow >= 0 && r.voltLow <= r.volt, `voltages ${r.volt}/${r.voltLow}`);
      assert.ok(r.ct >= 0 && r.zct >= 0 && r.rzct >= 0 && r.co >= 0 && r.voc >= 0);
      assert.ok(r.pFct > 0 && r.pFct <= 1);
    }
  });
});

describe('other spellings', () => {
  it('uses the IoT-rule names and epoch milliseconds when asked', () => {
    const messages = run({ devices: 5, zones: 1, periodS: 2, seed: 1, spelling: 'iot', timestamps: 'epoch' }, 60);
    for (const { payload, reading } of messages) {
      assert.deepEqual(Object.keys(payload), [...IOT_FIELDS]);
      assert.equal(payload['timestamp'], reading.timestampMs);
      assert.equal(payload['current'], reading.ct);
      assert.equal(payload['arc_count'], reading.aArc);
    }
  });

  it('mixes whole messages of both spellings and both timestamp forms', () => {
    const messages = run({ devices: 10, zones: 2, periodS: 2, seed: 1, spelling: 'mixed', timestamps: 'mixed' }, 120);
    const shapes = new Set<string>();
    for (const { payload } of messages) {
      const keys = Object.keys(payload);
      const iot = keys.includes('current');
      assert.deepEqual(keys, iot ? [...IOT_FIELDS] : [...DEVICE_FIELDS]);
      shapes.add(`${iot ? 'iot' : 'device'}/${typeof payload['timestamp']}`);
    }
    assert.deepEqual([...shapes].sort(), ['device/number', 'device/string', 'iot/number', 'iot/string']);
  });

  it('adds verifySts equal to status when asked', () => {
    const messages = run({ devices: 3, zones: 1, periodS: 1, seed: 1, verifySts: true, scenario: 'arc-burst' }, 60);
    for (const { payload } of messages) {
      assert.equal(Object.keys(payload).at(-1), 'verifySts');
      assert.equal(payload['verifySts'], payload['status']);
    }
  });

  it('starts timestamps at the simulation start', () => {
    const messages = run({ devices: 3, zones: 1, periodS: 10, seed: 1 }, 10);
    for (const { reading } of messages) assert.ok(reading.timestampMs >= START_MS);
  });
});
