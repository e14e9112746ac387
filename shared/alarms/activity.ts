import type { AlarmTransition } from './types';

// What the alarm-rate figures count, read from transition records.

/**
 * An alarm in the EEMUA 191 sense: a condition presenting itself to the operator (unacknowledged,
 * or returned to normal unacknowledged for a late one). Activations out of view are not alarms.
 */
export function isAnnunciation(t: AlarmTransition): boolean {
  return t.cause === 'condition_active' && (t.to === 'unacknowledged' || t.to === 'rtn_unacknowledged');
}

/** A live activation of a point's condition, in view or not (a shelved point can still chatter). */
export function isLiveActivation(t: AlarmTransition): boolean {
  return t.cause === 'condition_active' && !t.late;
}

export interface WindowEpisode {
  readonly started_at: number;
  /** Null while it still stands at the end of what was seen. */
  readonly ended_at: number | null;
  /** Index (into the sorted times) of the oldest item in the window when the episode began. */
  readonly first_index: number;
  /** Items from the first one to the last before the end. */
  readonly items: number;
  /** The most items the window held during the episode. */
  readonly peak: number;
}

/**
 * Sweeps a sliding window (τ − window, τ] over sorted times. An episode begins when the window
 * holds more than `moreThan` items and ends when it holds fewer than `endBelow`. Only moments up
 * to `until` are looked at.
 */
export function windowEpisodes(
  times: ReadonlyArray<number>,
  windowMs: number,
  moreThan: number,
  endBelow: number,
  until: number = Number.POSITIVE_INFINITY,
): ReadonlyArray<WindowEpisode> {
  const n = times.length;
  const episodes: WindowEpisode[] = [];
  let entered = 0;
  let left = 0;
  let open: { started_at: number; first_index: number; peak: number } | null = null;
  while (entered < n || (open !== null && left < n)) {
    const nextEnter = entered < n ? times[entered]! : Number.POSITIVE_INFINITY;
    const nextLeave = left < entered ? times[left]! + windowMs : Number.POSITIVE_INFINITY;
    const at = Math.min(nextEnter, nextLeave);
    if (at > until || at === Number.POSITIVE_INFINITY) break;
    while (entered < n && times[entered]! <= at) entered++;
    while (left < entered && times[left]! + windowMs <= at) left++;
    const count = entered - left;
    if (open === null) {
      if (count > moreThan) open = { started_at: at, first_index: left, peak: count };
    } else {
      open.peak = Math.max(open.peak, count);
      if (count < endBelow) {
        episodes.push({ ...open, ended_at: at, items: entered - open.first_index });
        open = null;
      }
    }
  }
  if (open !== null) episodes.push({ ...open, ended_at: null, items: entered - open.first_index });
  return episodes;
}

/** How many of the sorted times lie in (now − window, now]. */
export function countInWindow(times: ReadonlyArray<number>, now: number, windowMs: number): number {
  let count = 0;
  for (const t of times) if (t > now - windowMs && t <= now) count++;
  return count;
}
