import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { windowEpisodes } from '../../../shared/alarms/activity';
import { chatteringInPeriod, chatteringPoints } from '../../../shared/alarms/chattering';
import { floodEpisodes, floodStatus } from '../../../shared/alarms/flood';
import type { AlarmTransition } from '../../../shared/alarms/types';
import { MINUTE, SECOND, T0, active, alarm, cleared, shelveFor, step, transition } from './helpers';

/** One alarm of its own point at each of the given minutes after T0. */
function alarmsAt(minutes: ReadonlyArray<number>, overrides: Partial<AlarmTransition> = {}): AlarmTransition[] {
  return minutes.map((m, i) => transition(`device:D${i}:overcurrent`, T0 + m * MINUTE, overrides));
}

describe('flood: more than 10 alarms in 10 minutes', () => {
  test('10 alarms in 10 minutes is not a flood; the 11th makes one, first-out the oldest', () => {
    const ten = alarmsAt([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(floodEpisodes(ten), []);
    assert.equal(floodStatus(ten, T0 + 9 * MINUTE).flooding, false);
    assert.equal(floodStatus(ten, T0 + 9 * MINUTE).in_window, 10);
    const eleven = [...ten, ...alarmsAt([9.5]).map((t) => ({ ...t, alarm_id: 'device:LAST:overcurrent' }))];
    const [episode] = floodEpisodes(eleven);
    assert.equal(episode?.started_at, T0 + 9.5 * MINUTE);
    assert.deepEqual(episode?.first_out, { alarm_id: 'device:D0:overcurrent', at: T0 });
    const status = floodStatus(eleven, T0 + 9.5 * MINUTE);
    assert.ok(status.flooding);
    assert.equal(status.episode?.first_out.alarm_id, 'device:D0:overcurrent');
  });

  test('the window is (now − 10 min, now]: an alarm exactly 10 minutes old has left it', () => {
    const spread = alarmsAt([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(floodEpisodes(spread), []);
    const justInside = alarmsAt([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 - 1 / MINUTE]);
    assert.equal(floodEpisodes(justInside).length, 1);
  });

  test('a flood ends when the window holds fewer than 5 alarms', () => {
    // 12 alarms in the first minute, nothing after: the window falls to 4 when the 8th has left it.
    const burst = alarmsAt(Array.from({ length: 12 }, (_, i) => i / 12));
    const [episode] = floodEpisodes(burst);
    assert.equal(episode?.started_at, burst[10]!.at);
    assert.equal(episode?.ended_at, burst[7]!.at + 10 * MINUTE);
    assert.equal(episode?.alarms, 12);
    assert.equal(episode?.peak_in_window, 12);
    assert.equal(floodStatus(burst, burst[7]!.at + 10 * MINUTE - 1).flooding, true);
    assert.equal(floodStatus(burst, burst[7]!.at + 10 * MINUTE).flooding, false);
  });

  test('late alarms from a backlog do not make a flood', () => {
    const late = alarmsAt(Array.from({ length: 20 }, (_, i) => i / 10), { late: true, to: 'rtn_unacknowledged' });
    assert.deepEqual(floodEpisodes(late), []);
  });

  test('operator actions and clearings are not alarms', () => {
    const acks = alarmsAt(Array.from({ length: 20 }, (_, i) => i / 10), { cause: 'acknowledge', from: 'unacknowledged', to: 'acknowledged' });
    assert.deepEqual(floodEpisodes(acks), []);
  });

  test('two floods are two episodes', () => {
    const first = alarmsAt(Array.from({ length: 11 }, (_, i) => i / 11));
    const second = alarmsAt(Array.from({ length: 11 }, (_, i) => 60 + i / 11));
    assert.equal(floodEpisodes([...second, ...first]).length, 2, 'order of input does not matter');
  });
});

describe('chattering: 3 or more activations of one point in a minute', () => {
  const id = 'device:D1:arc_alarm';
  const at = (seconds: number): AlarmTransition => transition(id, T0 + seconds * SECOND, { source: 'arc_alarm', priority: 'high' });

  test('two is not chattering; three within the minute is', () => {
    assert.deepEqual(chatteringPoints([at(0), at(30)], T0 + 30 * SECOND), []);
    const [point] = chatteringPoints([at(0), at(30), at(59)], T0 + 59 * SECOND);
    assert.deepEqual(point, { alarm_id: id, source: 'arc_alarm', priority: 'high', activations: 3, first_at: T0, last_at: T0 + 59 * SECOND });
  });

  test('three spanning exactly a minute are not', () => {
    assert.deepEqual(chatteringPoints([at(0), at(30), at(60)], T0 + 60 * SECOND), []);
  });

  test('it stops once the window holds fewer than three', () => {
    const spell = [at(0), at(10), at(20)];
    assert.equal(chatteringPoints(spell, T0 + 59 * SECOND).length, 1);
    assert.equal(chatteringPoints(spell, T0 + 60 * SECOND).length, 0);
  });

  test('activations out of view count (a shelved point can chatter); late ones do not', () => {
    let record = step(alarm('arc_alarm', 'D1'), { type: 'condition_active', at: T0 }).alarm;
    const transitions: AlarmTransition[] = [];
    record = step(record, shelveFor(T0 + SECOND, 60)).alarm;
    for (let s = 2; s < 8; s += 2) {
      const off = step(record, cleared(T0 + s * SECOND));
      const on = step(off.alarm, active(T0 + (s + 1) * SECOND));
      record = on.alarm;
      transitions.push(on.transition!);
    }
    assert.equal(record.state, 'shelved');
    assert.equal(chatteringPoints(transitions, T0 + 10 * SECOND)[0]?.activations, 3);
    const late = [at(0), at(1), at(2)].map((t) => ({ ...t, late: true }));
    assert.deepEqual(chatteringPoints(late, T0 + 3 * SECOND), []);
  });

  test('spells of chattering over a period', () => {
    const transitions = [at(0), at(10), at(20), at(300), at(305), at(310), at(311), transition('device:D2:co_alarm', T0)];
    const [summary] = chatteringInPeriod(transitions, T0, T0 + 3600 * SECOND);
    assert.deepEqual(summary, { alarm_id: id, source: 'arc_alarm', priority: 'high', episodes: 2, peak_in_window: 4, activations: 7 });
    assert.equal(chatteringInPeriod(transitions, T0, T0 + 3600 * SECOND).length, 1);
  });
});

describe('window sweep', () => {
  test('equal times enter together', () => {
    assert.deepEqual(windowEpisodes([5, 5, 5], 10, 2, 3), [{ started_at: 5, ended_at: 15, first_index: 0, items: 3, peak: 3 }]);
  });

  test('nothing is looked at beyond until', () => {
    assert.deepEqual(windowEpisodes([0, 1, 2], 10, 2, 3, 1), []);
    assert.equal(windowEpisodes([0, 1, 2], 10, 2, 3, 2)[0]?.ended_at, null);
  });
});
