import type { DeviceSummary } from '../../../shared/protocol/api-types';
import { parseTime } from './relative-time';

/**
 * How current the newest data on screen is. The link to the host can be live while the feed behind
 * it has stopped (a broker gone, a site network down): the newest reading of the whole fleet is
 * the honest measure of that.
 */
export type FeedState = 'none' | 'fresh' | 'slow' | 'stopped';

/** With a fleet reporting every few seconds, a minute without any reading is not a quiet moment. */
export const FEED_SLOW_AFTER_MS = 20_000;
export const FEED_STOPPED_AFTER_MS = 60_000;

/** Receive time (console clock, epoch ms) of the newest reading of any device, or null. */
export function newestReadingAt(devices: Iterable<Pick<DeviceSummary, 'last_seen'>>): number | null {
  let newest: number | null = null;
  for (const device of devices) {
    const at = parseTime(device.last_seen);
    if (at !== null && (newest === null || at > newest)) newest = at;
  }
  return newest;
}

export function feedState(newestAt: number | null, nowMs: number): FeedState {
  if (newestAt === null) return 'none';
  const age = nowMs - newestAt;
  if (age >= FEED_STOPPED_AFTER_MS) return 'stopped';
  if (age >= FEED_SLOW_AFTER_MS) return 'slow';
  return 'fresh';
}

/**
 * Whether what is on screen must be marked as not current: the link is not live, the host says
 * monitoring is lost, or no reading has arrived for a minute.
 */
export function isDataStale(link: string, monitoringLost: boolean, feed: FeedState): boolean {
  return link !== 'live' || monitoringLost || feed === 'stopped';
}
