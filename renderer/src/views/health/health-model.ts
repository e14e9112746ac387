import type { MetricsResponse } from '../../../../shared/protocol/api-types';

// The Health view's arithmetic, kept out of the components so it can be tested without a DOM.

/** The series the view charts: seconds since epoch, received per second, average commit time. */
export interface PipelineSeries {
  readonly t: ReadonlyArray<number>;
  readonly received: ReadonlyArray<number>;
  readonly commitMs: ReadonlyArray<number | null>;
}

export function pipelineSeries(metrics: MetricsResponse | null): PipelineSeries {
  const points = metrics?.points ?? [];
  return {
    t: points.map((p) => Date.parse(p.at) / 1000),
    received: points.map((p) => p.received_per_s),
    commitMs: points.map((p) => p.commit_ms_avg),
  };
}

/** The newest lag the metrics know, from the newest bucket that had readings (ms), or null. */
export function latestLagMs(metrics: MetricsResponse | null, nowMs: number, withinMs = 60_000): number | null {
  const points = metrics?.points ?? [];
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i];
    if (point === undefined) continue;
    if (nowMs - Date.parse(point.at) > withinMs) return null;
    if (point.lag_ms_avg !== null) return point.lag_ms_avg;
  }
  return null;
}

/** Quarantine counts, largest first, for the by-reason list. */
export function reasonsByCount(byReason: { readonly [code: string]: number }): ReadonlyArray<{ readonly reason: string; readonly count: number }> {
  return Object.entries(byReason)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
