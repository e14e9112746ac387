import { isLiveActivation, windowEpisodes } from './activity';
import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import type { AlarmSource } from './sources';
import type { AlarmTransition, Priority } from './types';

interface PointActivations {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly times: number[];
}

function activationsByPoint(transitions: Iterable<AlarmTransition>, from: number, to: number): Map<string, PointActivations> {
  const byPoint = new Map<string, PointActivations>();
  for (const t of transitions) {
    if (!isLiveActivation(t) || t.at < from || t.at > to) continue;
    let point = byPoint.get(t.alarm_id);
    if (point === undefined) {
      point = { alarm_id: t.alarm_id, source: t.source, priority: t.priority, times: [] };
      byPoint.set(t.alarm_id, point);
    }
    point.times.push(t.at);
  }
  for (const point of byPoint.values()) point.times.sort((a, b) => a - b);
  return byPoint;
}

export interface ChatteringPoint {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  /** Activations in the window ending now. */
  readonly activations: number;
  readonly first_at: number;
  readonly last_at: number;
}

/**
 * Points chattering at `now`: 3 or more activations within the last minute (by default), in view
 * or not. The console flags them with a suggestion to shelve.
 */
export function chatteringPoints(
  transitions: Iterable<AlarmTransition>,
  now: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): ReadonlyArray<ChatteringPoint> {
  const windowStart = now - config.chattering.windowMs;
  const out: ChatteringPoint[] = [];
  for (const point of activationsByPoint(transitions, Number.NEGATIVE_INFINITY, now).values()) {
    const recent = point.times.filter((t) => t > windowStart);
    if (recent.length >= config.chattering.activations) {
      out.push({
        alarm_id: point.alarm_id,
        source: point.source,
        priority: point.priority,
        activations: recent.length,
        first_at: recent[0]!,
        last_at: recent[recent.length - 1]!,
      });
    }
  }
  return out.sort((a, b) => b.activations - a.activations || (a.alarm_id < b.alarm_id ? -1 : 1));
}

export interface ChatteringSummary {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  /** Separate spells of chattering in the period. */
  readonly episodes: number;
  /** The most activations any one window held. */
  readonly peak_in_window: number;
  readonly activations: number;
}

/** Every point that chattered at some time in [from, to], for the KPI view. */
export function chatteringInPeriod(
  transitions: Iterable<AlarmTransition>,
  from: number,
  to: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): ReadonlyArray<ChatteringSummary> {
  const out: ChatteringSummary[] = [];
  const threshold = config.chattering.activations;
  for (const point of activationsByPoint(transitions, from, to).values()) {
    const episodes = windowEpisodes(point.times, config.chattering.windowMs, threshold - 1, threshold, to);
    if (episodes.length === 0) continue;
    out.push({
      alarm_id: point.alarm_id,
      source: point.source,
      priority: point.priority,
      episodes: episodes.length,
      peak_in_window: Math.max(...episodes.map((e) => e.peak)),
      activations: point.times.length,
    });
  }
  return out.sort((a, b) => b.peak_in_window - a.peak_in_window || b.activations - a.activations || (a.alarm_id < b.alarm_id ? -1 : 1));
}
