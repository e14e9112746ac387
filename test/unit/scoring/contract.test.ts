import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CONTRACT_FIELDS,
  createScoringEngine,
  serializeContractError,
  serializeContractResult,
  toContractRecord,
} from '../../../shared/scoring/index';
import { quietMessage } from './message-builder';

describe('contract record', () => {
  const engine = createScoringEngine({ history: false });
  const outcome = engine.scoreMessage(quietMessage({ status: 4097, verifySts: 1, volt: 400, aArc: 2 }));
  assert.ok(outcome.ok);
  const result = outcome.result;

  test('the serialized line is the plain record, field for field and in order', () => {
    const parsed = JSON.parse(serializeContractResult(result));
    assert.deepEqual(Object.keys(parsed), CONTRACT_FIELDS);
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(toContractRecord(result))));
    assert.deepEqual(parsed.validation, { is_valid: false, warnings: ['STATUS_VERIFY_MISMATCH'], errors: ['VOLTAGE_OUT_OF_RANGE'] });
    assert.equal(parsed.alarm_status.communication_error, true);
    assert.equal(parsed.status_risk, 0.8);
  });

  test('extras are appended after the contract fields', () => {
    const parsed = JSON.parse(serializeContractResult(result, { recommendations: ['a'], skipped: undefined }));
    assert.deepEqual(Object.keys(parsed), [...CONTRACT_FIELDS, 'recommendations']);
  });

  test('the scored reading carries the measures a display needs', () => {
    for (const key of [
      'voltage',
      'voltage_low',
      'current',
      'leakage_current',
      'resistive_leakage',
      'power',
      'pcb_temperature',
      'sensor_temperature',
      'co',
      'voc',
      'power_factor',
      'arc_count',
      'timestamp_ms',
    ] as const) {
      assert.equal(typeof result[key], 'number', key);
    }
  });

  test('an error line holds only code and message', () => {
    assert.equal(
      serializeContractError({ code: 'MISSING_FIELD', message: "missing field 'volt'", field: 'volt' }),
      '{"error":{"code":"MISSING_FIELD","message":"missing field \'volt\'"}}',
    );
  });
});
