import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlarmService } from '../../../../electron/host/alarms/alarm-service';
import type { AlarmEventSink } from '../../../../electron/host/alarms/alarm-service';
import { alarmSetupFromSettings } from '../../../../electron/host/alarms/alarm-setup';
import type { AlarmSetup } from '../../../../electron/host/alarms/alarm-setup';
import type { AlarmBatch, BatchResult } from '../../../../electron/host/alarms/alarm-tables';
import { AlarmTables } from '../../../../electron/host/alarms/alarm-tables';
import type { AlarmSettings } from '../../../../electron/host/config/settings';
import { defaultSettings } from '../../../../electron/host/config/settings-file';
import type { SqliteDatabase } from '../../../../electron/host/store/database';
import { openDatabase } from '../../../../electron/host/store/database';
import { LocalStore } from '../../../../electron/host/store/local-store';
import type { StationMessageRefusal } from '../../../../shared/alarms/station-messages';
import type { AlarmItem, AlarmsStatus } from '../../../../shared/protocol';
import type { AlarmStatus, ScoredReading } from '../../../../shared/scoring';
import { createScoringEngine, formatIsoMillis, parseStatusBits } from '../../../../shared/scoring';
import { quietMessage } from '../../scoring/message-builder';

export const T0 = Date.parse('2026-03-01T09:00:00.000Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const CONSOLE = 'console-a';

const QUIET: ScoredReading = (() => {
  const outcome = createScoringEngine().scoreMessage(quietMessage({ deviceId: 'DEV0001' }));
  if (!outcome.ok) throw new Error('the quiet message does not score');
  return outcome.result;
})();

export interface ReadingSpec {
  readonly device?: string;
  readonly at: number;
  readonly level?: ScoredReading['risk_level'];
  readonly score?: number;
  /** Status bits (bit 0 overvoltage … bit 11 arc; 4096 communication error). */
  readonly status?: number;
  readonly temperature?: number;
}

/** A scored reading with just the fields the alarms read set (the scoring itself is tested elsewhere). */
export function reading(spec: ReadingSpec): ScoredReading {
  const status = spec.status ?? 0;
  const alarm: AlarmStatus = parseStatusBits(status);
  const level = spec.level ?? 'NORMAL';
  return {
    ...QUIET,
    device_id: spec.device ?? 'DEV0001',
    timestamp_ms: spec.at,
    timestamp: formatIsoMillis(spec.at),
    status_bits: status,
    alarm_status: alarm,
    sensor_temperature: spec.temperature ?? QUIET.sensor_temperature,
    risk_level: level,
    risk_score: spec.score ?? (level === 'CRITICAL' ? 0.92 : level === 'HIGH' ? 0.75 : 0.1),
    alert_type: level === 'CRITICAL' || level === 'HIGH' ? 'TEMPERATURE_CRITICAL' : 'GENERAL_RISK',
  };
}

export interface Emitted {
  readonly changed: AlarmItem[];
  readonly statuses: AlarmsStatus[];
}

export interface Harness {
  readonly db: SqliteDatabase;
  readonly file: string;
  readonly store: LocalStore;
  readonly tables: AlarmTables;
  readonly service: AlarmService;
  readonly setup: AlarmSetup;
  readonly emitted: Emitted;
  readonly shared: Array<{ topic: string; payload: string }>;
  readonly quarantined: Array<{ topic: string; reason: StationMessageRefusal }>;
  readonly retries: Array<() => void>;
  clock: { now: number };
  /** Makes the next writes fail (true) or succeed again (false). */
  failWrites(fail: boolean): void;
  /** Lets queued microtasks, the writer's turn and its callbacks run. */
  settle(): Promise<void>;
  close(): void;
}

export interface HarnessOptions {
  readonly file?: string;
  readonly alarms?: Partial<AlarmSettings>;
  readonly env?: Readonly<Record<string, string>>;
  readonly siteKey?: string | null;
  readonly now?: number;
  readonly consoleId?: string;
  readonly language?: 'en' | 'ko';
  readonly latest?: (id: string) => ScoredReading | null;
}

export function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'emberwatch-alarms-')), 'emberwatch.db');
}

export function harness(options: HarnessOptions = {}): Harness {
  const file = options.file ?? tempFile();
  const db = openDatabase(file);
  const store = new LocalStore(db, file);
  const tables = new AlarmTables(db);
  const settings: AlarmSettings = { ...defaultSettings().alarms, ...options.alarms };
  const base = alarmSetupFromSettings(settings, { env: options.env ?? {}, dataDir: '/nowhere', settingsFile: 'settings.json' });
  const setup: AlarmSetup =
    options.siteKey === undefined || options.siteKey === null ? base : { ...base, siteKey: { key: options.siteKey, reason: null } };
  const clock = { now: options.now ?? T0 };
  const emitted: Emitted = { changed: [], statuses: [] };
  const shared: Array<{ topic: string; payload: string }> = [];
  const quarantined: Array<{ topic: string; reason: StationMessageRefusal }> = [];
  const retries: Array<() => void> = [];
  let failing = false;
  const emit = ((event: string, payload: { alarms?: ReadonlyArray<AlarmItem>; status?: AlarmsStatus }) => {
    if (event === 'alarms.changed' && payload.alarms) emitted.changed.push(...payload.alarms);
    if (event === 'alarms.status' && payload.status) emitted.statuses.push(payload.status);
  }) as AlarmEventSink;
  const service = new AlarmService({
    tables,
    persist: (batch: AlarmBatch): Promise<BatchResult> =>
      failing ? Promise.reject(new Error('disk I/O error (test)')) : store.writer.durable(() => tables.write(batch, options.consoleId ?? CONSOLE)),
    setup,
    consoleId: options.consoleId ?? CONSOLE,
    site: 'Test site',
    language: options.language ?? 'en',
    now: () => clock.now,
    emit,
    latestReading: options.latest ?? (() => null),
    zoneOf: () => 'B1/F2',
    share: (topic, payload) => shared.push({ topic, payload }),
    quarantine: (topic, _payload, reason) => quarantined.push({ topic, reason }),
    scheduleRetry: (run) => retries.push(run),
  });
  service.restore();
  return {
    db,
    file,
    store,
    tables,
    service,
    setup,
    emitted,
    shared,
    quarantined,
    retries,
    clock,
    failWrites: (fail) => {
      failing = fail;
    },
    settle: async () => {
      await new Promise((r) => setImmediate(r));
      await store.writer.settled();
      await new Promise((r) => setImmediate(r));
    },
    close: () => {
      service.stop();
      store.close();
      db.close();
    },
  };
}

/** The alarm records as the database holds them now. */
export function storedStates(db: SqliteDatabase): Record<string, string> {
  const rows = db.prepare('SELECT id, state FROM alarms ORDER BY id').all() as Array<{ id: string; state: string }>;
  return Object.fromEntries(rows.map((r) => [r.id, r.state]));
}

export const CRITICAL_ID = 'device:DEV0001:risk_critical';
export const HIGH_ID = 'device:DEV0001:risk_high';
export const OVERCURRENT_ID = 'device:DEV0001:overcurrent';
/** Status bit 2: overcurrent (medium, does not latch). */
export const OVERCURRENT = 4;
