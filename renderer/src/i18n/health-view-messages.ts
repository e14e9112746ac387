import type { CloudHealth } from '../../../shared/protocol/api-types';

/** The strings of the Health view (issue 11); part of `ViewMessages` as `healthView`. */
export interface HealthViewMessages {
  readonly title: string;
  readonly waiting: string;
  readonly composite: string;
  readonly allWell: string;
  readonly alarmRaised: string;
  readonly alarmNotRaised: string;
  readonly reasonsLabel: string;
  readonly since: (time: string) => string;
  readonly ingest: {
    readonly title: string;
    readonly rate: string;
    readonly lag: string;
    readonly lagNone: string;
    readonly received: string;
    readonly scored: string;
    readonly duplicates: string;
    readonly late: string;
    readonly clockSkew: string;
    readonly lostMessages: string;
    readonly pendingAcks: string;
    readonly chartRate: string;
    readonly chartCommit: string;
    readonly chartEmpty: string;
    readonly perSecond: (rate: string) => string;
    readonly ms: (value: string) => string;
  };
  readonly connections: {
    readonly title: string;
    readonly none: string;
    readonly id: string;
    readonly state: string;
    readonly rate: string;
    readonly subscriptions: string;
    readonly lastError: string;
    readonly noLimit: string;
    readonly ofLimit: (value: string, limit: string) => string;
    readonly nearLimit: string;
    readonly overLimit: string;
    readonly noError: string;
  };
  readonly quarantine: {
    readonly title: string;
    readonly total: string;
    readonly byReason: string;
    readonly recent: string;
    readonly none: string;
    readonly topic: string;
  };
  readonly store: {
    readonly title: string;
    readonly size: string;
    readonly used: string;
    readonly cap: string;
    readonly capped: string;
    readonly readings: string;
    readonly oldest: string;
    readonly pendingWrites: string;
    readonly lastCommit: string;
    readonly writeError: string;
    readonly disk: string;
    readonly diskFree: (free: string, total: string) => string;
  };
  readonly retention: {
    readonly title: string;
    readonly kept: string;
    readonly keptLine: (raw: string, rollups: string, events: string, quarantine: string) => string;
    readonly days: (n: number) => string;
    readonly lastRun: string;
    readonly nextRun: string;
    readonly running: string;
    readonly never: string;
  };
  readonly cloud: {
    readonly title: string;
    readonly off: string;
    readonly depth: string;
    readonly oldest: string;
    readonly breaker: string;
    readonly breakerState: { readonly [B in CloudHealth['breaker']]: string };
    readonly lastError: string;
    readonly lastSent: string;
  };
  readonly host: {
    readonly title: string;
    readonly rss: string;
    readonly heap: string;
    readonly heapLine: (used: string, total: string) => string;
    readonly uptime: string;
    readonly version: string;
    readonly logs: string;
  };
  readonly backups: {
    readonly title: string;
    readonly last: string;
    readonly next: string;
    readonly count: string;
    readonly none: string;
    readonly off: string;
    readonly running: string;
    readonly lastError: string;
  };
  readonly nav: { readonly openHealth: string };
  readonly inFuture: (duration: string) => string;
}
