import type { AnalyticsEvent } from '../../../shared/analytics/types';
import type { AnalyticsEventName } from '../../../shared/alarms/sources';
import { STATION_EVENTS_SUBSCRIPTION } from '../../../shared/alarms/station-messages';
import type { AlarmHealth, AlertSummary } from '../../../shared/protocol';
import type { Language, ScoredReading } from '../../../shared/scoring';
import type { AnalyticsQueries } from '../analytics/analytics-runner';
import type { Settings } from '../config/settings';
import { settingsPath } from '../config/settings-file';
import type { FleetState } from '../fleet/fleet-state';
import type { QuarantinedMessage } from '../ingest/quarantine';
import { previewPayload } from '../ingest/quarantine';
import type { SqliteDatabase } from '../store/database';
import type { AlarmHandlers } from '../service/alarm-handlers';
import { createAlarmHandlers } from '../service/alarm-handlers';
import type { AlarmEventSink } from './alarm-service';
import { AlarmService } from './alarm-service';
import type { AlarmSetup } from './alarm-setup';
import { alarmSetupFromSettings } from './alarm-setup';
import { AlarmTables } from './alarm-tables';
import { WebhookSender } from './webhook-sender';

// The alarm system wired into the host: fed by ingest, analytics, the fleet's liveness and the
// console's own health; persisted through the store's one writer; sharing over the broker
// connections; escalations sent from the outbox. host-core calls a handful of these functions.

export const ALARM_TICK_MS = 1_000;
export const LIVENESS_POLL_MS = 2_000;
export const REARM_POLL_MS = 5_000;
export const WEBHOOK_POLL_MS = 2_000;
/**
 * A device's silence is its own only while the console still hears others: with nothing received
 * for this long, it is the console's link that is in doubt, and monitoring lost decides.
 */
export const OTHERS_HEARD_WITHIN_MS = 5_000;

/** What the alarm system needs of a broker connection (MqttConnection fits). */
export interface SharingConnection {
  readonly id: string;
  isConnected(): boolean;
  subscribeAlso(topic: string): void;
  publish(topic: string, payload: string): Promise<void>;
}

export interface HostAlarmsOptions {
  readonly db: SqliteDatabase;
  readonly writer: { durable<T>(work: (db: SqliteDatabase) => T): Promise<T>; run<T>(work: (db: SqliteDatabase) => T): Promise<T>; stats(): { readonly lastError: string | null } };
  readonly settings: Settings;
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly consoleId: string;
  readonly language: Language | (() => Language);
  readonly siteName: string;
  readonly fleet: FleetState<ScoredReading>;
  readonly analytics: Pick<AnalyticsQueries, 'device' | 'zones'>;
  readonly emit: AlarmEventSink;
  readonly quarantine: (entry: QuarantinedMessage) => void;
  readonly monitoring: () => { readonly lost: boolean; readonly reason: string | null; readonly detail: string | null; readonly since: string };
  /** Receive time of the newest message of any connection, or null. */
  readonly lastMessageAt: () => number | null;
  readonly startedAtMs: number;
  /** The composite system-health judge (service/system-health.ts), asked once a tick; raises `system_health`. */
  readonly systemHealth?: (standing: boolean) => { readonly raised: boolean; readonly message: string };
  readonly log: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  };
  readonly now?: () => number;
  /** false: no timers (tests drive `poll`). */
  readonly timers?: boolean;
  readonly setup?: AlarmSetup;
}

export interface HostAlarms {
  readonly service: AlarmService;
  readonly handlers: AlarmHandlers;
  observeReading(reading: ScoredReading, receivedAtMs: number): void;
  observeAnalytics(event: AnalyticsEvent): void;
  isStationTopic(topic: string): boolean;
  /** A message on the stations' topic: verified and applied; resolves once committed (then ack). */
  handleStationMessage(connectionId: string, topic: string, payload: Uint8Array, receivedAtMs: number): Promise<void>;
  attachConnections(connections: ReadonlyArray<SharingConnection>): void;
  /** The seed's recent alerts, from the alarms. */
  recent(limit: number, deviceId?: string): ReadonlyArray<AlertSummary>;
  health(): AlarmHealth;
  /** Records the settings in effect and journals what changed since the last ones. */
  recordSettings(record: (settings: unknown, source: string) => Promise<boolean>, source: string): Promise<void>;
  /** One round of the timed work (tests and the timers call it). */
  poll(): Promise<void>;
  stop(): void;
}

const STATION_PREFIX = 'fire-prediction/alerts/';
const STATION_SUFFIX = '/events';

export function isStationEventsTopic(topic: string): boolean {
  return topic.startsWith(STATION_PREFIX) && topic.endsWith(STATION_SUFFIX) && topic.length > STATION_PREFIX.length + STATION_SUFFIX.length;
}

function changedSections(before: string | null, after: unknown): string {
  if (before === null) return 'first settings recorded';
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(before) as Record<string, unknown>;
  } catch {
    return 'settings changed';
  }
  const now = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(now)])].sort();
  const changed = keys.filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(now[k]));
  return changed.length === 0 ? 'settings changed' : `changed: ${changed.join(', ')}`;
}

export function startHostAlarms(options: HostAlarmsOptions): HostAlarms {
  const now = options.now ?? Date.now;
  const { log, fleet } = options;
  const setup = options.setup ?? alarmSetupFromSettings(options.settings.alarms, { env: options.env, dataDir: options.dataDir, settingsFile: settingsPath(options.dataDir) });
  const tables = new AlarmTables(options.db);
  let connections: ReadonlyArray<SharingConnection> = [];
  const share = (topic: string, payload: string): void => {
    const up = connections.filter((c) => c.isConnected());
    for (const connection of up.length > 0 ? up : connections) {
      connection.publish(topic, payload).catch((error: unknown) => log.warn('could not share an alarm action', { connection: connection.id, error: String(error) }));
    }
  };
  const service = new AlarmService({
    tables,
    persist: (batch) => options.writer.durable(() => tables.write(batch, options.consoleId)),
    setup,
    consoleId: options.consoleId,
    site: options.siteName,
    language: options.language,
    now,
    emit: options.emit,
    latestReading: (id) => fleet.latest(id),
    zoneOf: (id) => fleet.summary(id, now())?.zone ?? null,
    share,
    quarantine: (topic, payload, reason, detail) =>
      options.quarantine({
        received_at: new Date(now()).toISOString(),
        connection: 'alarms',
        topic,
        reason,
        detail,
        payload_preview: previewPayload(payload),
      }),
    log,
  });
  const restored = service.restore();
  if (restored.alarms > 0) log.info('alarms restored', restored);
  if (setup.siteKey.key === null) log.info('alarm sharing between stations is off', { reason: setup.siteKey.reason });

  const webhook = new WebhookSender({ db: options.db, writer: options.writer, now, log });

  let lostSince: number | null = null;
  const pollConsole = (): void => {
    const t = now();
    const monitoring = options.monitoring();
    if (monitoring.lost) lostSince ??= t;
    else lostSince = null;
    const lost = lostSince !== null && t - lostSince >= setup.monitoringGraceMs;
    if (lost !== service.consoleConditionActive('monitoring_lost')) {
      service.setConsoleCondition('monitoring_lost', lost, { message: lost ? `Monitoring lost: ${monitoring.detail ?? monitoring.reason ?? 'no data'}` : 'Monitoring restored' });
    }
    const storeError = options.writer.stats().lastError ?? service.writeError();
    if ((storeError !== null) !== service.consoleConditionActive('store_failing')) {
      service.setConsoleCondition('store_failing', storeError !== null, { message: storeError === null ? 'Store writes recovered' : `Store failing: ${storeError}` });
    }
    const standing = service.consoleConditionActive('system_health');
    const system = options.systemHealth?.(standing);
    // Also while it stands: its message follows the reasons (the transition keeps the raising words).
    if (system !== undefined && (system.raised || standing)) {
      service.setConsoleCondition('system_health', system.raised, { message: system.message });
    }
  };

  const pollLiveness = (): void => {
    const t = now();
    const lastHeard = options.lastMessageAt();
    const othersHeard = lastHeard !== null && t - lastHeard <= OTHERS_HEARD_WITHIN_MS;
    const entries: Array<{ deviceId: string; lost: boolean; zone: string | null }> = [];
    for (const summary of fleet.summaries(t)) {
      if (summary.last_seen === null) continue;
      let online = summary.online;
      const seen = Date.parse(summary.last_seen);
      // Silence that began before this start is counted from the start, so a restart after an
      // outage does not raise every device at once before it has had time to report.
      if (!online && seen < options.startedAtMs) online = fleet.summary(summary.device_id, seen + (t - options.startedAtMs))?.online ?? online;
      const commError = summary.status_bits !== null && summary.status_bits >= 4096;
      // Silence is the device's own only while the console still hears the others.
      const lost = !online && (commError || othersHeard);
      if (!lost && !online) continue;
      entries.push({ deviceId: summary.device_id, lost, zone: summary.zone });
    }
    service.observeLiveness(entries);
  };

  const pollRearm = (): void => {
    const zones = new Map<string, { high: boolean; divergence: boolean }>();
    for (const zone of options.analytics.zones().zones) zones.set(zone.zone, { high: zone.high_risk_cluster, divergence: zone.temp_divergence });
    service.rearmAnalytics((scope, target) => {
      if (scope === 'zone') {
        const z = zones.get(target);
        if (z === undefined) return null;
        const active: AnalyticsEventName[] = [];
        if (z.high) active.push('HIGH_RISK_CLUSTER');
        if (z.divergence) active.push('TEMP_DIVERGENCE');
        return active;
      }
      const view = options.analytics.device(target);
      return view === null ? null : view.anomalies.active.map((a) => a.event);
    });
  };

  const poll = async (): Promise<void> => {
    pollConsole();
    pollLiveness();
    pollRearm();
    service.tick();
    await webhook.sendDue();
  };

  const timers: Array<ReturnType<typeof setInterval>> = [];
  if (options.timers !== false) {
    const every = (ms: number, task: () => void | Promise<unknown>): void => {
      const timer = setInterval(() => {
        try {
          const result = task();
          if (result instanceof Promise) result.catch((error: unknown) => log.error('alarm timer failed', { error: String(error) }));
        } catch (error) {
          log.error('alarm timer failed', { error: String(error) });
        }
      }, ms);
      timer.unref();
      timers.push(timer);
    };
    every(ALARM_TICK_MS, () => {
      pollConsole();
      service.tick();
    });
    every(LIVENESS_POLL_MS, pollLiveness);
    every(REARM_POLL_MS, pollRearm);
    every(WEBHOOK_POLL_MS, () => webhook.sendDue());
  }

  return {
    service,
    handlers: createAlarmHandlers(service, now),
    observeReading(reading, receivedAtMs): void {
      try {
        service.observeReading(reading, receivedAtMs, { newestTs: fleet.latest(reading.device_id)?.timestamp_ms ?? null });
      } catch (error) {
        log.error('alarms: a reading could not be evaluated', { device: reading.device_id, error: String(error) });
      }
    },
    observeAnalytics(event): void {
      try {
        service.observeAnalytics(event);
      } catch (error) {
        log.error('alarms: an analytics event could not be evaluated', { event: event.event, error: String(error) });
      }
    },
    isStationTopic: isStationEventsTopic,
    handleStationMessage(_connectionId, topic, payload): Promise<void> {
      return service.receiveStationMessage(topic, payload).catch((error: unknown) => {
        log.error('alarms: a station message could not be applied', { topic, error: String(error) });
      });
    },
    attachConnections(list): void {
      connections = list;
      if (setup.siteKey.key === null) return;
      for (const connection of list) connection.subscribeAlso(STATION_EVENTS_SUBSCRIPTION);
    },
    recent: (limit, deviceId) => service.recentAlerts(limit, deviceId),
    health(): AlarmHealth {
      const counts = service.counts();
      const stats = webhook.stats();
      return {
        standing: counts.standing,
        unacknowledged: counts.unacknowledged,
        sharing: service.sharing(),
        escalation: {
          webhook: setup.webhookUrl !== null,
          sns_topics: [setup.snsTopics.critical, setup.snsTopics.high].filter((t): t is string => t !== null),
          outbox_pending: tables.webhookOutboxPending(),
          last_error: stats.last_error,
        },
        unsaved: counts.unsaved,
      };
    },
    async recordSettings(record, source): Promise<void> {
      const before = tables.lastSettings();
      const changed = await record(options.settings, source);
      if (changed) await service.journalSettingsChange({ operator: source, station: 'host', role: 'supervisor' }, changedSections(before, options.settings));
    },
    poll,
    stop(): void {
      for (const timer of timers) clearInterval(timer);
      service.stop();
    },
  };
}
