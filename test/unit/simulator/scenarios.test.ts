import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCENARIO_NAMES } from '../../../shared/simulator';
import type { DeviceReading } from '../../../shared/simulator';
import { hasBit, impliedBits, max, min, readingsOf, run, SEED_LEVELS, START_MS } from './helpers';

const BIT = {
  overvoltage: 0,
  outage: 1,
  overcurrent: 2,
  leakage: 3,
  resistive: 4,
  power: 5,
  pcb: 6,
  sensor: 7,
  co: 8,
  voc: 9,
  pf: 10,
  arc: 11,
} as const;

/** One device under the scenario, three normal neighbours, a report every 5 s. */
function scenarioRun(scenario: string, minutes: number, seed = 7): ReadonlyArray<DeviceReading> {
  const messages = run({ devices: 4, zones: 1, periodS: 5, seed, scenario: `${scenario}:DEV0001` }, minutes * 60, 5);
  return readingsOf(messages, 'DEV0001');
}

/** Asserts that the bit is set in exactly the readings where `crossed` holds, and that it happens. */
function assertBitTracks(readings: ReadonlyArray<DeviceReading>, bit: number, crossed: (r: DeviceReading) => boolean): void {
  let seen = 0;
  for (const r of readings) {
    assert.equal(hasBit(r.status, bit), crossed(r), `bit ${bit} at idx ${r.idx}: ${JSON.stringify(r)}`);
    if (crossed(r)) seen += 1;
  }
  assert.ok(seen > 0, `bit ${bit} never set`);
}

describe('every scenario', () => {
  for (const name of SCENARIO_NAMES) {
    it(`${name}: status carries exactly the bits its values imply`, () => {
      for (const seed of [1, 2, 3]) {
        for (const r of scenarioRun(name, 40, seed)) {
          assert.equal(r.status & 0xfff, impliedBits(r), `${name} seed ${seed} idx ${r.idx}: ${JSON.stringify(r)}`);
        }
      }
    });
  }
});

describe('loose-connection', () => {
  const readings = scenarioRun('loose-connection', 40);

  it('climbs over minutes to an overheated terminal (70–90 °C sensor, board above 60 °C)', () => {
    const first = readings[0];
    assert.ok(first && first.sensorTemp < 40 && first.pcbTemp < 40, 'starts cool');
    const peakSensor = max(readings.map((r) => r.sensorTemp));
    assert.ok(peakSensor >= 70 && peakSensor <= 95, `sensor peak ${peakSensor}`);
    assert.ok(max(readings.map((r) => r.pcbTemp)) > SEED_LEVELS.pcbTempC);
    const firstHot = readings.find((r) => r.pcbTemp > SEED_LEVELS.pcbTempC);
    assert.ok(firstHot && firstHot.timestampMs - START_MS > 10 * 60_000, 'takes minutes, not seconds');
  });

  it('sets bit 6 and bit 7 exactly when the temperatures cross 60 °C', () => {
    assertBitTracks(readings, BIT.pcb, (r) => r.pcbTemp > 60);
    assertBitTracks(readings, BIT.sensor, (r) => r.sensorTemp > 60);
    const i = readings.findIndex((r) => hasBit(r.status, BIT.pcb));
    assert.ok(i > 0);
    assert.ok((readings[i - 1]?.pcbTemp ?? Infinity) <= 60, 'the reading before the bit is at or below 60 °C');
  });

  it('starts arcing once the contact is bad, with the arc bit on exactly those reports', () => {
    assertBitTracks(readings, BIT.arc, (r) => r.aArc > 0);
    const firstArc = readings.find((r) => r.aArc > 0);
    assert.ok(firstArc && firstArc.timestampMs - START_MS > 5 * 60_000, 'no arcs in the first minutes');
  });
});

describe('overcurrent', () => {
  const readings = scenarioRun('overcurrent', 10);
  it('sets bit 2 above 100 A, with power above 20 kW (bit 5) and a poor power factor (bit 10)', () => {
    assertBitTracks(readings, BIT.overcurrent, (r) => r.ct > 100);
    assertBitTracks(readings, BIT.power, (r) => r.pwr > 20);
    assertBitTracks(readings, BIT.pf, (r) => r.pFct < 0.9);
    const last = readings[readings.length - 1];
    assert.ok(last && last.ct > 100 && last.ct < 200, `settles between 100 and 200 A, got ${last?.ct}`);
  });
  it('heats the board as the current rises', () => {
    assert.ok((readings[readings.length - 1]?.sensorTemp ?? 0) > (readings[0]?.sensorTemp ?? Infinity) + 10);
  });
});

describe('comm-loss', () => {
  const messages = run({ devices: 4, zones: 1, periodS: 5, seed: 3, scenario: 'comm-loss:DEV0002' }, 30 * 60, 5);
  const readings = readingsOf(messages, 'DEV0002');
  it('sends a few reports with status ≥ 4096, then nothing', () => {
    assert.equal(readings.length, 3);
    for (const r of readings) assert.ok(r.status >= 4096, `status ${r.status}`);
    assert.deepEqual(
      readings.map((r) => r.idx),
      [0, 1, 2],
    );
  });
  it('leaves the other devices reporting', () => {
    assert.ok(readingsOf(messages, 'DEV0001').length >= 30 * 12);
  });
});

describe('smouldering', () => {
  const readings = scenarioRun('smouldering', 30);
  it('raises CO above 17 ppm and VOC above 400 µg/m³ with their bits', () => {
    assertBitTracks(readings, BIT.co, (r) => r.co > 17);
    assertBitTracks(readings, BIT.voc, (r) => r.voc > 400);
  });
  it('warms the board only moderately', () => {
    const start = readings[0]?.sensorTemp ?? 0;
    const peak = max(readings.map((r) => r.sensorTemp));
    assert.ok(peak > start + 5 && peak < 60, `sensor ${start} → ${peak}`);
  });
});

describe('rising-leakage', () => {
  const readings = scenarioRun('rising-leakage', 30);
  it('crosses 8 mA total and then 8 mA resistive leakage, bits 3 and 4', () => {
    assertBitTracks(readings, BIT.leakage, (r) => r.zct > 8);
    assertBitTracks(readings, BIT.resistive, (r) => r.rzct > 8);
    const total = readings.findIndex((r) => r.zct > 8);
    const resistive = readings.findIndex((r) => r.rzct > 8);
    assert.ok(total < resistive, 'the resistive part follows the total');
  });
  it('never reports more resistive than total leakage', () => {
    for (const r of readings) assert.ok(r.rzct <= r.zct, JSON.stringify(r));
  });
});

describe('arc-burst', () => {
  const readings = scenarioRun('arc-burst', 6);
  it('arcs in bursts, the arc bit on exactly the reports with arcs', () => {
    assertBitTracks(readings, BIT.arc, (r) => r.aArc > 0);
    assert.ok(readings.some((r) => r.aArc === 0), 'quiet between bursts');
    for (const r of readings) assert.ok(Number.isInteger(r.aArc) && r.aArc >= 0);
  });
});

describe('voltage-sag', () => {
  const readings = scenarioRun('voltage-sag', 5);
  it('takes the minimum voltage below the seed’s 190 V', () => {
    const sagging = readings.filter((r) => r.timestampMs - START_MS > 30_000);
    assert.ok(sagging.filter((r) => r.voltLow < 190).length > sagging.length * 0.8);
  });
  it('drops out briefly: no voltage, no current, no power, and the outage bit exactly then', () => {
    assertBitTracks(readings, BIT.outage, (r) => r.voltLow < 22);
    const out = readings.filter((r) => hasBit(r.status, BIT.outage));
    assert.ok(out.length >= 1 && out.length <= 4, `outage reports: ${out.length}`);
    for (const r of out) {
      assert.equal(r.volt, 0);
      assert.equal(r.ct, 0);
      assert.equal(r.pwr, 0);
      assert.ok(!hasBit(r.status, BIT.pf), 'no power-factor alarm without current');
    }
  });
});

describe('voltage-swell', () => {
  it('sets bit 0 exactly when the voltage is above 234 V', () => {
    const readings = scenarioRun('voltage-swell', 5);
    assertBitTracks(readings, BIT.overvoltage, (r) => r.volt > 234);
    assert.ok(min(readings.slice(-10).map((r) => r.volt)) > 234);
  });
});

describe('sensor-fault', () => {
  it('reports a stuck, implausible temperature (open -40 °C or shorted 150 °C)', () => {
    const messages = run({ devices: 16, zones: 2, periodS: 5, seed: 11, scenario: 'sensor-fault' }, 120, 5);
    const kinds = new Set<string>();
    for (let i = 1; i <= 16; i += 1) {
      const readings = readingsOf(messages, `DEV${String(i).padStart(4, '0')}`);
      const pcb = new Set(readings.map((r) => r.pcbTemp));
      const sensor = new Set(readings.map((r) => r.sensorTemp));
      const stuck = pcb.size === 1 ? { which: 'pcb', value: [...pcb][0] } : { which: 'sensor', value: [...sensor][0] };
      assert.ok(pcb.size === 1 || sensor.size === 1, `device ${i}: one sensor is stuck`);
      assert.ok(stuck.value === -40 || stuck.value === 150, `device ${i}: implausible value, got ${stuck.value}`);
      kinds.add(`${stuck.which}${stuck.value}`);
    }
    assert.ok(kinds.size >= 3, `several failure kinds across the fleet: ${[...kinds].join(', ')}`);
  });
});

describe('zone-heating', () => {
  const messages = run({ devices: 16, zones: 2, periodS: 10, seed: 5, scenario: 'zone-heating:DEV0003' }, 40 * 60, 10);
  const rise = (id: string): number => {
    const readings = readingsOf(messages, id);
    return max(readings.map((r) => r.sensorTemp)) - (readings[0]?.sensorTemp ?? 0);
  };

  it('heats the source and several neighbours of its zone together', () => {
    const heated = [];
    for (let i = 1; i <= 16; i += 1) {
      const id = `DEV${String(i).padStart(4, '0')}`;
      if (rise(id) > 15) heated.push(id);
    }
    assert.ok(heated.includes('DEV0003'));
    assert.ok(heated.length >= 3 && heated.length <= 5, `heated: ${heated.join(', ')}`);
    // DEV0001…DEV0008 make up the first zone.
    for (const id of heated) assert.ok(Number(id.slice(3)) <= 8, `${id} is in the source's zone`);
    for (let i = 9; i <= 16; i += 1) assert.ok(rise(`DEV${String(i).padStart(4, '0')}`) < 8);
  });

  it('takes the source above 60 °C with its temperature bits', () => {
    const readings = readingsOf(messages, 'DEV0003');
    assertBitTracks(readings, BIT.sensor, (r) => r.sensorTemp > 60);
    assertBitTracks(readings, BIT.pcb, (r) => r.pcbTemp > 60);
  });
});

describe('normal', () => {
  it('stays quiet and inside the seed’s normal ranges for two hours', () => {
    const messages = run({ devices: 60, zones: 4, periodS: 30, seed: 9, scenario: 'normal' }, 2 * 3600, 30);
    assert.ok(messages.length >= 60 * 239);
    for (const { reading: r } of messages) {
      assert.equal(r.status, 0, JSON.stringify(r));
      assert.ok(r.volt >= 200 && r.volt <= 250 && r.voltLow < r.volt, `voltage ${r.volt}/${r.voltLow}`);
      assert.ok(r.ct > 0 && r.ct <= 120);
      assert.ok(r.pcbTemp >= 20 && r.pcbTemp <= 45 && r.sensorTemp >= 20 && r.sensorTemp <= 45);
      assert.ok(r.co >= 0 && r.co <= 20 && r.voc >= 0 && r.voc <= 500);
      assert.ok(r.pFct >= 0.9 && r.pFct <= 1);
      assert.equal(r.aArc, 0);
    }
  });
});
