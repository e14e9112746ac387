import type { RetentionHealth } from '../../../shared/protocol';
import { formatIsoMillis } from '../../../shared/scoring';
import type { RetentionPolicy, RetentionStatus } from './retention';

/** When the sweeps run: the first `firstAfterMs` after `startedAtMs`, then every `everyMs` from the start. */
export interface SweepSchedule {
  readonly startedAtMs: number;
  readonly firstAfterMs: number;
  readonly everyMs: number;
}

/** The next sweep's time on the schedule (the maintenance timers tick from the start, not from the last sweep). */
export function nextSweepAt(schedule: SweepSchedule, nowMs: number): number {
  const first = schedule.startedAtMs + schedule.firstAfterMs;
  if (nowMs < first) return first;
  const periods = Math.floor((nowMs - schedule.startedAtMs) / schedule.everyMs) + 1;
  return schedule.startedAtMs + periods * schedule.everyMs;
}

/** `/api/health` → retention: the policy in effect and the sweeps that apply it. */
export function retentionHealth(policy: RetentionPolicy, status: RetentionStatus, schedule: SweepSchedule, nowMs: number): RetentionHealth {
  return {
    raw_days: policy.rawDays,
    rollup_days: policy.rollupDays,
    events_days: policy.eventsDays,
    quarantine_days: policy.quarantineDays,
    size_cap_bytes: status.sizeCapBytes,
    size_capped: status.sizeCapped,
    last_run_at: status.lastSweepAt === null ? null : formatIsoMillis(status.lastSweepAt),
    next_run_at: status.running ? null : formatIsoMillis(nextSweepAt(schedule, nowMs)),
    running: status.running,
    expired_for_size: status.expiredForSize,
  };
}

/** What reports retention: the sweeper, whose policy the settings screen may change while the host runs. */
export interface RetentionSource {
  currentPolicy(): RetentionPolicy;
  status(): RetentionStatus;
}

/** `/api/health` → retention of a running store, read afresh on every call. */
export function liveRetentionHealth(source: RetentionSource, schedule: SweepSchedule, nowMs: number): RetentionHealth {
  return retentionHealth(source.currentPolicy(), source.status(), schedule, nowMs);
}
