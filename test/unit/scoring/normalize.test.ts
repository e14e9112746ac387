import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createScoringEngine, normalizeMessage } from '../../../shared/scoring/index';
import type { NormalizedReading, ScoreError } from '../../../shared/scoring/index';
import { QUIET_TIME, quietMessage, quietRuleMessage } from './message-builder';

function reading(message: unknown): NormalizedReading {
  const outcome = normalizeMessage(message);
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.code}: ${outcome.error.message}`);
  return outcome.reading;
}

function refusal(message: unknown): ScoreError {
  const outcome = normalizeMessage(message);
  assert.equal(outcome.ok, false, 'expected the message to be refused');
  if (outcome.ok) throw new Error('unreachable');
  assert.ok(outcome.error.message.length > 0);
  return outcome.error;
}

function without(message: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...message };
  delete copy[key];
  return copy;
}

describe('both spellings', () => {
  test('the device spelling and the IoT-rule spelling give the same reading', () => {
    assert.deepEqual(reading(quietMessage()), reading(quietRuleMessage()));
  });

  test('every measure lands on its source-system name', () => {
    const r = reading(
      quietMessage({ volt: 221, voltLow: 219, ct: 6, zct: 1.5, rzct: 0.7, pwr: 1.2, pcbTemp: 36, sensorTemp: 38, co: 4, voc: 90, pFct: 0.93, aArc: 2 }),
    );
    assert.equal(r.voltage, 221);
    assert.equal(r.voltage_low, 219);
    assert.equal(r.current, 6);
    assert.equal(r.leakage_current, 1.5);
    assert.equal(r.resistive_leakage, 0.7);
    assert.equal(r.power, 1.2);
    assert.equal(r.pcb_temperature, 36);
    assert.equal(r.sensor_temperature, 38);
    assert.equal(r.co, 4);
    assert.equal(r.voc, 90);
    assert.equal(r.power_factor, 0.93);
    assert.equal(r.arc_count, 2);
    assert.equal(r.device_id, 'TEST001');
    assert.equal(r.idx, 1);
    assert.equal(r.status_bits, 0);
    assert.equal(r.verify_status, undefined);
  });

  test('a mix of spellings in one message is read field by field', () => {
    const mixed = { ...without(quietMessage(), 'ct'), current: 7 };
    assert.equal(reading(mixed).current, 7);
  });

  test('when both spellings are present the device spelling is the one read, and it must be valid', () => {
    assert.equal(reading(quietMessage({ current: 99 })).current, 5);
    const error = refusal(quietMessage({ aArc: true, arc_count: 0 }));
    assert.equal(error.code, 'INVALID_TYPE');
    assert.equal(error.field, 'aArc');
  });

  test('a numeric device id becomes its decimal text', () => {
    assert.equal(reading(quietMessage({ deviceId: 1000 })).device_id, '1000');
  });

  test('the two scored results are the same for both spellings', () => {
    const engine = createScoringEngine({ history: false });
    const a = engine.scoreMessage(quietMessage({ aArc: 3, pcbTemp: 55 }));
    const b = engine.scoreMessage(quietRuleMessage({ arc_count: 3, pcbTemp: 55 }));
    assert.deepEqual(a, b);
  });
});

describe('timestamps', () => {
  test('epoch milliseconds and ISO-8601 give the same time and the same text', () => {
    const iso = reading(quietMessage({ timestamp: '2026-03-01T11:03:32.115Z' }));
    const epoch = reading(quietMessage({ timestamp: 1772363012115 }));
    assert.equal(iso.timestamp_ms, 1772363012115);
    assert.equal(epoch.timestamp_ms, 1772363012115);
    assert.equal(epoch.timestamp, '2026-03-01T11:03:32.115Z');
    assert.equal(iso.timestamp, epoch.timestamp);
  });

  const accepted: ReadonlyArray<readonly [string, string]> = [
    ['2026-03-01T09:00:00Z', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T09:00Z', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T09:00:00.5Z', '2026-03-01T09:00:00.500Z'],
    ['2026-03-01T09:00:00.123456Z', '2026-03-01T09:00:00.123Z'],
    ['2026-03-01T18:00:00+09:00', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T04:30:00-0430', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01 09:00:00', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01t09:00:00z', '2026-03-01T09:00:00.000Z'],
    ['2024-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ];
  for (const [input, output] of accepted) {
    test(`accepts ${input}`, () => assert.equal(reading(quietMessage({ timestamp: input })).timestamp, output));
  }

  const refused: ReadonlyArray<unknown> = [
    '220',
    '',
    '2026-03-01',
    '2026-02-29T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-03-01T24:00:00.000Z',
    '2026-03-01T09:60:00.000Z',
    '2026-03-01T09:00:60.000Z',
    '2026-03-01T09:00:00.000+25:00',
    '1969-12-31T23:59:59.999Z',
    'yesterday',
    '1772363012115',
    -1,
    1.5,
    253402300800000,
    1e300,
  ];
  for (const value of refused) {
    test(`refuses ${JSON.stringify(value)} as INVALID_TIMESTAMP`, () => {
      const error = refusal(quietMessage({ timestamp: value }));
      assert.equal(error.code, 'INVALID_TIMESTAMP');
      assert.equal(error.field, 'timestamp');
      assert.match(error.message, /timestamp/);
    });
  }

  for (const value of [true, null, {}, []] as const) {
    test(`a timestamp of type ${value === null ? 'null' : typeof value} is INVALID_TYPE`, () => {
      assert.equal(refusal(quietMessage({ timestamp: value })).code, 'INVALID_TYPE');
    });
  }

  test('a missing timestamp is MISSING_FIELD', () => {
    const error = refusal(without(quietMessage(), 'timestamp'));
    assert.equal(error.code, 'MISSING_FIELD');
    assert.equal(error.field, 'timestamp');
  });
  test('the quiet time is what the builder says', () => {
    assert.equal(reading(quietMessage()).timestamp, QUIET_TIME);
  });
});

describe('refusals', () => {
  test('not an object → INVALID_MESSAGE', () => {
    for (const value of [null, 1, 'text', true, [1, 2, 3], undefined]) {
      const error = refusal(value);
      assert.equal(error.code, 'INVALID_MESSAGE');
      assert.match(error.message, /not a JSON object/);
    }
  });

  const required = [
    'deviceId',
    'idx',
    'status',
    'volt',
    'voltLow',
    'ct',
    'zct',
    'rzct',
    'pwr',
    'pcbTemp',
    'sensorTemp',
    'co',
    'voc',
    'pFct',
    'aArc',
    'timestamp',
  ];
  for (const key of required) {
    test(`missing ${key} → MISSING_FIELD naming it`, () => {
      const error = refusal(without(quietMessage(), key));
      assert.equal(error.code, 'MISSING_FIELD');
      assert.equal(error.field, key);
      assert.ok(error.message.includes(`'${key}'`), error.message);
    });
  }

  test('a missing field of the IoT-rule spelling names both spellings', () => {
    const error = refusal(without(quietRuleMessage(), 'current'));
    assert.equal(error.code, 'MISSING_FIELD');
    assert.match(error.message, /'ct' \(or 'current'\)/);
  });

  const wrongTypes: ReadonlyArray<readonly [string, unknown, RegExp]> = [
    ['volt', '220', /numeric string/],
    ['volt', 'high', /string/],
    ['volt', true, /boolean/],
    ['volt', null, /null/],
    ['pcbTemp', {}, /object/],
    ['pcbTemp', [], /array/],
    ['idx', -1, /non-negative integer/],
    ['idx', 1.5, /non-negative integer/],
    ['status', -4, /non-negative integer/],
    ['aArc', 'yesterday', /non-negative integer/],
    ['aArc', -1, /non-negative integer/],
    ['deviceId', -1.5, /deviceId/],
    ['deviceId', true, /deviceId/],
    ['deviceId', '', /deviceId/],
    ['deviceId', '   ', /deviceId/],
    ['deviceId', 'x'.repeat(129), /deviceId/],
    ['deviceId', null, /deviceId/],
    ['verifySts', 'x', /verifySts/],
    ['verifySts', null, /verifySts/],
    ['co', Number.POSITIVE_INFINITY, /finite/],
    ['voc', Number.NaN, /finite/],
    ['idx', 2 ** 53, /non-negative integer/],
  ];
  for (const [key, value, pattern] of wrongTypes) {
    test(`${key} = ${String(JSON.stringify(value) ?? value)} → INVALID_TYPE`, () => {
      const error = refusal(quietMessage({ [key]: value }));
      assert.equal(error.code, 'INVALID_TYPE');
      assert.equal(error.field, key);
      assert.ok(error.message.includes(`'${key}'`), error.message);
      assert.match(error.message, pattern);
    });
  }

  test('negative and fractional measures are numbers and are accepted (validation flags them)', () => {
    assert.equal(reading(quietMessage({ volt: -5 })).voltage, -5);
    assert.equal(reading(quietMessage({ ct: 0.001 })).current, 0.001);
  });

  test('the first problem in field order is the one reported', () => {
    const error = refusal(quietMessage({ volt: 'x', pcbTemp: null, timestamp: 'bad' }));
    assert.equal(error.field, 'volt');
    const later = refusal(without(quietMessage({ pcbTemp: null }), 'idx'));
    assert.equal(later.code, 'MISSING_FIELD');
    assert.equal(later.field, 'idx');
  });

  test('unknown extra fields are ignored', () => {
    assert.equal(reading(quietMessage({ firmware: '1.2.3', nested: { a: [1] } })).device_id, 'TEST001');
  });

  test('a message with a throwing getter is refused, not thrown', () => {
    const hostile = quietMessage();
    Object.defineProperty(hostile, 'volt', {
      get(): number {
        throw new Error('boom');
      },
    });
    assert.equal(refusal(hostile).code, 'INVALID_MESSAGE');
    const proxy = new Proxy(quietMessage(), {
      get(): never {
        throw new Error('boom');
      },
    });
    assert.equal(refusal(proxy).code, 'INVALID_MESSAGE');
  });
});

describe('scoreLine', () => {
  const engine = createScoringEngine({ history: false });
  test('a line that is not JSON is INVALID_JSON', () => {
    for (const line of ['{"deviceId": "X", "idx": 1', 'ÿþ not json at all', '{,}', 'NaN', "{'a': 1}"]) {
      const outcome = engine.scoreLine(line);
      assert.equal(outcome.ok ? 'scored' : outcome.error.code, 'INVALID_JSON', line);
    }
  });
  test('an empty or blank line is INVALID_JSON', () => {
    for (const line of ['', '   ', '\t', '\r']) {
      const outcome = engine.scoreLine(line);
      assert.equal(outcome.ok ? 'scored' : outcome.error.code, 'INVALID_JSON', JSON.stringify(line));
    }
  });
  test('JSON that is not an object is INVALID_MESSAGE', () => {
    for (const line of ['[1, 2, 3]', '1', '"text"', 'null', 'true']) {
      const outcome = engine.scoreLine(line);
      assert.equal(outcome.ok ? 'scored' : outcome.error.code, 'INVALID_MESSAGE', line);
    }
  });
  test('a byte-order mark, surrounding white space and CRLF endings are tolerated', () => {
    const line = JSON.stringify(quietMessage());
    for (const variant of [`\uFEFF${line}`, `  ${line}  `, `${line}\r`]) {
      assert.equal(engine.scoreLine(variant).ok, true, JSON.stringify(variant.slice(0, 3)));
    }
  });
});
