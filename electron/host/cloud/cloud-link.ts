import type { CloudHealth } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';
import { formatIsoMillis } from '../../../shared/scoring';
import type { CloudSettings } from '../config/cloud-schema';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../store/database';
import type { StoreWriter } from '../store/store-writer';
import { Backfiller } from './backfill';
import type { PlainItem } from './attribute-values';
import type { BatchWriteOptions } from './batch-writer';
import type { BreakerTransition } from './circuit-breaker';
import { CircuitBreaker, errorText } from './circuit-breaker';
import { CloudAlertLog } from './cloud-alert-log';
import type { CloudConfig } from './cloud-config';
import { awsAccess, resolveCloudConfig } from './cloud-config';
import { classifyCloudError, isEndpointFailure } from './cloud-errors';
import { addAlert, outboxStats } from './cloud-outbox';
import { readCloudAlerts, readCloudFleet } from './cloud-readers';
import { prepareCloudSecret } from './cloud-secret';
import type { DynamoApi } from './dynamo-client';
import { OutboxSender } from './outbox-sender';
import { ReadingMirror } from './reading-mirror';
import type { AsyncSecretBox } from './secret-box';
import type { SnsApiFactory } from './sns-sender';
import { SNS_KIND, SnsSender, isSnsEndpointFailure } from './sns-sender';
import type { AlarmItemLike, AlertInput, CloudDeviceState, ConsoleIdentity } from './table-items';
import { alertInputFromItem, alertRecord } from './table-items';

// The cloud link as the host composes it: DynamoDB client, breaker, outbox sender, mirror,
// readers of DeviceState and Alerts, and backfill. With the link off (the default) nothing of
// this starts, nothing is logged, and health still counts the outbox (the alarm system's
// escalations wait there too).

type Env = Readonly<Record<string, string | undefined>>;

/** Where the cloud's fleet goes: FleetState.applyCloudStates. */
export interface CloudFleetSink {
  applyCloudStates(states: ReadonlyArray<CloudDeviceState>, complete: boolean): void;
}

export interface CloudLinkOptions {
  readonly settings: CloudSettings;
  readonly env: Env;
  readonly dataDir: string;
  readonly console: ConsoleIdentity;
  readonly db: SqliteDatabase;
  readonly writer: StoreWriter;
  readonly fleet: CloudFleetSink;
  /** A device's running count of alarm bits, for DeviceState's total_alarms. */
  readonly totalAlarms: (deviceId: string) => number;
  /** The console's scoring overrides, so filled readings score as live ones do. */
  readonly scoring: Readonly<Record<string, unknown>>;
  readonly secrets: AsyncSecretBox;
  readonly log: Logger;
  readonly now?: () => number;
  /** Tests: a DynamoDB stand-in instead of the SDK client. */
  readonly api?: DynamoApi;
  /** Tests: an SNS stand-in instead of the SDK client. */
  readonly sns?: SnsApiFactory;
  /** Tests: a shorter breaker pause, quicker retries. */
  readonly breakerOpenMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly batch?: BatchWriteOptions;
  readonly onFilled?: (deviceId: string, readings: ReadonlyArray<ScoredReading>) => void;
}

export interface CloudLink {
  readonly enabled: boolean;
  /** Alerts of other consoles and the cloud pipeline; null when the link is off or does not read them. */
  readonly alerts: CloudAlertLog | null;
  /** Every scored reading, as ingest scores it (before its commit): mirrored when mirroring is on. */
  observeReading(reading: ScoredReading): void;
  /** An alarm changed (activation, acknowledgement, shelve, reset …): its Alerts row, through the outbox. */
  recordAlarm(alarm: AlertInput): Promise<void>;
  /**
   * The alarm service's `alarms.changed` push: rows for the alarms whose state, acknowledgement,
   * comment or shelving changed (a new value alone writes nothing).
   */
  alarmsChanged(items: ReadonlyArray<AlarmItemLike>): void;
  /** The same, inside a transaction the caller is running (the alarm system's own); true when queued. */
  queueAlarm(db: SqliteDatabase, alarm: AlertInput): boolean;
  /** A device page opened: fill its gaps from RawData. */
  deviceOpened(deviceId: string): void;
  /** Monitoring (the broker connections) was lost or came back. */
  monitoringChanged(lost: boolean, atMs: number): void;
  health(): CloudHealth;
  /** Tests: one poll of DeviceState and Alerts now. */
  pollNow(): Promise<void>;
  /** Tests: send what is due and fill what is queued, now. */
  settle(): Promise<void>;
  /** The breaker, for tests and health. */
  readonly breaker: CircuitBreaker | null;
  stop(): Promise<void>;
}

/**
 * After a start, the current row of every alarm that changed within `sinceMs` is queued again: a
 * change committed just before a crash may not have reached the outbox, and the conditional write
 * makes a row already there a no-op. Reads the alarm system's table (migration 003) when it exists.
 */
function resyncAlarms(db: SqliteDatabase, writer: StoreWriter, console: ConsoleIdentity, sinceMs: number, now: () => number, log: Logger): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alarms'").get() !== undefined;
  if (!exists) return;
  const rows: PlainItem[] = [];
  for (const text of db.prepare('SELECT record FROM alarms WHERE last_change_at >= ? AND activated_at IS NOT NULL').pluck().all(sinceMs) as string[]) {
    try {
      const item = alertRecord(JSON.parse(text) as AlertInput, console, now());
      if (item !== null) rows.push(item);
    } catch {
      // A record this version cannot read is the alarm system's to report, not the cloud's.
    }
  }
  if (rows.length === 0) return;
  writer
    .run((d) => {
      for (const item of rows) addAlert(d, item, now());
    })
    .catch((error: unknown) => log.warn('cloud: could not queue the alarms of the last hours again', { error: errorText(error) }));
}

/** The parts of an alarm its Alerts row is about; its value moves on every reading and is not. */
function alertSignature(item: AlarmItemLike): string {
  return JSON.stringify([item.state, item.activated_at, item.acked_by, item.acked_at, item.comment, item.shelved_until, item.late, item.condition_active]);
}

function iso(ms: number | null): string | null {
  return ms === null ? null : formatIsoMillis(ms);
}

/** The link with the cloud off: health reads the outbox, everything else does nothing. */
function disabledLink(db: SqliteDatabase): CloudLink {
  return {
    enabled: false,
    alerts: null,
    breaker: null,
    observeReading: () => {},
    recordAlarm: async () => {},
    alarmsChanged: () => {},
    queueAlarm: () => false,
    deviceOpened: () => {},
    monitoringChanged: () => {},
    health: (): CloudHealth => {
      const stats = outboxStats(db);
      return {
        enabled: false,
        outbox_depth: stats.depth,
        oldest_entry: iso(stats.oldestMs),
        breaker: 'closed',
        by_kind: stats.byKind,
        parked: stats.parked,
        last_error: null,
        last_sent_at: null,
        cloud_devices: 0,
        cloud_alerts: 0,
        backfilled: 0,
      };
    },
    pollNow: async () => {},
    settle: async () => {},
    stop: async () => {},
  };
}

/**
 * The alarm system's escalations to the seed's SNS topics wait in the outbox (kind 'sns.publish')
 * when a topic is configured (CRITICAL_ALERT_TOPIC_ARN, HIGH_RISK_ALERT_TOPIC_ARN): their sender
 * runs then, or while such rows are left from an earlier run, with or without the DynamoDB link.
 */
function snsWanted(options: CloudLinkOptions): boolean {
  const topic = (name: string): boolean => (options.env[name] ?? '').trim() !== '';
  if (topic('CRITICAL_ALERT_TOPIC_ARN') || topic('HIGH_RISK_ALERT_TOPIC_ARN')) return true;
  return options.db.prepare('SELECT 1 FROM cloud_outbox WHERE kind = ? LIMIT 1').get(SNS_KIND) !== undefined;
}

export async function startCloudLink(options: CloudLinkOptions): Promise<CloudLink> {
  const config = resolveCloudConfig(options.settings, options.env);
  const withSns = snsWanted(options);
  if (config === null && !withSns) return disabledLink(options.db);
  const access = config ?? awsAccess(options.settings, options.env);
  const secret = await prepareCloudSecret(access.secretAccessKey, options.secrets, options.dataDir, options.log);
  const link = config === null ? disabledLink(options.db) : await startEnabledLink(config, secret, options);
  if (!withSns) return link;
  const breaker = new CircuitBreaker({
    now: options.now ?? Date.now,
    isFailure: isSnsEndpointFailure,
    ...(options.breakerOpenMs !== undefined ? { openMs: options.breakerOpenMs } : {}),
    onTransition: (t) => {
      if (t.to === 'open' && t.from === 'closed') options.log.warn('SNS unreachable: escalations paused', { error: t.error });
      else if (t.to === 'closed') options.log.info('SNS reachable again');
    },
  });
  const api = options.sns ?? (await import('./sns-client')).snsApiFactory(access, secret, options.settings.request_timeout_s * 1000);
  const sns = new SnsSender({
    db: options.db,
    write: (work) => options.writer.run(work),
    api,
    breaker,
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    ...(options.retryMaxMs !== undefined ? { retryMaxMs: options.retryMaxMs } : {}),
  });
  sns.start();
  return {
    ...link,
    health(): CloudHealth {
      const stats = sns.stats();
      const snapshot = breaker.snapshot();
      return { ...link.health(), sns: { breaker: snapshot.state, pending: stats.pending, delivered: stats.delivered, last_error: stats.last_error } };
    },
    async settle(): Promise<void> {
      await link.settle();
      await sns.drain();
    },
    async stop(): Promise<void> {
      await sns.stop();
      await link.stop();
    },
  };
}

async function startEnabledLink(config: CloudConfig, secret: string | undefined, options: CloudLinkOptions): Promise<CloudLink> {
  const { log, db, writer } = options;
  const now = options.now ?? Date.now;
  // The AWS SDK is loaded only when the link is on: a console without the cloud starts without it.
  const { createDynamoClient, dynamoApi, guardedApi } = await import('./dynamo-client');
  const raw = options.api ?? dynamoApi(createDynamoClient(config, secret));

  let sender: OutboxSender | null = null;
  let backfill: Backfiller | null = null;
  const breaker = new CircuitBreaker({
    now,
    isFailure: isEndpointFailure,
    ...(options.breakerOpenMs !== undefined ? { openMs: options.breakerOpenMs } : {}),
    onTransition: (t: BreakerTransition) => {
      // Once per outage: a failed trial every 30 s while it lasts is not news.
      if (t.to === 'open' && t.from === 'closed') log.warn('cloud unreachable: cloud calls paused', { error: t.error, retry_at: iso(breaker.retryAt()) });
      else if (t.to === 'closed') {
        log.info('cloud reachable again');
        sender?.resume();
        backfill?.kick();
      }
    },
  });
  const api = guardedApi(raw, breaker);
  const write = <T>(work: (db: SqliteDatabase) => T): Promise<T> => writer.run(work);

  sender = new OutboxSender({
    db,
    write,
    api,
    breaker,
    tables: config.tables,
    log,
    now,
    ...(options.batch ? { batch: options.batch } : {}),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    ...(options.retryMaxMs !== undefined ? { retryMaxMs: options.retryMaxMs } : {}),
  });
  const theSender = sender;
  const mirror = new ReadingMirror({
    readings: config.mirrorReadings,
    deviceState: config.mirrorDeviceState,
    stateEveryMs: config.stateEveryMs,
    console: options.console,
    write,
    totalAlarms: options.totalAlarms,
    now,
    onQueued: () => theSender.kick(),
    onError: (error) => log.error('cloud mirror: could not queue readings', { error: error.message }),
  });
  backfill = config.backfill
    ? new Backfiller({
        db,
        writer,
        api,
        breaker,
        table: config.tables.raw_data,
        scoring: options.scoring,
        windowMs: config.backfillMs,
        log,
        now,
        ...(options.onFilled ? { onFilled: options.onFilled } : {}),
      })
    : null;
  const theBackfill = backfill;
  const alerts = config.readAlerts ? new CloudAlertLog() : null;
  let cloudDevices = 0;
  let alertsSince = now() - config.backfillMs;
  let lostSince: number | null = null;
  /** What each alarm's row last said, so a pushed value change alone writes nothing. */
  const sentAlarms = new Map<string, string>();
  let pollError: string | null = null;

  const pollFleet = async (): Promise<void> => {
    if (!config.readFleet) return;
    const { devices, complete } = await readCloudFleet(api, config.tables.device_state);
    cloudDevices = devices.length;
    options.fleet.applyCloudStates(devices, complete);
  };
  const pollAlerts = async (): Promise<void> => {
    if (!alerts) return;
    const started = now();
    const rows = await readCloudAlerts(api, config.tables.alerts, options.console.id, alertsSince);
    alerts.merge(rows);
    // A little overlap: a row written while this scan ran is read again next time, never missed.
    alertsSince = started - 120_000;
  };
  let polling: Promise<void> | null = null;
  const poll = (): Promise<void> => {
    if (polling) return polling;
    polling = (async () => {
      for (const step of [pollFleet, pollAlerts]) {
        if (!breaker.allows()) return;
        try {
          await step();
          pollError = null;
        } catch (error) {
          pollError = errorText(error);
          if (classifyCloudError(error) !== 'paused') log.debug('cloud poll failed', { error: pollError });
        }
      }
    })().finally(() => {
      polling = null;
    });
    return polling;
  };
  const pollTimer = setInterval(() => void poll(), config.pollMs);
  pollTimer.unref();
  const firstPoll = setTimeout(() => void poll(), 0);
  firstPoll.unref();

  log.info('cloud link started', {
    region: config.region ?? '(from the AWS chain)',
    endpoint: config.endpoint ?? 'AWS',
    tables: Object.values(config.tables).join(', '),
    mirror: config.mirrorReadings || config.mirrorDeviceState,
  });
  if (config.writeAlerts) resyncAlarms(db, writer, options.console, now() - config.backfillMs, now, log);
  sender.kick();
  backfill?.afterStart();

  return {
    enabled: true,
    alerts,
    breaker,
    observeReading: (reading) => mirror.observe(reading),
    async recordAlarm(alarm: AlertInput): Promise<void> {
      if (!config.writeAlerts) return;
      const item = alertRecord(alarm, options.console, now());
      if (item === null) return;
      await writer.run((d) => addAlert(d, item, now()), { durable: true });
      theSender.kick();
    },
    alarmsChanged(items: ReadonlyArray<AlarmItemLike>): void {
      if (!config.writeAlerts) return;
      const rows: PlainItem[] = [];
      for (const view of items) {
        const signature = alertSignature(view);
        if (sentAlarms.get(view.id) === signature) continue;
        const item = alertRecord(alertInputFromItem(view), options.console, now());
        if (item === null) continue;
        sentAlarms.set(view.id, signature);
        rows.push(item);
      }
      if (rows.length === 0) return;
      writer
        .run((d) => {
          for (const item of rows) addAlert(d, item, now());
        }, { durable: true })
        .then(() => theSender.kick(), (error: unknown) => log.error('cloud: could not queue alarm rows', { error: errorText(error) }));
    },
    queueAlarm(d: SqliteDatabase, alarm: AlertInput): boolean {
      if (!config.writeAlerts) return false;
      const item = alertRecord(alarm, options.console, now());
      if (item === null) return false;
      addAlert(d, item, now());
      setImmediate(() => theSender.kick());
      return true;
    },
    deviceOpened: (deviceId) => theBackfill?.deviceOpened(deviceId),
    monitoringChanged(lost: boolean, atMs: number): void {
      if (lost) {
        lostSince ??= atMs;
        return;
      }
      if (lostSince !== null) theBackfill?.afterOutage(lostSince, atMs);
      lostSince = null;
    },
    health(): CloudHealth {
      const stats = outboxStats(db);
      const sent = theSender.stats();
      const breakerState = breaker.snapshot();
      return {
        enabled: true,
        outbox_depth: stats.depth,
        oldest_entry: iso(stats.oldestMs),
        breaker: breakerState.state,
        by_kind: stats.byKind,
        parked: stats.parked,
        last_error: breakerState.state === 'closed' ? (sent.last_error ?? pollError ?? theBackfill?.stats().last_error ?? null) : breakerState.last_error,
        last_sent_at: iso(sent.last_sent_at),
        cloud_devices: cloudDevices,
        cloud_alerts: alerts?.size() ?? 0,
        backfilled: theBackfill?.stats().filled ?? 0,
      };
    },
    pollNow: () => poll(),
    async settle(): Promise<void> {
      mirror.flush(true);
      await writer.settled();
      await theSender.drain();
      await theBackfill?.drain();
    },
    async stop(): Promise<void> {
      clearInterval(pollTimer);
      clearTimeout(firstPoll);
      mirror.stop();
      await writer.settled();
      await theSender.stop();
      await theBackfill?.stop();
      if (polling) await polling.catch(() => {});
      raw.destroy();
    },
  };
}
