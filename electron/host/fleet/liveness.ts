/**
 * Liveness runs on the console's own clock (receive time), never on device timestamps, so a
 * device with a wrong clock is still seen as alive while it reports.
 */
export const ACTIVE_WINDOW_MS = 5 * 60 * 1000;
/** Silent after this many missed reporting periods (DESIGN: "three of its reporting periods"). */
export const SILENT_AFTER_PERIODS = 3;
/** Until a period is learned, assume a slow reporter rather than raise false silences. */
export const DEFAULT_PERIOD_MS = 60 * 1000;
const MIN_PERIOD_MS = 250;

/** Learns a device's reporting period from arrival gaps; an outlier gap (a restart, an outage) moves it only a little. */
export function learnPeriod(previousMs: number | null, gapMs: number): number {
  if (!(gapMs > 0)) return previousMs ?? DEFAULT_PERIOD_MS;
  const gap = Math.max(MIN_PERIOD_MS, gapMs);
  if (previousMs === null) return gap;
  const bounded = Math.min(gap, previousMs * 4);
  return previousMs * 0.8 + bounded * 0.2;
}

export function isActive(lastSeenMs: number | null, nowMs: number): boolean {
  return lastSeenMs !== null && nowMs - lastSeenMs <= ACTIVE_WINDOW_MS;
}

export function isSilent(lastSeenMs: number | null, periodMs: number | null, nowMs: number): boolean {
  if (lastSeenMs === null) return true;
  const period = periodMs ?? DEFAULT_PERIOD_MS;
  return nowMs - lastSeenMs > SILENT_AFTER_PERIODS * period;
}
