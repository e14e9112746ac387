import type { MetricsResponse } from '../../../shared/protocol';

/**
 * The pipeline's figures over the last hour in 10-second buckets: the console's answer to the
 * source system's Lambda and Kinesis cards. Fixed memory: 360 buckets, whatever the traffic.
 */
export const BUCKET_MS = 10_000;
export const BUCKETS = 360;

export type Counter = 'received' | 'scored' | 'quarantined' | 'duplicates' | 'stored';

interface Bucket {
  startMs: number;
  received: number;
  scored: number;
  quarantined: number;
  duplicates: number;
  stored: number;
  commits: number;
  commitMsSum: number;
  commitMsMax: number;
  lagMsSum: number;
  lagCount: number;
  lagMsMax: number;
}

function emptyBucket(startMs: number): Bucket {
  return { startMs, received: 0, scored: 0, quarantined: 0, duplicates: 0, stored: 0, commits: 0, commitMsSum: 0, commitMsMax: 0, lagMsSum: 0, lagCount: 0, lagMsMax: 0 };
}

export class PipelineMetrics {
  private readonly ring: Bucket[] = [];

  private bucket(nowMs: number): Bucket {
    const start = Math.floor(nowMs / BUCKET_MS) * BUCKET_MS;
    const last = this.ring[this.ring.length - 1];
    if (last && last.startMs === start) return last;
    if (last && last.startMs > start) return last; // the clock stepped back: count in the newest bucket
    const fresh = emptyBucket(start);
    this.ring.push(fresh);
    if (this.ring.length > BUCKETS) this.ring.shift();
    return fresh;
  }

  count(counter: Counter, nowMs: number, n = 1): void {
    this.bucket(nowMs)[counter] += n;
  }

  commit(durationMs: number, rows: number, nowMs: number): void {
    const b = this.bucket(nowMs);
    b.commits += 1;
    b.stored += rows;
    b.commitMsSum += durationMs;
    if (durationMs > b.commitMsMax) b.commitMsMax = durationMs;
  }

  lag(lagMs: number, nowMs: number): void {
    const b = this.bucket(nowMs);
    b.lagMsSum += lagMs;
    b.lagCount += 1;
    if (lagMs > b.lagMsMax) b.lagMsMax = lagMs;
  }

  snapshot(nowMs: number): MetricsResponse {
    const horizon = nowMs - BUCKETS * BUCKET_MS;
    const perSecond = (n: number): number => n / (BUCKET_MS / 1000);
    const points = this.ring
      .filter((b) => b.startMs >= horizon)
      .map((b) => ({
        at: new Date(b.startMs).toISOString(),
        received_per_s: perSecond(b.received),
        scored_per_s: perSecond(b.scored),
        quarantined_per_s: perSecond(b.quarantined),
        duplicates_per_s: perSecond(b.duplicates),
        stored_per_s: perSecond(b.stored),
        commits: b.commits,
        commit_ms_avg: b.commits > 0 ? b.commitMsSum / b.commits : null,
        commit_ms_max: b.commits > 0 ? b.commitMsMax : null,
        lag_ms_avg: b.lagCount > 0 ? b.lagMsSum / b.lagCount : null,
        lag_ms_max: b.lagCount > 0 ? b.lagMsMax : null,
      }));
    return { bucket_s: BUCKET_MS / 1000, points };
  }
}
