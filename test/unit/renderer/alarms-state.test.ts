import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AlarmItem, AlarmsSnapshot, AlarmsStatus, StationView } from '../../../shared/protocol/alarms-types';
import type { RpcClient } from '../../../shared/protocol/rpc-client';
import type { SoundClass } from '../../../shared/alarms/types';
import {
  activeAlarms,
  alarmKey,
  alarmsById,
  bannerAlarms,
  formatAlarmValue,
  mergeAlarms,
  notifiable,
  outOfViewAlarms,
  stationName,
  takeoverAlarm,
} from '../../../renderer/src/state/alarms-model';
import { startAlarmLink } from '../../../renderer/src/state/alarms-link';
import { kpiRange, percent, rateBars } from '../../../renderer/src/views/alarms/kpi-model';
import { createConsoleStore } from '../../../renderer/src/state/store';

// The alarm screens' logic in Node: ordering, the banner and the wall's choice, notifications,
// keys, the station's name; and the link: hello, snapshot, pushed changes, the siren played.

function item(id: string, overrides: Partial<AlarmItem> = {}): AlarmItem {
  return {
    id,
    device_id: 'DEV0001',
    zone: 'B1',
    source: 'overcurrent',
    priority: 'medium',
    state: 'unacknowledged',
    message: 'Overcurrent: 110 A',
    value: 110,
    activated_at: '2026-03-01T09:00:00.000Z',
    last_change_at: '2026-03-01T09:00:00.000Z',
    acked_by: null,
    acked_at: null,
    comment: null,
    shelved_until: null,
    late: false,
    scope: 'device',
    target: 'DEV0001',
    sound: 'none',
    latching: false,
    condition_active: true,
    risk_score: null,
    shelve_kind: null,
    shelved_by: null,
    suppressed: false,
    out_of_service: false,
    awaits_reset: false,
    chattering: false,
    escalated: false,
    ...overrides,
  };
}

const critical = item('device:DEV0002:risk_critical', { priority: 'critical', source: 'risk_critical', sound: 'temporal-3', activated_at: '2026-03-01T09:01:00.000Z' });
const older = item('device:DEV0003:risk_critical', { priority: 'critical', source: 'risk_critical', activated_at: '2026-03-01T08:59:00.000Z' });
const acked = item('device:DEV0004:arc_alarm', { priority: 'high', state: 'acknowledged' });
const shelved = item('device:DEV0005:overcurrent', { state: 'shelved' });

describe('alarm screen logic', () => {
  test('ordering, lists, the banner and the wall takeover', () => {
    const alarms = alarmsById([item('device:DEV0001:overcurrent'), critical, older, acked, shelved]);
    assert.deepEqual(activeAlarms(alarms).map((a) => a.id), [critical.id, older.id, acked.id, 'device:DEV0001:overcurrent']);
    assert.deepEqual(outOfViewAlarms(alarms).map((a) => a.id), [shelved.id]);
    assert.deepEqual(bannerAlarms(alarms).map((a) => a.id), [critical.id, older.id, 'device:DEV0001:overcurrent']);
    assert.equal(takeoverAlarm(alarms)?.id, critical.id, 'the newest critical alarm waiting');
    assert.equal(takeoverAlarm(alarmsById([{ ...critical, late: true }])), null, 'a late one never takes over');
    const merged = mergeAlarms(alarms, [{ ...critical, state: 'normal' }]);
    assert.equal(merged.has(critical.id), false, 'back to normal leaves the lists');
    assert.equal(mergeAlarms(alarms, []), alarms);
  });

  test('a notification for newly presented high and critical alarms only', () => {
    const before = alarmsById([critical]);
    assert.deepEqual(notifiable(before, [critical, older, item('x:medium'), { ...acked, state: 'unacknowledged' }]).map((a) => a.id), [older.id, acked.id]);
    assert.deepEqual(notifiable(before, [{ ...critical, activated_at: '2026-03-01T10:00:00.000Z' }]).length, 1, 'a new activation');
  });

  test('keys, values, the station name', () => {
    const key = (k: string, shift = false): string | null => alarmKey({ key: k, shiftKey: shift, altKey: false, ctrlKey: false, metaKey: false }, false);
    assert.deepEqual([key('a'), key('A', true), key('s'), key('d'), key('x')], ['acknowledge', 'acknowledge_all', 'silence', 'jump', null]);
    assert.equal(alarmKey({ key: 'a', shiftKey: false, altKey: false, ctrlKey: true, metaKey: false }, false), null);
    assert.equal(alarmKey({ key: 'a', shiftKey: false, altKey: false, ctrlKey: false, metaKey: false }, true), null, 'never while typing');
    assert.deepEqual([formatAlarmValue(150), formatAlarmValue(71.456), formatAlarmValue(0.456), formatAlarmValue('E1'), formatAlarmValue(null)], ['150', '71.5', '0.46', 'E1', null]);
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    const made = stationName('', storage, false, () => 0.5);
    assert.match(made, /^station-[0-9a-z]{4}$/);
    assert.equal(stationName('', storage, false, () => 0.1), made, 'kept for next time');
    assert.match(stationName('', storage, true), /^wall-/);
    assert.equal(stationName('?station=desk-7', storage, false), 'desk-7');
    assert.equal(stationName('?station=bad name!', storage, false), made);
  });

  test('KPI helpers', () => {
    assert.deepEqual(kpiRange('day', Date.UTC(2026, 2, 1, 9, 0, 30)), { from: Date.UTC(2026, 2, 1, 9, 1) - 86_400_000, to: Date.UTC(2026, 2, 1, 9, 1) });
    assert.equal(percent(0.05), '5.0 %');
    assert.equal(percent(0.8), '80 %');
    const periods = Array.from({ length: 10 }, (_, i) => ({ start: i, count: i === 7 ? 12 : 1 }));
    const bars = rateBars({ per_10_min: { periods } } as never, 5);
    assert.deepEqual(bars.map((b) => b.peak), [1, 1, 1, 12, 1], 'a peak is never averaged away');
  });
});

// ---- the link ---------------------------------------------------------------------------------

const consoleStore = createConsoleStore;

class FakeClient {
  readonly requests: Array<{ method: string; params: unknown }> = [];
  readonly listeners = new Map<string, (payload: unknown) => void>();
  constructor(private readonly answers: Record<string, unknown>) {}
  request(method: string, params: unknown): Promise<unknown> {
    this.requests.push({ method, params });
    return Promise.resolve(this.answers[method]);
  }
  on(event: string, listener: (payload: unknown) => void): () => void {
    this.listeners.set(event, listener);
    return () => this.listeners.delete(event);
  }
  push(event: string, payload: unknown): void {
    this.listeners.get(event)?.(payload);
  }
  isClosed(): boolean {
    return false;
  }
}

const station: StationView = { station: 'desk-1', wall_display: false, operator: null, role: 'viewer', audio_armed: false };
const status = (sound: SoundClass): AlarmsStatus => ({
  flood: { flooding: false, in_window: 0, started_at: null, first_out: null, alarms: 0 },
  chattering: [],
  stations: { 'desk-1': { sound, sounding: [], silenced: [], next_change_at: null } },
});

describe('the alarm link', () => {
  test('hello and snapshot on a new channel; pushed changes; the siren plays the station sound; notifications when hidden', async () => {
    const store = consoleStore();
    store.getState().setStationIdentity('desk-1', false);
    const snapshot: AlarmsSnapshot = {
      alarms: [acked],
      status: status('chime'),
      station,
      sharing: { enabled: false, reason: 'no key', published: 0, applied: 0, duplicates: 0, quarantined: 0 },
      operators: [],
      config: { shelve_max_minutes: 480, supervisor_shelve_max_minutes: 10080, resound_minutes: 5, escalation_minutes: 3 },
    };
    const client = new FakeClient({ 'station.hello': station, 'alarms.snapshot': snapshot });
    const played: SoundClass[] = [];
    const notes: string[] = [];
    let hidden = false;
    let helloTimer: (() => void) | null = null;
    const stop = startAlarmLink(store, {
      siren: { play: (s) => played.push(s) },
      isHidden: () => hidden,
      notify: (title) => notes.push(title),
      every: (_ms, task) => {
        helloTimer = task;
        return () => {};
      },
    });
    store.getState().setClient(client as unknown as RpcClient);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(client.requests.map((r) => r.method), ['station.hello', 'alarms.snapshot']);
    assert.deepEqual(client.requests[0]?.params, { station: 'desk-1', kiosk: false, audio_armed: false });
    assert.equal(store.getState().alarms.get(acked.id)?.state, 'acknowledged');
    assert.equal(store.getState().station?.station, 'desk-1');
    assert.deepEqual(played, ['none', 'chime']);

    client.push('alarms.status', { status: status('temporal-3') });
    assert.deepEqual(played, ['none', 'chime', 'temporal-3']);
    client.push('alarms.changed', { alarms: [critical] });
    assert.equal(store.getState().alarms.get(critical.id)?.priority, 'critical');
    assert.deepEqual(notes, [], 'the window is visible: the banner is enough');
    hidden = true;
    client.push('alarms.changed', { alarms: [older] });
    assert.deepEqual(notes, ['Critical alarm: DEV0001']);

    // Arming the audio is reported at once; the timer keeps saying hello.
    store.getState().setSirenStatus({ armed: true, context: 'running', requested: 'temporal-3', playing: 'temporal-3', cycle: 1 });
    assert.deepEqual(client.requests.at(-1)?.params, { station: 'desk-1', kiosk: false, audio_armed: true });
    (helloTimer as unknown as () => void)();
    assert.equal(client.requests.filter((r) => r.method === 'station.hello').length, 3);
    stop();
    client.push('alarms.changed', { alarms: [shelved] });
    assert.equal(store.getState().alarms.has(shelved.id), false, 'detached');
  });
});
