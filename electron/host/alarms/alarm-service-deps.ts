import type { StationMessageRefusal } from '../../../shared/alarms/station-messages';
import type { AlarmItem, AlarmsStatus } from '../../../shared/protocol';
import type { Language, ScoredReading } from '../../../shared/scoring';
import type { AlarmBatch, AlarmTables, BatchResult } from './alarm-tables';
import type { AlarmSetup } from './alarm-setup';

// What the host gives the alarm service: one place, so that each part of the service can name the
// few of these it needs (a Pick) and a test can see what a part depends on.

export type AlarmEventSink = {
  (event: 'alarms.changed', payload: { readonly alarms: ReadonlyArray<AlarmItem> }): void;
  (event: 'alarms.status', payload: { readonly status: AlarmsStatus }): void;
};

export interface AlarmLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AlarmServiceDeps {
  readonly tables: AlarmTables;
  /** Commits a batch durably (synchronous=FULL) and returns the journal entries written. */
  readonly persist: (batch: AlarmBatch) => Promise<BatchResult>;
  readonly setup: AlarmSetup;
  /** This console's identity (the database's site id): shared action ids are `{consoleId}/{seq}`. */
  readonly consoleId: string;
  readonly site: string;
  /** The console's language for escalation messages, or where to read it: a supervisor may change it while the host runs. */
  readonly language: Language | (() => Language);
  readonly now: () => number;
  readonly emit: AlarmEventSink;
  /** The device's newest reading (escalation messages carry its sensor data). */
  readonly latestReading?: (deviceId: string) => ScoredReading | null;
  /** The zone a device belongs to now (for device alarms raised by analytics). */
  readonly zoneOf?: (deviceId: string) => string | null;
  /** Publishes a signed station message (MQTT); absent or without a site key, sharing is off. */
  readonly share?: (topic: string, payload: string) => void;
  /** A station message refused: the host quarantines it with the reason. */
  readonly quarantine?: (topic: string, payload: Uint8Array, reason: StationMessageRefusal, detail: string) => void;
  readonly log?: AlarmLog;
  /** Tests: retry delays after a failed write (default 0.5 s … 30 s); timers are the host's. */
  readonly scheduleRetry?: (run: () => void, delayMs: number) => void;
}
