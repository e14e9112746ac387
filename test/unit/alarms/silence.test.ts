import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeAlarmConfig } from '../../../shared/alarms/config';
import { emptySilence, louderSound, silenceStation, stationSound } from '../../../shared/alarms/silence';
import type { AlarmRecord } from '../../../shared/alarms/types';
import { MINUTE, SECOND, T0, ack, active, alarm, cleared, shelveFor, walk } from './helpers';

const t = (minutes: number): number => T0 + minutes * MINUTE;

const fire = (device = 'F1', at = t(0)): AlarmRecord => walk(alarm('risk_critical', device), [active(at)]);
const co = (device = 'C1', at = t(0)): AlarmRecord => walk(alarm('co_alarm', device), [active(at)]);
const arc = (device = 'A1', at = t(0)): AlarmRecord => walk(alarm('arc_alarm', device), [active(at)]);
const medium = (device = 'M1', at = t(0)): AlarmRecord => walk(alarm('overcurrent', device), [active(at)]);

describe('what a station sounds', () => {
  test('nothing with no alarms, or only medium and low ones', () => {
    assert.equal(stationSound([], null, t(0)).sound, 'none');
    assert.equal(stationSound([medium(), walk(alarm('clock_skew'), [active(t(0))])], null, t(0)).sound, 'none');
  });

  test('the loudest class among audible alarms: fire over CO over chime', () => {
    assert.equal(stationSound([arc()], null, t(1)).sound, 'chime');
    assert.equal(stationSound([arc(), co()], null, t(1)).sound, 'temporal-4');
    const all = stationSound([arc(), co(), fire(), medium()], null, t(1));
    assert.equal(all.sound, 'temporal-3');
    assert.deepEqual(all.sounding, [fire().id, co().id, arc().id]);
    assert.equal(louderSound('chime', 'temporal-4'), 'temporal-4');
    assert.equal(louderSound('temporal-3', 'temporal-4'), 'temporal-3');
  });

  test('acknowledged, returned-to-normal, shelved and late alarms do not sound', () => {
    const alarms = [
      walk(alarm('co_alarm', 'a'), [active(t(0)), ack(t(1))]),
      walk(alarm('co_alarm', 'b'), [active(t(0)), cleared(t(1))]),
      walk(alarm('co_alarm', 'c'), [active(t(0)), shelveFor(t(1), 10)]),
      walk(alarm('co_alarm', 'd'), [active(t(0), { late: true })]),
      walk(alarm('risk_critical', 'e'), [active(t(0), { late: true })]),
    ];
    assert.equal(stationSound(alarms, null, t(2)).sound, 'none');
  });

  test('a latched critical alarm whose condition cleared still sounds until acknowledged', () => {
    const latched = walk(alarm('risk_critical'), [active(t(0)), cleared(t(1))]);
    assert.equal(stationSound([latched], null, t(2)).sound, 'temporal-3');
    assert.equal(stationSound([walk(latched, [ack(t(2))])], null, t(3)).sound, 'none');
  });
});

describe('silence', () => {
  test('stops the sound at one station only and is not an acknowledgement', () => {
    const alarms = [co()];
    const desk = silenceStation(emptySilence('desk-1'), alarms, t(1));
    assert.equal(stationSound(alarms, desk, t(2)).sound, 'none');
    assert.deepEqual(stationSound(alarms, desk, t(2)).silenced, [alarms[0]!.id]);
    assert.equal(stationSound(alarms, emptySilence('desk-2'), t(2)).sound, 'temporal-4');
    assert.equal(alarms[0]!.state, 'unacknowledged');
  });

  test('a silenced non-critical alarm stays silent; nothing is scheduled to change', () => {
    const alarms = [co(), arc()];
    const silence = silenceStation(emptySilence('desk-1'), alarms, t(1));
    const later = stationSound(alarms, silence, t(600));
    assert.equal(later.sound, 'none');
    assert.equal(later.next_change_at, null);
  });

  test('any new alarm sounds again (only itself)', () => {
    const first = [fire('F1'), co('C1')];
    const silence = silenceStation(emptySilence('desk-1'), first, t(1));
    const withNew = [...first, arc('A9', t(2))];
    const now = stationSound(withNew, silence, t(2));
    assert.equal(now.sound, 'chime');
    assert.deepEqual(now.sounding, [withNew[2]!.id]);
  });

  test('a new activation of an alarm that was silenced sounds again', () => {
    const silence = silenceStation(emptySilence('desk-1'), [co('C1', t(0))], t(1));
    const again = walk(co('C1', t(0)), [cleared(t(2)), ack(t(3)), active(t(4))]);
    assert.equal(stationSound([again], silence, t(4)).sound, 'temporal-4');
  });

  test('a silenced unacknowledged critical alarm sounds again after 5 minutes', () => {
    const alarms = [fire()];
    const silence = silenceStation(emptySilence('desk-1'), alarms, t(1));
    const quiet = stationSound(alarms, silence, t(1) + 5 * MINUTE - 1);
    assert.equal(quiet.sound, 'none');
    assert.equal(quiet.next_change_at, t(6));
    const again = stationSound(alarms, silence, t(6));
    assert.equal(again.sound, 'temporal-3');
    assert.equal(again.next_change_at, null);
  });

  test('silencing again restarts the resound time of a resounded alarm but not of one still silent', () => {
    const alarms = [fire('F1', t(0))];
    let silence = silenceStation(emptySilence('desk-1'), alarms, t(1));
    silence = silenceStation(silence, alarms, t(3)); // F1 still silent: its 5 minutes still run from t(1)
    assert.equal(stationSound(alarms, silence, t(6)).sound, 'temporal-3');
    silence = silenceStation(silence, alarms, t(7)); // resounded: silenced again from t(7)
    assert.equal(stationSound(alarms, silence, t(11)).sound, 'none');
    assert.equal(stationSound(alarms, silence, t(12)).sound, 'temporal-3');
  });

  test('the resound time is configurable', () => {
    const merged = mergeAlarmConfig({ silence: { resoundMs: 30 * SECOND } });
    assert.ok(merged.ok);
    const alarms = [fire()];
    const silence = silenceStation(emptySilence('desk-1'), alarms, t(1), merged.config);
    assert.equal(stationSound(alarms, silence, t(1) + 29 * SECOND, merged.config).sound, 'none');
    assert.equal(stationSound(alarms, silence, t(1) + 30 * SECOND, merged.config).sound, 'temporal-3');
  });

  test('silence keeps only alarms that still call', () => {
    const alarms = [co('C1'), medium()];
    const silence = silenceStation(emptySilence('desk-1'), alarms, t(1));
    assert.deepEqual(Object.keys(silence.silenced), [alarms[0]!.id]);
    const acked = [walk(alarms[0]!, [ack(t(2))])];
    assert.deepEqual(silenceStation(silence, acked, t(3)).silenced, {});
  });
});
