import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../../renderer/src/i18n/en';
import { ko } from '../../../renderer/src/i18n/ko';
import { STATUS_BIT_NAMES, decodeStatusFlags } from '../../../renderer/src/model/status-bits';

describe('decodeStatusFlags', () => {
  it('names bit i as the i-th alarm of the source system', () => {
    assert.deepEqual(STATUS_BIT_NAMES, [
      'overvoltage',
      'power_outage',
      'overcurrent',
      'total_leakage',
      'resistive_leakage',
      'power_anomaly',
      'pcb_temp_alarm',
      'sensor_temp_alarm',
      'co_alarm',
      'voc_alarm',
      'power_factor_alarm',
      'arc_alarm',
    ]);
    STATUS_BIT_NAMES.forEach((name, bit) => {
      assert.deepEqual(decodeStatusFlags(1 << bit), [name]);
    });
  });

  it('lists every bit that is set, in bit order', () => {
    assert.deepEqual(decodeStatusFlags(0b1000_0000_0101), ['overvoltage', 'overcurrent', 'arc_alarm']);
    assert.deepEqual(decodeStatusFlags(4095), STATUS_BIT_NAMES);
  });

  it('sets nothing for a clean word', () => {
    assert.deepEqual(decodeStatusFlags(0), []);
  });

  it('reports a communication error from 4096 up, first, keeping the low bits as the seed does', () => {
    assert.deepEqual(decodeStatusFlags(4095), STATUS_BIT_NAMES);
    assert.deepEqual(decodeStatusFlags(4096), ['communication_error']);
    assert.deepEqual(decodeStatusFlags(4096 + 0b101), ['communication_error', 'overvoltage', 'overcurrent']);
    assert.deepEqual(decodeStatusFlags(2 ** 32 + 1), ['communication_error', 'overvoltage']);
  });

  it('sets nothing for a missing or malformed word rather than guessing', () => {
    for (const status of [null, undefined, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(decodeStatusFlags(status), []);
    }
  });

  it('has a chip label and a full name for every flag in both languages', () => {
    for (const flag of [...STATUS_BIT_NAMES, 'communication_error' as const]) {
      for (const messages of [en, ko]) {
        assert.ok(messages.statusFlags[flag].length > 0);
        assert.ok(messages.statusFlagsLong[flag].length > 0);
      }
    }
  });
});
