import type { CloudHealth, ConnectionHealth, DiskHealth, MemoryHealth, MetricsResponse, SystemHealthView } from '../../../shared/protocol';
import { formatIsoMillis } from '../../../shared/scoring';
import type { HealthSettings } from '../config/operation-schema';
import type { StoreStats } from './console-service';
import type { SystemHealthSample, SystemHealthThresholds, SystemHealthVerdict } from './system-health';
import { SystemHealthJudge, systemHealthMessage } from './system-health';

// The composite judge fed from the host's own figures: host-core gives it the readers, the alarm
// system asks it once a tick (`poll`), and health.get shows its last verdict (`view`).

/** The figures are judged over this much of the recent past, so one slow commit is not a trend. */
export const RECENT_WINDOW_MS = 60_000;

export interface SystemHealthSources {
  connections(nowMs: number): ReadonlyArray<ConnectionHealth>;
  store(): StoreStats;
  metrics(nowMs: number): MetricsResponse;
  /** null until the cloud link has started. */
  cloud(): CloudHealth | null;
  disk(): DiskHealth | null;
  memory(): MemoryHealth;
}

export function thresholdsFromSettings(health: HealthSettings): SystemHealthThresholds {
  return {
    raiseAfterMs: health.raise_after_s * 1000,
    clearAfterMs: health.clear_after_s * 1000,
    commitMsMax: health.commit_ms_max,
    pendingWritesMax: health.pending_writes_max,
    quarantinePerSMax: health.quarantine_per_s_max,
    outboxStuckMs: health.outbox_stuck_minutes * 60_000,
    breakerOpenMs: health.breaker_open_minutes * 60_000,
    diskFreeMinPercent: health.disk_free_min_percent,
    memoryMaxBytes: health.memory_max_mb * 1_000_000,
  };
}

/** The last minute of the pipeline's figures: quarantined per second, and the commits' average time. */
export function recentPipeline(metrics: MetricsResponse, nowMs: number): { readonly quarantinePerS: number; readonly commitMsAvg: number | null } {
  const since = nowMs - RECENT_WINDOW_MS;
  let quarantined = 0;
  let commits = 0;
  let commitMs = 0;
  for (const point of metrics.points) {
    if (Date.parse(point.at) < since) continue;
    quarantined += point.quarantined_per_s * metrics.bucket_s;
    if (point.commit_ms_avg !== null) {
      commits += point.commits;
      commitMs += point.commit_ms_avg * point.commits;
    }
  }
  return { quarantinePerS: quarantined / (RECENT_WINDOW_MS / 1000), commitMsAvg: commits > 0 ? commitMs / commits : null };
}

export function sampleOf(sources: SystemHealthSources, nowMs: number): SystemHealthSample {
  const store = sources.store();
  const recent = recentPipeline(sources.metrics(nowMs), nowMs);
  const cloud = sources.cloud();
  const disk = sources.disk();
  return {
    nowMs,
    connections: sources.connections(nowMs).map((c) => ({ id: c.id, connected: c.state === 'connected' })),
    storeWriteError: store.write_error ?? null,
    commitMsAvg: recent.commitMsAvg,
    pendingWrites: store.pending_writes ?? 0,
    quarantinePerS: recent.quarantinePerS,
    cloud:
      cloud === null
        ? null
        : {
            enabled: cloud.enabled,
            waiting: Math.max(0, cloud.outbox_depth - cloud.parked),
            oldestEntryMs: cloud.oldest_entry === null ? null : Date.parse(cloud.oldest_entry),
            breaker: cloud.breaker,
          },
    disk: disk === null ? null : { freeBytes: disk.free_bytes, totalBytes: disk.total_bytes },
    rssBytes: sources.memory().rss_bytes,
  };
}

export class SystemHealthWatch {
  private readonly judge: SystemHealthJudge;
  private adopted = false;

  constructor(
    private readonly sources: SystemHealthSources,
    thresholds: SystemHealthThresholds,
    private readonly now: () => number = Date.now,
  ) {
    this.judge = new SystemHealthJudge(thresholds);
  }

  /**
   * Judges the figures now; what the alarm system asks once a tick. `standing`: whether the alarm
   * stands in the alarm system now; the first poll adopts it (it may have been restored from the store).
   */
  poll(standing = false): { readonly raised: boolean; readonly message: string; readonly verdict: SystemHealthVerdict } {
    const now = this.now();
    if (!this.adopted) {
      this.adopted = true;
      this.judge.adopt(standing, now);
    }
    const verdict = this.judge.update(sampleOf(this.sources, now));
    return { raised: verdict.raised, message: systemHealthMessage(verdict.reasons), verdict };
  }

  /** The last verdict, for health.get (which does not judge: the alarm's tick keeps the cadence). */
  view(): SystemHealthView {
    const verdict = this.judge.current();
    return {
      reasons: verdict.reasons.map((r) => ({ code: r.code, text: r.text })),
      alarm: verdict.raised,
      changed_at: verdict.changedAtMs === null ? null : formatIsoMillis(verdict.changedAtMs),
    };
  }
}
