import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromItem, numberText, toAttributeValue, toItem } from '../../../electron/host/cloud/attribute-values';
import {
  alertRecord,
  alertTimestamp,
  cloudAlertFromRow,
  cloudDeviceFromRow,
  deviceStateRecord,
  messageFromRawRow,
  rawDataRecord,
} from '../../../electron/host/cloud/table-items';
import { applyAlarmEvent, devicePoint, newAlarmRecord, alarmPoint, DEFAULT_ALARM_CONFIG } from '../../../shared/alarms/index';
import type { AlarmRecord } from '../../../shared/alarms/index';
import { createScoringEngine } from '../../../shared/scoring/index';
import type { ScoredReading } from '../../../shared/scoring/index';

const CONSOLE = { id: 'site-1', name: 'Plant 2' };
const NOW = Date.UTC(2026, 2, 1, 9, 0, 0);

function scored(overrides: Record<string, unknown> = {}): ScoredReading {
  const outcome = createScoringEngine().scoreMessage({
    deviceId: 'DEV0001', idx: 7, timestamp: '2026-03-01T09:00:00.250Z', status: 4 | 2048,
    volt: 221.5, voltLow: 0, ct: 101.25, zct: 3.5, rzct: 1.25, pwr: 20.1, pcbTemp: 52.5, sensorTemp: 48,
    co: 18, voc: 120, pFct: 0.93, aArc: 2, ...overrides,
  });
  assert.ok(outcome.ok);
  return outcome.result;
}

describe('the seed\'s convert_to_dynamodb_format', () => {
  it('writes numbers as DynamoDB numbers, maps as maps, lists as lists, booleans and None as themselves', () => {
    assert.deepEqual(toAttributeValue(0.1), { N: '0.1' });
    assert.deepEqual(toAttributeValue(42), { N: '42' });
    assert.deepEqual(toAttributeValue(-0), { N: '0' });
    assert.deepEqual(toAttributeValue(true), { BOOL: true });
    assert.deepEqual(toAttributeValue(null), { NULL: true });
    assert.deepEqual(toAttributeValue('x'), { S: 'x' });
    assert.deepEqual(toAttributeValue([1, 'a', [false]]), { L: [{ N: '1' }, { S: 'a' }, { L: [{ BOOL: false }] }] });
    assert.deepEqual(toAttributeValue({ a: { b: 1.5 } }), { M: { a: { M: { b: { N: '1.5' } } } } });
  });

  it('writes what DynamoDB cannot hold (NaN, infinities, beyond 1E126) as NULL rather than failing the item', () => {
    assert.deepEqual(toAttributeValue(Number.NaN), { NULL: true });
    assert.deepEqual(toAttributeValue(Number.POSITIVE_INFINITY), { NULL: true });
    assert.equal(numberText(1e200), null);
    assert.equal(numberText(1e-200), null);
    assert.equal(numberText(9.5e125), '9.5e+125');
  });

  it('leaves out undefined fields and reads every value back as it was', () => {
    const record = { device_id: 'D', n: 1.25, nested: { ok: true, list: [1, 2] }, gone: undefined, none: null };
    const item = toItem(record);
    assert.deepEqual(Object.keys(item), ['device_id', 'n', 'nested', 'none']);
    assert.deepEqual(fromItem(item), { device_id: 'D', n: 1.25, nested: { ok: true, list: [1, 2] }, none: null });
  });

  it('numbers round-trip exactly (the shortest text of the double)', () => {
    for (const x of [0.1 + 0.2, 1 / 3, 220.00000000000003, 1e-7, 123456789.123456789]) {
      assert.equal(Number((toAttributeValue(x) as { N: string }).N), x);
    }
  });
});

describe('RawData and DeviceState rows', () => {
  it('RawData has the seed\'s fields (co_gas, alarm_status and risk_indicators as maps) and a 30-day ttl', () => {
    const reading = scored();
    const item = toItem(rawDataRecord(reading, CONSOLE, NOW));
    assert.deepEqual(item.device_id, { S: 'DEV0001' });
    assert.deepEqual(item.timestamp, { S: '2026-03-01T09:00:00.250Z' });
    assert.deepEqual(item.ttl, { N: String(NOW / 1000 + 30 * 86400) });
    assert.deepEqual(item.co_gas, { N: '18' });
    assert.deepEqual(item.current, { N: '101.25' });
    assert.equal(item.alarm_status?.M?.overcurrent?.BOOL, true);
    assert.equal(item.alarm_status?.M?.arc_alarm?.BOOL, true);
    assert.deepEqual(item.alarm_status?.M?.total_alarm_count, { N: '2' });
    assert.equal(item.risk_indicators?.M?.temperature_risk?.S, 'HIGH');
    assert.ok(item.risk_indicators?.M?.total_risk_score?.N);
    assert.deepEqual(item.risk_level, { S: reading.risk_level });
    assert.equal(item.verify_status, undefined, 'absent verifySts is left out');
  });

  it('a RawData row reads back as the device message it came from, and scores the same', () => {
    const reading = scored();
    const row = fromItem(toItem(rawDataRecord(reading, CONSOLE, NOW)));
    const parsed = messageFromRawRow(row);
    assert.ok(parsed);
    assert.equal(parsed.timestampMs, reading.timestamp_ms);
    const again = createScoringEngine().scoreMessage(parsed.message);
    assert.ok(again.ok);
    assert.deepEqual(again.result, reading);
  });

  it('reads rows of the seed\'s own Lambda: co_gas, Python timestamps without zone', () => {
    const row = {
      device_id: 'X1', timestamp: '2026-03-01T09:00:00.123456', idx: 1, status_bits: 0, voltage: 220, voltage_low: 0,
      current: 10, leakage_current: 1, resistive_leakage: 0.5, power: 2.2, pcb_temperature: 30, sensor_temperature: 31,
      co_gas: 2, voc: 50, power_factor: 0.95, arc_count: 0,
    };
    const parsed = messageFromRawRow(row);
    assert.equal(parsed?.timestampMs, Date.UTC(2026, 2, 1, 9, 0, 0, 123));
    assert.equal(parsed?.message.co, 2);
    assert.equal(messageFromRawRow({ ...row, timestamp: 'yesterday' }), null);
  });

  it('DeviceState is update_device_state\'s fields as one put', () => {
    const reading = scored();
    const record = deviceStateRecord(reading, 17, CONSOLE, NOW);
    assert.deepEqual(
      { ...record, updated_at: undefined, console_id: undefined },
      {
        device_id: 'DEV0001', last_seen: reading.timestamp, current_risk_level: reading.risk_level, current_risk_score: reading.risk_score,
        last_temperature: 52.5, last_arc_count: 2, total_alarms: 17, last_status_bits: reading.status_bits, last_idx: 7,
        updated_at: undefined, console_id: undefined,
      },
    );
    const back = cloudDeviceFromRow(fromItem(toItem(record)));
    assert.equal(back?.last_seen_ms, reading.timestamp_ms);
    assert.equal(back?.risk_level, reading.risk_level);
    assert.equal(back?.total_alarms, 17);
  });
});

function raised(deviceId: string, source: Parameters<typeof devicePoint>[1], at: number): AlarmRecord {
  const record = newAlarmRecord(devicePoint(deviceId, source), at, { zone: 'B1' });
  const outcome = applyAlarmEvent(record, { type: 'condition_active', at, value: 1, message: `${source} on ${deviceId}`, risk_score: 0.8 }, DEFAULT_ALARM_CONFIG);
  assert.ok(outcome.ok);
  return outcome.alarm;
}

describe('Alerts rows', () => {
  it('key: the device and the activation time; zone alarms under zone:<id>; console trouble stays local', () => {
    const at = Date.UTC(2026, 2, 1, 9, 0, 0, 250);
    const arc = raised('DEV0001', 'arc_alarm', at);
    const item = alertRecord(arc, CONSOLE, NOW);
    assert.equal(item?.device_id, 'DEV0001');
    assert.match(String(item?.alert_timestamp), /^2026-03-01T09:00:00\.250\d{3}Z$/);
    assert.equal(Date.parse(String(item?.alert_timestamp)), at);
    assert.equal(item?.alarm_id, arc.id);
    assert.equal(item?.resolved, false);
    assert.equal(item?.alert_level, 'HIGH');
    assert.equal(item?.ttl, NOW / 1000 + 90 * 86400);

    const zone = newAlarmRecord(alarmPoint('B1', 'HIGH_RISK_CLUSTER'), at, { zone: 'B1' });
    const zoneActive = applyAlarmEvent(zone, { type: 'condition_active', at, value: 2, message: 'cluster' }, DEFAULT_ALARM_CONFIG);
    assert.ok(zoneActive.ok);
    assert.equal(alertRecord(zoneActive.alarm, CONSOLE, NOW)?.device_id, 'zone:B1');

    const trouble = newAlarmRecord(alarmPoint('host', 'monitoring_lost'), at, {});
    const troubleActive = applyAlarmEvent(trouble, { type: 'condition_active', at, value: null, message: 'lost' }, DEFAULT_ALARM_CONFIG);
    assert.ok(troubleActive.ok);
    assert.equal(alertRecord(troubleActive.alarm, CONSOLE, NOW), null);
  });

  it('two alarms of one device raised by one reading get two rows, the same on every console', () => {
    const at = Date.UTC(2026, 2, 1, 9, 0, 0, 250);
    const a = alertTimestamp(raised('DEV0001', 'arc_alarm', at));
    const b = alertTimestamp(raised('DEV0001', 'overcurrent', at));
    assert.notEqual(a, b);
    assert.equal(alertTimestamp(raised('DEV0001', 'arc_alarm', at)), a);
  });

  it('an acknowledgement is the same row with who, when and the comment', () => {
    const at = Date.UTC(2026, 2, 1, 9, 0, 0, 250);
    const arc = raised('DEV0001', 'arc_alarm', at);
    const acked = applyAlarmEvent(arc, { type: 'acknowledge', at: at + 5000, actor: { operator: 'kim', station: 'desk-1', role: 'operator' }, comment: 'sent an electrician' }, DEFAULT_ALARM_CONFIG);
    assert.ok(acked.ok);
    const before = alertRecord(arc, CONSOLE, NOW);
    const after = alertRecord(acked.alarm, CONSOLE, NOW);
    assert.equal(after?.alert_timestamp, before?.alert_timestamp);
    assert.equal(after?.acknowledged_by, 'kim');
    assert.equal(after?.acknowledged_at, new Date(at + 5000).toISOString());
    assert.equal(after?.comment, 'sent an electrician');
    assert.equal(after?.last_change_ms, at + 5000);
    const back = cloudAlertFromRow(fromItem(toItem(after ?? {})));
    assert.equal(back?.acknowledged_by, 'kim');
    assert.equal(back?.source, 'cloud');
    assert.equal(back?.at_ms, at);
  });
});
