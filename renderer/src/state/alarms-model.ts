import type { AlarmItem, AlarmsStatus, StationSoundView } from '../../../shared/protocol/alarms-types';
import type { Priority, SoundClass } from '../../../shared/alarms/types';
import { compareByUrgency } from '../../../shared/alarms/ordering';

// The alarm screens' logic as plain functions (tested in Node): ordering, what the banner and the
// wall show, what this station sounds, which alarms deserve an OS notification, the station's name.

function activatedMs(item: AlarmItem): number {
  return Date.parse(item.activated_at ?? item.last_change_at);
}

/** Most urgent first: priority, then waiting for acknowledgement, then newest. */
export function compareAlarms(a: AlarmItem, b: AlarmItem): number {
  return compareByUrgency(a, b, activatedMs);
}

/** A new map with the changed alarms in; an alarm back to normal leaves the lists. */
export function mergeAlarms(current: ReadonlyMap<string, AlarmItem>, changed: ReadonlyArray<AlarmItem>): ReadonlyMap<string, AlarmItem> {
  if (changed.length === 0) return current;
  const next = new Map(current);
  for (const item of changed) {
    if (item.state === 'normal') next.delete(item.id);
    else next.set(item.id, item);
  }
  return next;
}

export function alarmsById(items: ReadonlyArray<AlarmItem>): ReadonlyMap<string, AlarmItem> {
  return mergeAlarms(new Map(), items);
}

export type AlarmTab = 'active' | 'shelved' | 'history' | 'journal';

/** Standing alarms (the operator's list), most urgent first. */
export function activeAlarms(alarms: ReadonlyMap<string, AlarmItem>): AlarmItem[] {
  return [...alarms.values()].filter((a) => a.state === 'unacknowledged' || a.state === 'acknowledged' || a.state === 'rtn_unacknowledged').sort(compareAlarms);
}

/** Out of view: shelved, suppressed by design, out of service. */
export function outOfViewAlarms(alarms: ReadonlyMap<string, AlarmItem>): AlarmItem[] {
  return [...alarms.values()].filter((a) => a.state === 'shelved' || a.state === 'suppressed' || a.state === 'out_of_service').sort(compareAlarms);
}

/** What the banner calls attention to: every alarm waiting for an acknowledgement, most urgent first. */
export function bannerAlarms(alarms: ReadonlyMap<string, AlarmItem>): AlarmItem[] {
  return [...alarms.values()].filter((a) => a.state === 'unacknowledged' || a.state === 'rtn_unacknowledged').sort(compareAlarms);
}

/** The critical alarm that takes over a wall display: unacknowledged, not late, newest first. */
export function takeoverAlarm(alarms: ReadonlyMap<string, AlarmItem>): AlarmItem | null {
  let best: AlarmItem | null = null;
  for (const a of alarms.values()) {
    if (a.priority !== 'critical' || a.state !== 'unacknowledged' || a.late) continue;
    if (best === null || activatedMs(a) > activatedMs(best)) best = a;
  }
  return best;
}

const SILENT: StationSoundView = Object.freeze({ sound: 'none', sounding: [], silenced: [], next_change_at: null });

/** This station's sound as the host worked it out (silence is per station); silent until known. */
export function stationSoundOf(status: AlarmsStatus | null, station: string): StationSoundView {
  return status?.stations[station] ?? SILENT;
}

export function soundOf(status: AlarmsStatus | null, station: string): SoundClass {
  return stationSoundOf(status, station).sound;
}

/**
 * Alarms worth an OS notification: newly presented (not known before, or a new activation),
 * waiting for acknowledgement, high or critical, not late.
 */
export function notifiable(before: ReadonlyMap<string, AlarmItem>, changed: ReadonlyArray<AlarmItem>): AlarmItem[] {
  return changed.filter((item) => {
    if (item.state !== 'unacknowledged' || item.late || (item.priority !== 'critical' && item.priority !== 'high')) return false;
    const previous = before.get(item.id);
    return previous === undefined || previous.activated_at !== item.activated_at || previous.state !== 'unacknowledged';
  });
}

/** Plain keys of the alarm screens (no modifier but Shift, never while typing). */
export type AlarmKey = 'acknowledge' | 'acknowledge_all' | 'silence' | 'jump';

export function alarmKey(event: { readonly key: string; readonly shiftKey: boolean; readonly altKey: boolean; readonly ctrlKey: boolean; readonly metaKey: boolean }, typing: boolean): AlarmKey | null {
  if (typing || event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'a':
      return event.shiftKey ? null : 'acknowledge';
    case 'A':
      return event.shiftKey ? 'acknowledge_all' : 'acknowledge';
    case 's':
    case 'S':
      return 'silence';
    case 'd':
    case 'D':
      return 'jump';
    default:
      return null;
  }
}

const STATION_KEY = 'emberwatch.station';
const NAME_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * This screen's station name: `?station=NAME` in the address, else the one this browser keeps,
 * else a new one (`wall-…` on a wall display, `station-…` otherwise), kept for next time.
 */
export function stationName(search: string, storage: StorageLike | undefined, wall: boolean, random: () => number = Math.random): string {
  const given = new URLSearchParams(search).get('station');
  if (given !== null && NAME_PATTERN.test(given)) return given;
  const key = wall ? `${STATION_KEY}.wall` : STATION_KEY;
  try {
    const kept = storage?.getItem(key) ?? null;
    if (kept !== null && NAME_PATTERN.test(kept)) return kept;
  } catch {
    // Storage refused (private mode): a fresh name per load is still a name.
  }
  const made = `${wall ? 'wall' : 'station'}-${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
  try {
    storage?.setItem(key, made);
  } catch {
    // As above.
  }
  return made;
}

/** The value as the alarm shows it: a number rounded for the eye, text as it is. */
export function formatAlarmValue(value: AlarmItem['value']): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}
