import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeByPriority, alarmLookupFrom } from '../../../renderer/src/model/alarm-lookup';
import { buildMatrixRows, cellsFromAlarms, cellsFromStatus, columnTotals, MATRIX_COLUMNS, sortMatrixRows } from '../../../renderer/src/model/matrix';
import { device, scored } from './fixtures';

const lit = (cells: ReadonlyArray<string>): string[] => MATRIX_COLUMNS.filter((_, i) => cells[i] !== 'off');

describe('alarm-bit matrix', () => {
  it('has the twelve bits in bit order, then communication', () => {
    assert.equal(MATRIX_COLUMNS.length, 13);
    assert.equal(MATRIX_COLUMNS[0], 'overvoltage');
    assert.equal(MATRIX_COLUMNS[11], 'arc_alarm');
    assert.equal(MATRIX_COLUMNS[12], 'communication');
  });

  it('lights a cell per set status bit, and communication for an error or silence', () => {
    assert.deepEqual(lit(cellsFromStatus(device('A', { status_bits: 1060 }))), ['overcurrent', 'power_anomaly', 'power_factor_alarm']);
    assert.deepEqual(lit(cellsFromStatus(device('B', { status_bits: 768 }))), ['co_alarm', 'voc_alarm']);
    assert.deepEqual(lit(cellsFromStatus(device('C', { status_bits: 4096 + 2048 }))), ['arc_alarm', 'communication']);
    assert.deepEqual(lit(cellsFromStatus(device('D', { online: false }))), ['communication']);
    assert.deepEqual(lit(cellsFromStatus(device('E', { online: false, last_seen: null, status_bits: null }))), [], 'never seen is not a lost link');
    assert.deepEqual(lit(cellsFromStatus(device('F', { status_bits: 2 ** 33 + 1 }))), ['overvoltage', 'communication'], 'beyond 32 bits');
    assert.deepEqual(lit(cellsFromStatus(device('G', { status_bits: -1 }))), []);
  });

  it('lights cells by alarm state when the alarm service is there', () => {
    const lookup = alarmLookupFrom([
      { device_id: 'A', source: 'overcurrent', state: 'unacknowledged' },
      { device_id: 'A', source: 'communication_loss', state: 'shelved' },
      { device_id: 'A', source: 'arc_alarm', state: 'normal' },
      { device_id: null, source: 'monitoring_lost', state: 'unacknowledged' },
      { device_id: 'B', source: 'co_alarm', state: 'acknowledged' },
    ]);
    const cells = cellsFromAlarms('A', lookup);
    assert.equal(cells[2], 'unacknowledged');
    assert.equal(cells[12], 'shelved');
    assert.equal(cells[11], 'off', 'a point back to normal is off');
    assert.deepEqual([...lookup.alarmedDeviceIds].sort(), ['A', 'B']);
    const rows = buildMatrixRows([device('A', { status_bits: 0 }), device('B')], lookup);
    assert.deepEqual(rows.map((r) => r.lit), [2, 1], 'the alarm states decide, not the bits');
  });

  it('sorts by lit cells, by a column (calling first), by risk or by name, with a stable fallback', () => {
    const rows = buildMatrixRows(
      [
        { ...scored('DEV0001', 'NORMAL'), status_bits: 0 },
        { ...scored('DEV0002', 'LOW'), status_bits: 4 },
        { ...scored('DEV0003', 'HIGH'), status_bits: 4 + 8 + 16 },
        { ...scored('DEV0010', 'CRITICAL'), status_bits: 2048, zone: 'A' },
      ],
      null,
    );
    const order = (key: Parameters<typeof sortMatrixRows>[1], dir: 'asc' | 'desc'): string[] => sortMatrixRows(rows, key, dir).map((r) => r.device.device_id);
    assert.deepEqual(order('lit', 'desc'), ['DEV0003', 'DEV0010', 'DEV0002', 'DEV0001']);
    assert.deepEqual(order('overcurrent', 'desc'), ['DEV0003', 'DEV0002', 'DEV0010', 'DEV0001']);
    assert.deepEqual(order('arc_alarm', 'desc')[0], 'DEV0010');
    assert.deepEqual(order('risk', 'desc'), ['DEV0010', 'DEV0003', 'DEV0002', 'DEV0001']);
    assert.deepEqual(order('device', 'asc'), ['DEV0001', 'DEV0002', 'DEV0003', 'DEV0010']);
    assert.deepEqual(order('device', 'desc'), ['DEV0010', 'DEV0003', 'DEV0002', 'DEV0001']);
    assert.deepEqual(order('zone', 'asc')[0], 'DEV0010');
  });

  it('counts the devices lighting each column', () => {
    const rows = buildMatrixRows([device('A', { status_bits: 4 }), device('B', { status_bits: 4 + 4096 }), device('C')], null);
    const totals = columnTotals(rows);
    assert.equal(totals[2], 2);
    assert.equal(totals[12], 1);
    assert.equal(totals.reduce((a, b) => a + b, 0), 3);
  });

  it('counts standing alarms by priority, leaving out shelved ones', () => {
    assert.deepEqual(
      activeByPriority([
        { priority: 'critical', state: 'unacknowledged' },
        { priority: 'critical', state: 'acknowledged' },
        { priority: 'high', state: 'rtn_unacknowledged' },
        { priority: 'low', state: 'shelved' },
        { priority: 'medium', state: 'out_of_service' },
      ]),
      { critical: 2, high: 1, medium: 0, low: 0 },
    );
  });
});
