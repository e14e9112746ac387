/**
 * "Monitoring lost": the console itself cannot watch. Raised when every connection is down, or
 * when a fleet that was reporting has delivered nothing for a minute. While it stands, it replaces
 * the flood of per-device communication-loss alarms the same outage would otherwise raise.
 */
export const INGEST_STALL_MS = 60_000;

export interface MonitoringInputs {
  readonly nowMs: number;
  /** Configured connections and how many are connected. */
  readonly connections: number;
  readonly connected: number;
  /** Receive time of the newest message of any kind, or null if none ever came. */
  readonly lastMessageAtMs: number | null;
}

export type MonitoringVerdict =
  | { readonly lost: false }
  | { readonly lost: true; readonly reason: 'NO_CONNECTION' | 'ALL_CONNECTIONS_DOWN' | 'INGEST_STALLED'; readonly detail: string };

export function judgeMonitoring(inputs: MonitoringInputs): MonitoringVerdict {
  if (inputs.connections === 0) {
    return { lost: true, reason: 'NO_CONNECTION', detail: 'no MQTT connection is configured' };
  }
  if (inputs.connected === 0) {
    return { lost: true, reason: 'ALL_CONNECTIONS_DOWN', detail: `none of the ${inputs.connections} broker connection(s) is up` };
  }
  // A fleet that never reported cannot have stalled: a new site is quiet, not lost.
  if (inputs.lastMessageAtMs !== null && inputs.nowMs - inputs.lastMessageAtMs > INGEST_STALL_MS) {
    const seconds = Math.round((inputs.nowMs - inputs.lastMessageAtMs) / 1000);
    return { lost: true, reason: 'INGEST_STALLED', detail: `nothing received for ${seconds} s from a fleet that was reporting` };
  }
  return { lost: false };
}

export interface MonitoringState {
  readonly lost: boolean;
  readonly reason: string | null;
  readonly detail: string | null;
  /** When the current state began (ISO-8601). */
  readonly since: string;
}

/** Remembers when the verdict last changed, so the console can say "monitoring lost since 14:02". */
export class MonitoringWatch {
  private state: MonitoringState;

  constructor(nowMs: number) {
    this.state = { lost: false, reason: null, detail: null, since: new Date(nowMs).toISOString() };
  }

  /** Returns true when the verdict changed. */
  update(inputs: MonitoringInputs): boolean {
    const verdict = judgeMonitoring(inputs);
    const reason = verdict.lost ? verdict.reason : null;
    const changed = verdict.lost !== this.state.lost || reason !== this.state.reason;
    if (changed) {
      this.state = {
        lost: verdict.lost,
        reason,
        detail: verdict.lost ? verdict.detail : null,
        since: new Date(inputs.nowMs).toISOString(),
      };
    } else if (verdict.lost && verdict.detail !== this.state.detail) {
      this.state = { ...this.state, detail: verdict.detail };
    }
    return changed;
  }

  current(): MonitoringState {
    return this.state;
  }
}
