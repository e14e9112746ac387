import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AlarmConfigError,
  DEFAULT_ALARM_CONFIG,
  mergeAlarmConfig,
  priorityOf,
  resolveAlarmConfig,
  soundOf,
} from '../../../shared/alarms/config';
import { alarmPoint, alarmPointId, parseAlarmPointId } from '../../../shared/alarms/points';
import { ALARM_SOURCES, ANALYTICS_EVENT_NAMES, scopeOfSource, sourceCategory } from '../../../shared/alarms/sources';
import { STATUS_BIT_NAMES } from '../../../shared/scoring/status-bits';

describe('sources', () => {
  test('every status bit, communication loss, risk, 12 analytics events, data quality and console trouble', () => {
    // Console trouble: monitoring lost, audio not armed, store failing, system health (issue 11).
    assert.equal(ALARM_SOURCES.length, 12 + 1 + 2 + 12 + 2 + 4);
    for (const bit of STATUS_BIT_NAMES) assert.equal(sourceCategory(bit), 'status_bit');
    assert.equal(ANALYTICS_EVENT_NAMES.length, 12);
    assert.equal(new Set(ALARM_SOURCES).size, ALARM_SOURCES.length);
    assert.equal(scopeOfSource('HIGH_RISK_CLUSTER'), 'zone');
    assert.equal(scopeOfSource('TEMP_DIVERGENCE'), 'zone');
    assert.equal(scopeOfSource('monitoring_lost'), 'console');
    assert.equal(scopeOfSource('system_health'), 'console');
    assert.equal(scopeOfSource('ARC_PATTERN'), 'device');
  });
});

describe('point ids', () => {
  test('are stable and readable', () => {
    assert.equal(alarmPointId('device', 'DEV0001', 'co_alarm'), 'device:DEV0001:co_alarm');
    assert.equal(alarmPoint('DEV0001', 'co_alarm').id, alarmPoint('DEV0001', 'co_alarm').id);
    assert.equal(alarmPoint('host', 'monitoring_lost').id, 'console:host:monitoring_lost');
  });

  test('round-trip any device or zone name', () => {
    for (const target of ['DEV:0001', 'Building A / Floor 2', '공장 2동', 'a%b', 'x+y#z']) {
      const point = alarmPoint(target, 'HIGH_RISK_CLUSTER');
      assert.deepEqual(parseAlarmPointId(point.id), point);
    }
  });

  test('refuse what is not a point id', () => {
    for (const id of ['', 'device', 'device:X', 'device::co_alarm', 'device:X:nope', 'zone:X:co_alarm', 'device:a%2:co_alarm', 'device:a:b:co_alarm']) {
      assert.equal(parseAlarmPointId(id), null, id);
    }
  });
});

describe('priorities and sounds', () => {
  test('follow the seed severities of issue 7', () => {
    for (const source of ['risk_critical', 'TEMPERATURE_CRITICAL', 'RISK_EMERGENCY', 'HIGH_RISK_CLUSTER'] as const) {
      assert.equal(priorityOf(source), 'critical', source);
      assert.equal(soundOf(source, priorityOf(source)), 'temporal-3');
    }
    for (const source of ['pcb_temp_alarm', 'sensor_temp_alarm', 'arc_alarm'] as const) {
      assert.equal(priorityOf(source), 'high');
      assert.equal(soundOf(source, 'high'), 'chime');
    }
    assert.equal(soundOf('co_alarm', priorityOf('co_alarm')), 'temporal-4');
    assert.equal(soundOf('voc_alarm', priorityOf('voc_alarm')), 'temporal-4');
    assert.equal(soundOf('overcurrent', priorityOf('overcurrent')), 'none');
    assert.equal(soundOf('clock_skew', priorityOf('clock_skew')), 'none');
  });

  test('a source pattern applies only when the priority is audible', () => {
    assert.equal(soundOf('co_alarm', 'medium'), 'none');
    assert.equal(soundOf('co_alarm', 'critical'), 'temporal-4');
  });
});

describe('site configuration', () => {
  test('no override gives the defaults; an override merges per source', () => {
    assert.equal(resolveAlarmConfig(undefined), DEFAULT_ALARM_CONFIG);
    const config = resolveAlarmConfig({ priorities: { co_alarm: 'critical' }, shelve: { maxMinutes: 60 }, silence: { resoundMs: 120_000 } });
    assert.equal(config.priorities.co_alarm, 'critical');
    assert.equal(config.priorities.arc_alarm, 'high', 'other sources keep their defaults');
    assert.equal(config.shelve.maxMinutes, 60);
    assert.equal(config.shelve.supervisorMaxMinutes, DEFAULT_ALARM_CONFIG.shelve.supervisorMaxMinutes);
    assert.equal(config.silence.resoundMs, 120_000);
    assert.deepEqual(config.sounds.bySource, DEFAULT_ALARM_CONFIG.sounds.bySource);
    assert.ok(Object.isFrozen(config.priorities));
  });

  test('every bad field is named', () => {
    const outcome = mergeAlarmConfig({
      priorities: { co_alarm: 'urgent', nonsense: 'high' },
      shelve: { maxMinutes: -1 },
      flood: { moreThan: 2.5 },
      escalation: { priorities: 'critical' },
      extra: 1,
      suppression: [{ while: 'monitoring_lost', suppresses: ['monitoring_lost'] }],
    });
    assert.ok(!outcome.ok);
    assert.deepEqual(outcome.errors.slice(0, 6), [
      'alarms.priorities.co_alarm must be one of critical, high, medium, low, got the string "urgent"',
      `alarms.priorities.nonsense is not an alarm source (one of ${ALARM_SOURCES.join(', ')})`,
      'alarms.shelve.maxMinutes must be a positive number, got -1',
      'alarms.flood.moreThan must be a positive whole number, got 2.5',
      'alarms.escalation.priorities must be a list, got the string "critical"',
      'alarms.extra is not a setting',
    ]);
    assert.throws(() => resolveAlarmConfig({ shelve: 'long' }), AlarmConfigError);
  });

  test('cross-field rules', () => {
    const outcome = mergeAlarmConfig({ shelve: { maxMinutes: 100, supervisorMaxMinutes: 50 } });
    assert.ok(!outcome.ok);
    assert.match(outcome.errors[0]!, /supervisorMaxMinutes \(50\) must not be below shelve\.maxMinutes \(100\)/);
    const own = mergeAlarmConfig({ suppression: [{ while: 'monitoring_lost', suppresses: ['monitoring_lost'] }] });
    assert.ok(!own.ok);
    assert.match(own.errors[0]!, /must not suppress its own source/);
  });
});
