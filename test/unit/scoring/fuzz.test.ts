import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RISK_LEVELS, createScoringEngine, serializeContractOutcome } from '../../../shared/scoring/index';
import type { ScoreOutcome } from '../../../shared/scoring/index';
import { readFixtureLines } from './golden-fixtures';
import { quietMessage } from './message-builder';

// Whatever arrives, the engine answers with a result or an error code, and never throws.

const CODES = new Set(['INVALID_JSON', 'INVALID_MESSAGE', 'MISSING_FIELD', 'INVALID_TYPE', 'INVALID_TIMESTAMP']);

/** A small seeded generator, so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRANGE_STRINGS = ['', ' ', '220', '-1', '1e999', 'NaN', '\u0000', '한글 디바이스', '🔥', '\uD800', 'x'.repeat(300), '2026-03-01T09:00:00.000Z'];
const STRANGE_NUMBERS = [0, -0, -1, 1.5, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 4096, 4095, 1772363012115, 253402300800000];

function randomValue(rand: () => number, depth: number): unknown {
  const pick = Math.floor(rand() * 10);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return STRANGE_NUMBERS[Math.floor(rand() * STRANGE_NUMBERS.length)];
    case 3:
      return (rand() - 0.5) * 10 ** Math.floor(rand() * 12);
    case 4:
      return STRANGE_STRINGS[Math.floor(rand() * STRANGE_STRINGS.length)];
    case 5:
      return depth > 3 ? [] : Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    case 6:
      return depth > 3 ? {} : { a: randomValue(rand, depth + 1), 'ü': randomValue(rand, depth + 1) };
    default:
      return Math.floor(rand() * 1000);
  }
}

function checkOutcome(outcome: ScoreOutcome, what: string): void {
  if (outcome.ok) {
    const r = outcome.result;
    for (const value of [r.risk_score, r.rule_based_risk, r.pattern_risk, r.confidence]) {
      assert.ok(Number.isFinite(value) && value >= 0 && value <= 1, `${what}: ${value}`);
    }
    assert.ok(r.status_risk >= 0 && r.status_risk <= 1);
    assert.ok(r.risk_modifier >= 1 && r.risk_modifier <= 2);
    assert.ok(RISK_LEVELS.includes(r.risk_level));
    assert.match(r.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  } else {
    assert.ok(CODES.has(outcome.error.code), `${what}: ${outcome.error.code}`);
    assert.equal(typeof outcome.error.message, 'string');
    assert.ok(outcome.error.message.length > 0 && outcome.error.message.length < 400, `${what}: message length`);
  }
  // Every outcome serializes to one line of valid JSON.
  const line = serializeContractOutcome(outcome);
  assert.ok(!line.includes('\n'));
  JSON.parse(line);
}

const FIELDS = Object.keys(quietMessage());

describe('never throws', () => {
  test('random JSON values as whole messages', () => {
    const rand = mulberry32(1);
    const engine = createScoringEngine();
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(rand, 0);
      checkOutcome(engine.scoreMessage(value), `message ${i}`);
      checkOutcome(engine.scoreLine(JSON.stringify(value) ?? ''), `line ${i}`);
    }
  });

  test('random values in the fields of a valid message', () => {
    const rand = mulberry32(2);
    const engine = createScoringEngine();
    let scored = 0;
    for (let i = 0; i < 20000; i++) {
      const message = quietMessage({ timestamp: 1772355600000 + i * 1000 });
      const changes = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < changes; c++) {
        const key = FIELDS[Math.floor(rand() * FIELDS.length)] as string;
        if (rand() < 0.15) delete message[key];
        else message[key] = randomValue(rand, 0);
      }
      const outcome = engine.scoreMessage(message);
      if (outcome.ok) scored++;
      checkOutcome(outcome, JSON.stringify(message));
      checkOutcome(engine.scoreLine(JSON.stringify(message)), JSON.stringify(message));
    }
    assert.ok(scored > 100, 'some of them are still valid readings');
  });

  test('golden lines cut, spliced and garbled', () => {
    const rand = mulberry32(3);
    const lines = readFixtureLines('scoring-input.jsonl.gz').slice(0, 500);
    const engine = createScoringEngine();
    for (const line of lines) {
      for (let k = 0; k < 6; k++) {
        const at = Math.floor(rand() * line.length);
        const variants = [
          line.slice(0, at),
          line.slice(at),
          `${line.slice(0, at)}${String.fromCharCode(Math.floor(rand() * 0xffff))}${line.slice(at + 1)}`,
          `${line.slice(0, at)}${line}`,
        ];
        for (const variant of variants) checkOutcome(engine.scoreLine(variant), variant);
      }
    }
  });

  test('deep nesting, huge numbers, huge lines, unicode', () => {
    const engine = createScoringEngine();
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    checkOutcome(engine.scoreLine(deep), 'deep array');
    checkOutcome(engine.scoreLine(`{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_001)}`), 'deep object');
    let nested: unknown = quietMessage();
    for (let i = 0; i < 100_000; i++) nested = { deviceId: nested };
    checkOutcome(engine.scoreMessage(nested), 'deep object value');
    const huge = engine.scoreLine(JSON.stringify(quietMessage()).replace('"volt":220', '"volt":1e400'));
    assert.equal(huge.ok ? 'scored' : huge.error.code, 'INVALID_TYPE');
    checkOutcome(engine.scoreMessage(quietMessage({ volt: 1e308, ct: 1e308, pwr: -1e308 })), 'overflowing power');
    checkOutcome(engine.scoreMessage(quietMessage({ pcbTemp: 1e308, sensorTemp: -1e308 })), 'overflowing difference');
    checkOutcome(engine.scoreMessage(quietMessage({ aArc: 2 ** 53 - 1, status: 2 ** 53 - 1, idx: 2 ** 53 - 1 })), 'largest integers');
    checkOutcome(engine.scoreLine(JSON.stringify(quietMessage({ unknown: 'x'.repeat(2_000_000) }))), 'two-megabyte line');
    const unicode = engine.scoreMessage(quietMessage({ deviceId: '분전반-3층-🔥-"quoted"\\' }));
    assert.ok(unicode.ok);
    assert.equal(JSON.parse(serializeContractOutcome(unicode)).device_id, '분전반-3층-🔥-"quoted"\\');
    checkOutcome(engine.scoreLine('\u2028{}\u2029'), 'line separators');
    checkOutcome(engine.scoreLine('\uD800\uDC00\uDFFF'), 'surrogates');
  });

  test('objects that are not plain', () => {
    const engine = createScoringEngine();
    const values: unknown[] = [
      Object.create(null),
      Object.assign(Object.create(null), quietMessage()),
      new Date(),
      new Map(),
      /regex/,
      () => 1,
      Symbol('s'),
      10n,
      new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => { throw new Error('boom'); } }),
    ];
    for (const value of values) {
      checkOutcome(engine.scoreMessage(value), String(typeof value));
      checkOutcome(engine.scoreLine(value as string), `line of ${typeof value}`);
    }
    const revocable = Proxy.revocable([], {});
    revocable.revoke();
    checkOutcome(engine.scoreMessage(revocable.proxy), 'revoked proxy');
    const nullProto = engine.scoreMessage(Object.assign(Object.create(null), quietMessage()));
    assert.equal(nullProto.ok, true);
  });
});
