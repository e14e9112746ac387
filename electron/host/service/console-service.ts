import type {
  AlarmHealth,
  BackupsHealth,
  CloudHealth,
  ConnectionHealth,
  DeviceHistoryResponse,
  DeviceInfo,
  DiskHealth,
  HealthResponse,
  LogsHealth,
  MemoryHealth,
  MetricsResponse,
  ProtocolHandlers,
  QuarantinedMessageView,
  ReadingAnalysis,
  Recommendation,
  RetentionHealth,
  ScoringView,
  SystemHealthView,
  TimeseriesPoint,
} from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { AnalyticsQueries } from '../analytics/analytics-runner';
import type { FleetState } from '../fleet/fleet-state';
import type { ScoredReading } from '../../../shared/scoring';
import { readingTemperature } from '../fleet/reading-view';
import type { AlertList } from '../cloud/cloud-alert-log';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { QuarantineLog } from '../ingest/quarantine';
import type { AlarmHandlers } from './alarm-handlers';
import type { BackupHandlers } from '../backup/backup-handlers';
import { NO_BACKUP_HANDLERS } from '../backup/backup-handlers';
import type { ReportHandlers } from '../reports/report-handlers';
import { NO_REPORT_HANDLERS } from '../reports/report-handlers';
import type { SettingsHandlers } from './settings-handlers';
import { NO_SETTINGS_HANDLERS } from './settings-handlers';
import { judgeHealth } from './health';
import type { HistoryWindow } from './history-params';
import { historyWindow } from './history-params';

/** The seed's realtime endpoint answered only with a reading from the last minute. */
export const REALTIME_WINDOW_MS = 60 * 1000;

export type StoreStats = HealthResponse['store'];

/** Reads served from the local store (electron/host/store). */
export interface ServiceStore {
  /** Event time of the device's newest stored reading; null if the store never saw it. */
  newestTs(deviceId: string): number | null;
  history(deviceId: string, window: HistoryWindow): DeviceHistoryResponse | null;
  /** The device's newest readings, oldest first (what the device page charts). */
  recentPoints(deviceId: string, limit: number): ReadonlyArray<TimeseriesPoint>;
  /** Quarantined messages, newest first, including those from before a restart. */
  quarantine(limit: number): ReadonlyArray<QuarantinedMessageView>;
}

/** Readings the device page shows, as the fleet's in-memory ring held them. */
export const DEVICE_PAGE_POINTS = 720;

export interface ServiceContext {
  readonly version: string;
  readonly startedAtMs: number;
  readonly demoBrokerUrl: string | null;
  readonly fleet: FleetState<ScoredReading>;
  readonly ingest: IngestPipeline;
  readonly quarantine: QuarantineLog;
  /** Recent alerts: the console's own, and (with the cloud link) those of other consoles. */
  readonly alerts: AlertList;
  /** The stream analytics: device aggregates, trends and predictions, zone risk. */
  readonly analytics: AnalyticsQueries;
  /** The local store's history; without it the device page shows the in-memory points. */
  readonly store?: ServiceStore;
  connections(nowMs: number): ReadonlyArray<ConnectionHealth>;
  storeStats(): StoreStats;
  monitoring(): HealthResponse['monitoring'];
  /** The cloud link and its outbox (electron/host/cloud). */
  cloud?(): CloudHealth;
  pendingAcks(): number;
  metrics(): MetricsResponse;
  recommendations(info: DeviceInfo, history: ReadonlyArray<TimeseriesPoint>): ReadonlyArray<Recommendation>;
  /** The newest reading's analysis in the console's language. */
  analysis(reading: ScoredReading): ReadingAnalysis;
  now(): number;
  /** The alarm system's methods (issue 7), served beside the reads. */
  readonly alarmHandlers: AlarmHandlers;
  alarmHealth?(): AlarmHealth;
  /** Backups (issue 11): `backup.create`, `backups.list`; without them both answer UNAVAILABLE. */
  readonly backupHandlers?: BackupHandlers;
  backups?(): BackupsHealth;
  /** Incidents and reports (issue 10); without them both answer UNAVAILABLE. */
  readonly reportHandlers?: ReportHandlers;
  /** The settings screen's reads and writes (issue 8); without them they answer UNAVAILABLE. */
  readonly settingsHandlers?: SettingsHandlers;
  /** The log folder's size (issue 11). */
  logs?(): LogsHealth;
  /** Default: this process's `process.memoryUsage()`. */
  memory?(): MemoryHealth;
  /** Retention in effect and its sweeps (issue 11). */
  retention?(): RetentionHealth;
  /** The scoring thresholds and level cut-offs in effect (the live engine's). */
  scoring?(): ScoringView;
  /** The data directory's disk (issue 11). */
  disk?(): DiskHealth | null;
  /** The composite system-health judge's last verdict (issue 11). */
  systemHealth?(): SystemHealthView;
}

function processMemory(): MemoryHealth {
  const m = process.memoryUsage();
  return { rss_bytes: m.rss, heap_used_bytes: m.heapUsed, heap_total_bytes: m.heapTotal, external_bytes: m.external };
}

function requireId(params: { readonly id?: unknown }): string {
  if (typeof params.id !== 'string' || params.id === '') throw new ProtocolError('BAD_REQUEST', 'id must be a non-empty string');
  return params.id;
}

/** The one implementation of every read the console offers; the protocol and REST both call it. */
export function createConsoleService(ctx: ServiceContext): ProtocolHandlers {
  const health = (): HealthResponse => {
    const now = ctx.now();
    const connections = ctx.connections(now);
    const system = ctx.systemHealth?.() ?? null;
    const verdict = judgeHealth(connections, ctx.monitoring(), system);
    const counters = ctx.ingest.counters(now);
    return {
      status: verdict.status,
      uptime_s: Math.floor((now - ctx.startedAtMs) / 1000),
      version: ctx.version,
      reasons: verdict.reasons,
      mode: { demo: ctx.demoBrokerUrl !== null, embedded_broker_url: ctx.demoBrokerUrl },
      connections,
      ingest: {
        received: counters.received,
        scored: counters.scored,
        duplicates: counters.duplicates,
        per_second: counters.per_second,
        late: counters.late,
        clock_skew: counters.clock_skew,
        lost_messages: ctx.fleet.totalLostMessages(),
        pending_acks: ctx.pendingAcks(),
      },
      quarantine: { total: ctx.quarantine.total(), by_reason: ctx.quarantine.byReason() },
      store: ctx.storeStats(),
      monitoring: ctx.monitoring(),
      ...(ctx.alarmHealth ? { alarms: ctx.alarmHealth() } : {}),
      ...(ctx.cloud ? { cloud: ctx.cloud() } : {}),
      ...(ctx.logs ? { logs: ctx.logs() } : {}),
      ...(ctx.backups ? { backups: ctx.backups() } : {}),
      memory: (ctx.memory ?? processMemory)(),
      ...(ctx.retention ? { retention: ctx.retention() } : {}),
      ...(ctx.scoring ? { scoring: ctx.scoring() } : {}),
      ...(ctx.disk ? { disk: ctx.disk() } : {}),
      ...(system !== null ? { system_health: system } : {}),
    };
  };

  return {
    'health.get': async () => health(),
    'overview.get': async () => {
      const now = ctx.now();
      const { total, active, distribution } = ctx.fleet.counts(now);
      return {
        total_devices: total,
        active_devices: active,
        risk_distribution: distribution,
        recent_alerts: ctx.alerts.recent(5),
        // The seed's rule, kept so existing dashboards read the same verdict.
        system_status: active > total * 0.8 ? 'HEALTHY' : 'DEGRADED',
      };
    },
    'devices.list': async () => ({ devices: ctx.fleet.summaries(ctx.now()) }),
    'device.get': async (params) => {
      const id = requireId(params);
      const state = ctx.fleet.info(id, ctx.now());
      if (!state) throw new ProtocolError('NOT_FOUND', `no device ${JSON.stringify(id)}`);
      const latest = ctx.fleet.latest(id);
      const info: DeviceInfo = { ...state, latest_analysis: latest ? ctx.analysis(latest) : null };
      const timeseries = ctx.store ? ctx.store.recentPoints(id, DEVICE_PAGE_POINTS) : ctx.fleet.timeseries(id);
      const analytics = ctx.analytics.device(id);
      return {
        device_info: info,
        timeseries_data: timeseries,
        recent_alerts: ctx.alerts.recent(20, id),
        recommendations: ctx.recommendations(info, timeseries),
        aggregates: analytics?.aggregates ?? null,
        anomalies: analytics?.anomalies ?? null,
        arc_pattern: analytics?.arc_pattern ?? null,
        trend: analytics?.trend ?? null,
        prediction: analytics?.prediction ?? null,
      };
    },
    'device.history': async (params) => {
      const id = requireId(params);
      const newest = ctx.store?.newestTs(id) ?? null;
      const window = historyWindow(params, newest, ctx.now());
      const history = ctx.store?.history(id, window) ?? null;
      if (!history) {
        if (!ctx.fleet.has(id)) throw new ProtocolError('NOT_FOUND', `no device ${JSON.stringify(id)}`);
        throw new ProtocolError('NOT_FOUND', `no stored history for ${JSON.stringify(id)}`);
      }
      return history;
    },
    'zones.list': async () => ctx.analytics.zones(),
    'zone.get': async (params) => {
      const id = requireId(params);
      const zone = ctx.analytics.zone(id);
      if (!zone) throw new ProtocolError('NOT_FOUND', `no zone ${JSON.stringify(id)}`);
      return zone;
    },
    'metrics.get': async () => ctx.metrics(),
    ...ctx.alarmHandlers,
    ...(ctx.backupHandlers ?? NO_BACKUP_HANDLERS),
    ...(ctx.reportHandlers ?? NO_REPORT_HANDLERS),
    ...(ctx.settingsHandlers ?? NO_SETTINGS_HANDLERS),
    'quarantine.list': async (params) => {
      const limit = params.limit ?? 100;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new ProtocolError('BAD_REQUEST', 'limit must be a whole number from 1 to 1000');
      }
      return { messages: ctx.store ? ctx.store.quarantine(limit) : ctx.quarantine.list(limit) };
    },
    'realtime.get': async (params) => {
      const id = requireId(params);
      if (!ctx.fleet.has(id)) throw new ProtocolError('NOT_FOUND', `no device ${JSON.stringify(id)}`);
      const latest = ctx.fleet.latest(id);
      const info = ctx.fleet.info(id, ctx.now());
      const lastSeen = info?.last_seen ? Date.parse(info.last_seen) : null;
      if (!latest || lastSeen === null || ctx.now() - lastSeen > REALTIME_WINDOW_MS) {
        throw new ProtocolError('NOT_FOUND', `no reading from ${JSON.stringify(id)} in the last minute`);
      }
      return {
        timestamp: latest.timestamp,
        temperature: readingTemperature(latest),
        risk_score: latest.risk_score,
        voltage: latest.voltage,
        current: latest.current,
        arc_count: latest.arc_count,
        alarm_status: latest.alarm_status,
        status_bits: latest.status_bits,
      };
    },
  };
}
