// The composite "system health" judge (the seed's FMS-System-Health-Critical composite alarm, done
// for one console). Pure: it sees a sample of the console's figures and the time, never a clock or
// a timer of its own, so tests drive it with an injected clock.
//
// Two guards against chatter:
// - hysteresis: a numeric reason, once raised, stands until its figure falls below CLEAR_FRACTION of
//   the bound (disk: until free space rises above the bound / CLEAR_FRACTION);
// - dwell: the composite is raised only after some reason has stood for `raiseAfterMs` without a
//   break, and cleared only after no reason has stood for `clearAfterMs`.

export type SystemHealthReasonCode =
  | 'connection_down'
  | 'store_failing'
  | 'commit_slow'
  | 'write_queue'
  | 'quarantine_surge'
  | 'outbox_stuck'
  | 'breaker_open'
  | 'disk_low'
  | 'memory_high';

export interface SystemHealthThresholds {
  /** Some reason must stand this long, unbroken, before the alarm is raised. */
  readonly raiseAfterMs: number;
  /** No reason may stand for this long before the alarm clears. */
  readonly clearAfterMs: number;
  /** Average commit time over the last minute. */
  readonly commitMsMax: number;
  /** Readings and other writes waiting for the next commit. */
  readonly pendingWritesMax: number;
  /** Quarantined messages per second over the last minute. */
  readonly quarantinePerSMax: number;
  /** The oldest waiting cloud outbox entry, while the cloud link is on. */
  readonly outboxStuckMs: number;
  /** The cloud circuit breaker not closed for this long. */
  readonly breakerOpenMs: number;
  /** Free space of the data directory's disk, percent. */
  readonly diskFreeMinPercent: number;
  /** The host's resident memory. */
  readonly memoryMaxBytes: number;
}

/** A numeric reason, once raised, clears only below this share of its bound. */
export const CLEAR_FRACTION = 0.8;

export interface SystemHealthSample {
  readonly nowMs: number;
  readonly connections: ReadonlyArray<{ readonly id: string; readonly connected: boolean }>;
  readonly storeWriteError: string | null;
  /** Average commit time over the last minute; null when nothing was committed. */
  readonly commitMsAvg: number | null;
  readonly pendingWrites: number;
  readonly quarantinePerS: number;
  readonly cloud: {
    readonly enabled: boolean;
    /** Entries still to be sent (parked ones excluded). */
    readonly waiting: number;
    readonly oldestEntryMs: number | null;
    readonly breaker: 'closed' | 'open' | 'half_open';
  } | null;
  /** null when the free space could not be read. */
  readonly disk: { readonly freeBytes: number; readonly totalBytes: number } | null;
  readonly rssBytes: number;
}

export interface SystemHealthReason {
  readonly code: SystemHealthReasonCode;
  /** Operator-readable, with the figure and its bound. */
  readonly text: string;
}

export interface SystemHealthVerdict {
  /** The raised alarm's state, after dwell. */
  readonly raised: boolean;
  /** Reasons standing now (before dwell); empty when the console is healthy. */
  readonly reasons: ReadonlyArray<SystemHealthReason>;
  /** When `raised` last changed (ms), or null before it ever did. */
  readonly changedAtMs: number | null;
  /** True on the update that changed `raised`. */
  readonly changed: boolean;
}

/** The defaults of settings `health` (see operation-schema.ts, which documents why each is where it is). */
export const DEFAULT_SYSTEM_HEALTH_THRESHOLDS: SystemHealthThresholds = Object.freeze({
  raiseAfterMs: 30_000,
  clearAfterMs: 120_000,
  commitMsMax: 2_000,
  pendingWritesMax: 100_000,
  quarantinePerSMax: 5,
  outboxStuckMs: 15 * 60_000,
  breakerOpenMs: 5 * 60_000,
  diskFreeMinPercent: 5,
  memoryMaxBytes: 1536 * 1_000_000,
});

const MB = 1_000_000;

function percent(n: number): string {
  return `${Math.round(n * 10) / 10} %`;
}

/** A figure above its bound raises; once raised it stands until it falls below CLEAR_FRACTION of it. */
function over(value: number, bound: number, standing: boolean): boolean {
  return standing ? value >= bound * CLEAR_FRACTION : value > bound;
}

/** The judge: feed it a sample now and then (once a second in the host); it answers with the verdict. */
export class SystemHealthJudge {
  private standing: ReadonlySet<SystemHealthReasonCode> = new Set();
  private badSinceMs: number | null = null;
  private goodSinceMs: number | null = null;
  private breakerNotClosedSinceMs: number | null = null;
  private raised = false;
  private changedAtMs: number | null = null;
  private last: SystemHealthVerdict = { raised: false, reasons: [], changedAtMs: null, changed: false };

  constructor(private thresholds: SystemHealthThresholds = DEFAULT_SYSTEM_HEALTH_THRESHOLDS) {}

  /**
   * Takes over an alarm state restored from the store (a restart while degraded), so that the alarm
   * is not cleared at start and raised again 30 s later: it clears only after the clear dwell.
   */
  adopt(raised: boolean, atMs: number): void {
    if (raised === this.raised) return;
    this.raised = raised;
    this.changedAtMs = atMs;
    this.last = { ...this.last, raised, changedAtMs: atMs };
  }

  setThresholds(thresholds: SystemHealthThresholds): void {
    this.thresholds = thresholds;
  }

  /** The verdict of the last update, without judging again. */
  current(): SystemHealthVerdict {
    return this.last;
  }

  update(sample: SystemHealthSample): SystemHealthVerdict {
    const reasons = this.reasonsOf(sample);
    this.standing = new Set(reasons.map((r) => r.code));
    const t = sample.nowMs;
    let changed = false;
    if (reasons.length > 0) {
      this.goodSinceMs = null;
      this.badSinceMs ??= t;
      if (!this.raised && t - this.badSinceMs >= this.thresholds.raiseAfterMs) {
        this.raised = true;
        changed = true;
      }
    } else {
      this.badSinceMs = null;
      this.goodSinceMs ??= t;
      if (this.raised && t - this.goodSinceMs >= this.thresholds.clearAfterMs) {
        this.raised = false;
        changed = true;
      }
    }
    if (changed) this.changedAtMs = t;
    this.last = { raised: this.raised, reasons, changedAtMs: this.changedAtMs, changed };
    return this.last;
  }

  private reasonsOf(s: SystemHealthSample): SystemHealthReason[] {
    const th = this.thresholds;
    const was = (code: SystemHealthReasonCode): boolean => this.standing.has(code);
    const reasons: SystemHealthReason[] = [];
    // Every connection down is "monitoring lost", an alarm of its own; this is the partial outage.
    const down = s.connections.filter((c) => !c.connected);
    if (down.length > 0 && down.length < s.connections.length) {
      reasons.push({ code: 'connection_down', text: `connection ${down.map((c) => c.id).join(', ')} down while ${s.connections.length - down.length} of ${s.connections.length} are up` });
    }
    if (s.storeWriteError !== null) reasons.push({ code: 'store_failing', text: `store writes failing: ${s.storeWriteError}` });
    if (s.commitMsAvg !== null && over(s.commitMsAvg, th.commitMsMax, was('commit_slow'))) {
      reasons.push({ code: 'commit_slow', text: `commits take ${Math.round(s.commitMsAvg)} ms on average (bound ${th.commitMsMax} ms)` });
    }
    if (over(s.pendingWrites, th.pendingWritesMax, was('write_queue'))) {
      reasons.push({ code: 'write_queue', text: `${s.pendingWrites} writes waiting for the store (bound ${th.pendingWritesMax})` });
    }
    if (over(s.quarantinePerS, th.quarantinePerSMax, was('quarantine_surge'))) {
      reasons.push({ code: 'quarantine_surge', text: `${Math.round(s.quarantinePerS * 10) / 10} messages/s quarantined over the last minute (bound ${th.quarantinePerSMax}/s)` });
    }
    this.judgeCloud(s, reasons);
    if (s.disk !== null && s.disk.totalBytes > 0) {
      const freePercent = (100 * s.disk.freeBytes) / s.disk.totalBytes;
      const low = was('disk_low') ? freePercent <= th.diskFreeMinPercent / CLEAR_FRACTION : freePercent < th.diskFreeMinPercent;
      if (low) reasons.push({ code: 'disk_low', text: `data disk ${percent(freePercent)} free (bound ${th.diskFreeMinPercent} %)` });
    }
    if (over(s.rssBytes, th.memoryMaxBytes, was('memory_high'))) {
      reasons.push({ code: 'memory_high', text: `host memory ${Math.round(s.rssBytes / MB)} MB (bound ${Math.round(th.memoryMaxBytes / MB)} MB)` });
    }
    return reasons;
  }

  private judgeCloud(s: SystemHealthSample, reasons: SystemHealthReason[]): void {
    const cloud = s.cloud;
    // A switched-off link keeps its leftover outbox on purpose: that is not trouble.
    if (cloud === null || !cloud.enabled) {
      this.breakerNotClosedSinceMs = null;
      return;
    }
    if (cloud.waiting > 0 && cloud.oldestEntryMs !== null && s.nowMs - cloud.oldestEntryMs > this.thresholds.outboxStuckMs) {
      reasons.push({ code: 'outbox_stuck', text: `cloud outbox: ${cloud.waiting} entries, the oldest waiting ${Math.round((s.nowMs - cloud.oldestEntryMs) / 60_000)} min` });
    }
    if (cloud.breaker === 'closed') {
      this.breakerNotClosedSinceMs = null;
      return;
    }
    // Half-open is a probe of a breaker that opened: the outage goes on until it closes.
    this.breakerNotClosedSinceMs ??= s.nowMs;
    const forMs = s.nowMs - this.breakerNotClosedSinceMs;
    if (forMs >= this.thresholds.breakerOpenMs) {
      reasons.push({ code: 'breaker_open', text: `cloud circuit breaker ${cloud.breaker.replace('_', '-')} for ${Math.round(forMs / 60_000)} min` });
    }
  }
}

/** The alarm's message: the reasons, in words. */
export function systemHealthMessage(reasons: ReadonlyArray<SystemHealthReason>): string {
  return reasons.length === 0 ? 'System healthy' : `System degraded: ${reasons.map((r) => r.text).join('; ')}`;
}
