import { isAnnunciation, windowEpisodes } from './activity';
import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import type { AlarmTransition } from './types';

export interface FloodEpisode {
  /** When the window first held more than the flood threshold. */
  readonly started_at: number;
  /** When it fell below the end threshold; null if the flood still stands. */
  readonly ended_at: number | null;
  /** The first-out alarm: the oldest of those that made the flood, the likeliest cause. */
  readonly first_out: { readonly alarm_id: string; readonly at: number };
  /** Alarms from the first-out to the end. */
  readonly alarms: number;
  readonly peak_in_window: number;
}

/** Live (not late) alarms in time order: what a flood is counted from. */
function floodAlarms(transitions: Iterable<AlarmTransition>): AlarmTransition[] {
  const out: AlarmTransition[] = [];
  for (const t of transitions) if (isAnnunciation(t) && !t.late) out.push(t);
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Alarm floods (EEMUA 191: more than 10 alarms in 10 minutes, over until fewer than 5 in 10
 * minutes) in the transitions given, which the caller narrows to what one station shows. Late
 * alarms from a backlog do not count: they never reached the operator as they happened.
 */
export function floodEpisodes(
  transitions: Iterable<AlarmTransition>,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
  until: number = Number.POSITIVE_INFINITY,
): ReadonlyArray<FloodEpisode> {
  const alarms = floodAlarms(transitions);
  const times = alarms.map((t) => t.at);
  return windowEpisodes(times, config.flood.windowMs, config.flood.moreThan, config.flood.endBelow, until).map((e) => {
    const first = alarms[e.first_index]!;
    return {
      started_at: e.started_at,
      ended_at: e.ended_at,
      first_out: { alarm_id: first.alarm_id, at: first.at },
      alarms: e.items,
      peak_in_window: e.peak,
    };
  });
}

export interface FloodStatus {
  readonly flooding: boolean;
  /** Live alarms in the last window. */
  readonly in_window: number;
  /** The standing flood, with its first-out alarm; null when there is none. */
  readonly episode: FloodEpisode | null;
}

/** Whether a station is in an alarm flood at `now`. */
export function floodStatus(
  transitions: Iterable<AlarmTransition>,
  now: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): FloodStatus {
  const alarms = floodAlarms(transitions).filter((t) => t.at <= now);
  const episodes = floodEpisodes(alarms, config, now);
  const last = episodes[episodes.length - 1];
  const standing = last !== undefined && last.ended_at === null ? last : null;
  const inWindow = alarms.filter((t) => t.at > now - config.flood.windowMs).length;
  return { flooding: standing !== null, in_window: inWindow, episode: standing };
}
