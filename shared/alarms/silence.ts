import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import { isAudible } from './record';
import type { AlarmRecord, SoundClass } from './types';

// Silence is not acknowledgement: it stops the sound at one station only, and only for the
// alarm presentations sounding when it was pressed. A new alarm (or a new activation of one already
// silenced) sounds again; a silenced alarm of a resound priority sounds again after a set time.

export interface SilencedPresentation {
  /** The presentation silenced: the alarm's `activated_at` when silence was pressed. */
  readonly activated_at: number;
  /** When it was silenced. */
  readonly at: number;
}

export interface StationSilence {
  readonly station: string;
  readonly silenced: Readonly<Record<string, SilencedPresentation>>;
}

/** Fire before CO (NFPA 72 gives fire precedence), CO before a chime. */
const SOUND_RANK: Readonly<Record<SoundClass, number>> = Object.freeze({ 'temporal-3': 3, 'temporal-4': 2, chime: 1, none: 0 });

export function louderSound(a: SoundClass, b: SoundClass): SoundClass {
  return SOUND_RANK[b] > SOUND_RANK[a] ? b : a;
}

export function emptySilence(station: string): StationSilence {
  return { station, silenced: {} };
}

function silencedNow(
  alarm: AlarmRecord,
  silence: StationSilence | null,
  now: number,
  config: AlarmConfig,
): { silenced: boolean; resoundAt: number | null } {
  const entry = silence?.silenced[alarm.id];
  if (entry === undefined || entry.activated_at !== alarm.activated_at) return { silenced: false, resoundAt: null };
  if (!config.silence.resoundPriorities.includes(alarm.priority)) return { silenced: true, resoundAt: null };
  const resoundAt = entry.at + config.silence.resoundMs;
  return now < resoundAt ? { silenced: true, resoundAt } : { silenced: false, resoundAt: null };
}

export interface StationSound {
  /** What the station should play now: the loudest class among its unsilenced audible alarms. */
  readonly sound: SoundClass;
  /** Audible alarms not silenced at this station, loudest first (then oldest first). */
  readonly sounding: ReadonlyArray<string>;
  /** Audible alarms this station has silenced. */
  readonly silenced: ReadonlyArray<string>;
  /** When a silenced alarm will sound again, so a caller can set one timer rather than poll. */
  readonly next_change_at: number | null;
}

/** What a station should be sounding at `now`, given the alarms and its silence. */
export function stationSound(
  alarms: Iterable<AlarmRecord>,
  silence: StationSilence | null,
  now: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): StationSound {
  let sound: SoundClass = 'none';
  const sounding: AlarmRecord[] = [];
  const silenced: string[] = [];
  let next: number | null = null;
  for (const alarm of alarms) {
    if (!isAudible(alarm)) continue;
    const state = silencedNow(alarm, silence, now, config);
    if (state.silenced) {
      silenced.push(alarm.id);
      if (state.resoundAt !== null && (next === null || state.resoundAt < next)) next = state.resoundAt;
    } else {
      sounding.push(alarm);
      sound = louderSound(sound, alarm.sound);
    }
  }
  sounding.sort((a, b) => SOUND_RANK[b.sound] - SOUND_RANK[a.sound] || (a.activated_at ?? 0) - (b.activated_at ?? 0) || (a.id < b.id ? -1 : 1));
  return { sound, sounding: sounding.map((a) => a.id), silenced, next_change_at: next };
}

/**
 * Presses silence at a station at `at`: every presentation sounding there now is silenced (a
 * resounded one starts its resound time again); entries for alarms that no longer call are dropped.
 */
export function silenceStation(
  silence: StationSilence,
  alarms: Iterable<AlarmRecord>,
  at: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): StationSilence {
  const next: Record<string, SilencedPresentation> = {};
  for (const alarm of alarms) {
    if (!isAudible(alarm) || alarm.activated_at === null) continue;
    const state = silencedNow(alarm, silence, at, config);
    const entry = silence.silenced[alarm.id];
    next[alarm.id] = state.silenced && entry !== undefined ? entry : { activated_at: alarm.activated_at, at };
  }
  return { station: silence.station, silenced: next };
}
