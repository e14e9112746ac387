/** An elapsed time reduced to the one unit an operator reads at a glance. */
export type Age =
  | { readonly unit: 'never' }
  | { readonly unit: 'now' }
  | { readonly unit: 'seconds' | 'minutes' | 'hours' | 'days'; readonly value: number };

/**
 * How long ago `then` was, measured against `now` (both epoch ms). The host's clock stamps
 * `last_seen` and a wall display's clock may run a little ahead or behind it, so a time slightly
 * in the future reads as "now" rather than as a negative age.
 */
export function describeAge(then: number | null, now: number): Age {
  if (then === null || !Number.isFinite(then)) return { unit: 'never' };
  const seconds = Math.floor((now - then) / 1000);
  if (seconds < 1) return { unit: 'now' };
  if (seconds < 60) return { unit: 'seconds', value: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'minutes', value: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', value: hours };
  return { unit: 'days', value: Math.floor(hours / 24) };
}

/** Epoch ms of an ISO-8601 time, or null when absent or unreadable. */
export function parseTime(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
