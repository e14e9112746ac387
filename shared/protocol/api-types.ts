/**
 * Response shapes of the host's read API. The REST endpoints keep the source system's Flask
 * dashboard shapes (snake_case, same keys) so that tools written for that dashboard keep working;
 * the renderer receives exactly the same objects over the protocol.
 */

import type { AlarmStatus } from '../scoring/types';
import type { AlarmHealth } from './alarms-types';
import type { ScoringView } from './scoring-view';
import type {
  ArcPatternView,
  DeviceAggregatesView,
  DeviceAnomaliesView,
  PredictionView,
  TrendView,
  ZoneDetailView,
  ZonesView,
} from '../analytics/types';

export const RISK_LEVEL_NAMES = ['NORMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevelName = (typeof RISK_LEVEL_NAMES)[number];

export type RiskDistribution = { readonly [L in RiskLevelName]: number };

/** The twelve named status bits plus the derived communication error, as the seed decodes them. */
export type AlarmStatusView = AlarmStatus;

export interface AlertSummary {
  readonly device_id: string;
  readonly alert_timestamp: string;
  readonly alert_level: string;
  readonly alert_type: string;
  readonly risk_score: number | null;
  readonly message: string;
  readonly resolved: boolean;
  /** 'cloud': raised by another console or the cloud pipeline, read from the Alerts table (read-only here). */
  readonly source?: 'local' | 'cloud';
}

export interface DeviceSummary {
  readonly device_id: string;
  readonly name: string;
  readonly zone: string;
  readonly online: boolean;
  /** Receive time (console clock) of the newest reading, ISO-8601, or null if never seen. */
  readonly last_seen: string | null;
  readonly risk_level: RiskLevelName | null;
  readonly risk_score: number | null;
  readonly status_bits: number | null;
  readonly temperature: number | null;
  readonly current: number | null;
  /** The newest reading's other measures, for the device wall's gauges; null before the first reading. */
  readonly readings?: DeviceReadingsSummary | null;
  /** Where the registry places the device within its zone (metres), or null when it does not say. */
  readonly position?: { readonly x: number; readonly y: number } | null;
  /** 'cloud': not streamed by this console; risk and state from the cloud's DeviceState table. */
  readonly source?: 'local' | 'cloud';
}

/** The measures of a device's newest reading beyond temperature and current (seed units). */
export interface DeviceReadingsSummary {
  readonly voltage: number | null;
  readonly pcb_temperature: number | null;
  readonly sensor_temperature: number | null;
  /** mA */
  readonly leakage_current: number | null;
  /** ppm */
  readonly co: number | null;
  /** µg/m³ */
  readonly voc: number | null;
  readonly power_factor: number | null;
  readonly arc_count: number | null;
}

export interface DevicesResponse {
  readonly devices: ReadonlyArray<DeviceSummary>;
}

export type SystemStatus = 'HEALTHY' | 'DEGRADED';

export interface OverviewResponse {
  readonly total_devices: number;
  readonly active_devices: number;
  readonly risk_distribution: RiskDistribution;
  readonly recent_alerts: ReadonlyArray<AlertSummary>;
  readonly system_status: SystemStatus;
}

export interface TimeseriesPoint {
  readonly timestamp: string;
  readonly temperature: number;
  readonly risk_score: number | null;
  readonly arc_count: number;
  readonly voltage: number;
  readonly current: number;
}

export interface Recommendation {
  readonly priority: string;
  readonly type: string;
  readonly message: string;
  readonly action: string;
}

/** How the newest reading was scored: the seed's analysis fields, for the device page. */
export interface ReadingAnalysis {
  readonly timestamp: string;
  readonly risk_indicators: {
    readonly temperature_risk: string;
    readonly temperature_score: number;
    readonly electrical_risk_score: number;
    readonly gas_risk_score: number;
    readonly total_risk_score: number;
  };
  readonly validation: { readonly is_valid: boolean; readonly errors: ReadonlyArray<string>; readonly warnings: ReadonlyArray<string> };
  readonly alarm_status: AlarmStatusView;
  readonly rule_based_risk: number;
  readonly status_risk: number;
  readonly pattern_risk: number;
  readonly risk_modifier: number;
  readonly risk_score: number;
  readonly risk_level: RiskLevelName;
  readonly confidence: number;
  readonly alert_type: string;
  /** What to do about this reading (the seed's `generate_recommendations`), in the console's language. */
  readonly advice: ReadonlyArray<string>;
}

export interface DeviceInfo {
  readonly device_id: string;
  readonly name: string;
  readonly zone: string;
  readonly position: { readonly x: number; readonly y: number } | null;
  readonly online: boolean;
  readonly last_seen: string | null;
  readonly last_idx: number | null;
  readonly last_status_bits: number | null;
  readonly current_risk_level: RiskLevelName | null;
  readonly current_risk_score: number | null;
  readonly last_temperature: number | null;
  readonly last_arc_count: number | null;
  readonly total_alarms: number;
  readonly readings: number;
  /** 'cloud': not streamed by this console; state from the cloud's DeviceState table. */
  readonly source?: 'local' | 'cloud';
  /** Gaps in the device's message counter (idx) since the console started: lost on the device's side. */
  readonly lost_messages: number;
  /** Times the counter went back (the device restarted). */
  readonly idx_resets: number;
  readonly latest_analysis: ReadingAnalysis | null;
}

export interface DeviceDetailResponse {
  readonly device_info: DeviceInfo;
  readonly timeseries_data: ReadonlyArray<TimeseriesPoint>;
  readonly recent_alerts: ReadonlyArray<AlertSummary>;
  readonly recommendations: ReadonlyArray<Recommendation>;
  /** Stream analytics (shared/analytics): 5-minute aggregates and the 5/15/30/60-minute windows; null before the first reading. */
  readonly aggregates: DeviceAggregatesView | null;
  /** Conditions active now, the device's newest analytics events, late and duplicate readings. */
  readonly anomalies: DeviceAnomaliesView | null;
  /** ARC_PATTERN_ANALYSIS over the last 10 minutes. */
  readonly arc_pattern: ArcPatternView | null;
  /** The hour's temporal pattern: trends, velocity, FFT periodicity. */
  readonly trend: TrendView | null;
  /** Time to 60 °C, 100 A and 8 mA from the fitted trends, with confidence. */
  readonly prediction: PredictionView | null;
}

/** `zones.list` / `GET /api/zones`: zone risk for every zone, and the fleet's risk distribution. */
export type ZonesResponse = ZonesView;
/** `zone.get` / `GET /api/zone/:id`: one zone's members, current correlations and events. */
export type ZoneDetailResponse = ZoneDetailView;

export interface RealtimeResponse {
  readonly timestamp: string;
  readonly temperature: number;
  readonly risk_score: number | null;
  readonly voltage: number;
  readonly current: number;
  readonly arc_count: number;
  readonly alarm_status: AlarmStatusView;
  readonly status_bits: number;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionHealth {
  readonly id: string;
  readonly url: string;
  readonly state: ConnectionState;
  readonly messages: number;
  readonly rate_per_s: number;
  readonly limit_per_s: number | null;
  readonly last_error: string | null;
  /** Topic filters this connection subscribes to (devices, registry, stations); issue 11. */
  readonly subscriptions?: number;
  /** The broker's subscription limit per connection (AWS IoT: 50), or null when it has none known. */
  readonly subscription_limit?: number | null;
}

export interface HealthResponse {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly uptime_s: number;
  readonly version: string;
  /** Why the console is not 'ok', in words an operator can act on; empty when ok. */
  readonly reasons: ReadonlyArray<string>;
  readonly mode: { readonly demo: boolean; readonly embedded_broker_url: string | null };
  readonly connections: ReadonlyArray<ConnectionHealth>;
  readonly ingest: {
    readonly received: number;
    readonly scored: number;
    readonly duplicates: number;
    readonly per_second: number;
    /** Readings older than their device's newest (flagged LATE), since start. */
    readonly late: number;
    /** Readings stamped more than 5 minutes in the future (flagged CLOCK_SKEW), since start. */
    readonly clock_skew: number;
    /** Gaps in devices' message counters: messages lost on the device side, since start. */
    readonly lost_messages: number;
    /** QoS 1 acknowledgements held until their readings commit. */
    readonly pending_acks: number;
  };
  readonly quarantine: {
    readonly total: number;
    readonly by_reason: { readonly [code: string]: number };
  };
  readonly store: {
    readonly db_bytes: number;
    readonly readings: number;
    readonly oldest_reading: string | null;
    /** Bytes the data fills; pages freed by expiry are reused, so db_bytes can stay larger. */
    readonly used_bytes?: number;
    /** The size cap (settings storage.size_cap_gb); past it the oldest raw readings expire first. */
    readonly size_cap_bytes?: number;
    /** True while the size cap, not the retention period, decides how far back raw readings go. */
    readonly size_capped?: boolean;
    /** Readings and other writes queued for the next commit. */
    readonly pending_writes?: number;
    readonly last_commit_ms?: number | null;
    /** The last write failure, until a later commit succeeds. */
    readonly write_error?: string | null;
  };
  /** Whether the console can watch at all; while lost it stands in for per-device communication losses. */
  readonly monitoring: {
    readonly lost: boolean;
    readonly reason: string | null;
    readonly detail: string | null;
    readonly since: string;
  };
  /** The cloud link and its outbox (present from the host; optional for older hosts). */
  readonly cloud?: CloudHealth;
  /** The alarm system (issue 7): standing alarms, sharing between stations, escalation. */
  readonly alarms?: AlarmHealth;
  /** The host's log files (issue 11). */
  readonly logs?: LogsHealth;
  /** Backups of the database (issue 11). */
  readonly backups?: BackupsHealth;
  /** The host process's memory (issue 11). */
  readonly memory?: MemoryHealth;
  /** What the store keeps and when it expires the rest (issue 11). */
  readonly retention?: RetentionHealth;
  /** The scoring thresholds and level cut-offs in effect (they change live from the settings screen). */
  readonly scoring?: ScoringView;
  /** The disk of the data directory (issue 11); null when its free space cannot be read. */
  readonly disk?: DiskHealth | null;
  /** The composite system-health judge and its alarm (issue 11). */
  readonly system_health?: SystemHealthView;
}

/** `/api/health` → retention: settings `storage` in effect, and the sweeps that apply it. */
export interface RetentionHealth {
  readonly raw_days: number;
  readonly rollup_days: number;
  readonly events_days: number;
  readonly quarantine_days: number;
  readonly size_cap_bytes: number;
  /** True while the size cap, not the retention period, decides how far back raw readings go. */
  readonly size_capped: boolean;
  /** When the last sweep finished (ISO-8601), or null before the first. */
  readonly last_run_at: string | null;
  /** When the next sweep is due (ISO-8601, approximate). */
  readonly next_run_at: string | null;
  readonly running: boolean;
  /** Rows expired to keep under the size cap, since start. */
  readonly expired_for_size: number;
}

export interface DiskHealth {
  readonly free_bytes: number;
  readonly total_bytes: number;
}

/** `/api/health` → system_health: why the console is degraded, and whether its alarm stands. */
export interface SystemHealthView {
  /** Reasons standing now (before the alarm's dwell); empty when healthy. */
  readonly reasons: ReadonlyArray<{ readonly code: string; readonly text: string }>;
  /** Whether the `system_health` console alarm is raised. */
  readonly alarm: boolean;
  /** When the alarm was last raised or cleared (ISO-8601), or null. */
  readonly changed_at: string | null;
}

/** `/api/health` → logs: where the JSON-line logs are and how much room they take (rotated, so bounded). */
export interface LogsHealth {
  readonly dir: string;
  /** Every file in the directory, rotated ones included. */
  readonly bytes: number;
  readonly files: number;
}

/** `/api/health` → backups. */
export interface BackupsHealth {
  readonly dir: string;
  readonly count: number;
  /** When the newest backup was made (ISO-8601), or null when there is none. */
  readonly last_at: string | null;
  readonly last_file: string | null;
  /** Why the last attempt failed, until one succeeds; null when it did. */
  readonly last_error: string | null;
  /** The next scheduled backup (ISO-8601), or null when the schedule is off. */
  readonly next_at: string | null;
  /** True while a backup is being written. */
  readonly running: boolean;
}

/** `/api/health` → memory: `process.memoryUsage()` of the host, bytes. */
export interface MemoryHealth {
  readonly rss_bytes: number;
  readonly heap_used_bytes: number;
  readonly heap_total_bytes: number;
  readonly external_bytes: number;
}

/** `/api/health` → cloud: the DynamoDB link (issue 9) and the outbox every cloud write waits in. */
export interface CloudHealth {
  readonly enabled: boolean;
  /** Entries waiting in the outbox, of every kind (DynamoDB writes, and escalations waiting for their sender). */
  readonly outbox_depth: number;
  /** When the oldest waiting entry was written (ISO-8601), or null. */
  readonly oldest_entry: string | null;
  /** The circuit breaker around every cloud call: open after 3 failures, half-open after 30 s. */
  readonly breaker: 'closed' | 'open' | 'half_open';
  readonly by_kind: { readonly [kind: string]: number };
  /** Entries the cloud refused for good, set aside (counted in outbox_depth). */
  readonly parked: number;
  readonly last_error: string | null;
  readonly last_sent_at: string | null;
  /** Devices in the cloud's DeviceState table at the last read. */
  readonly cloud_devices: number;
  /** Alerts of other consoles held for the alarm history. */
  readonly cloud_alerts: number;
  /** Readings filled into the local history from RawData since start. */
  readonly backfilled: number;
  /** The alarm system's escalations to SNS topics, when a topic is configured: their own breaker. */
  readonly sns?: {
    readonly breaker: 'closed' | 'open' | 'half_open';
    readonly pending: number;
    readonly delivered: number;
    readonly last_error: string | null;
  };
}

/** The pipeline's figures over the last hour, in 10-second buckets (`GET /api/metrics`). */
export interface MetricsPoint {
  readonly at: string;
  readonly received_per_s: number;
  readonly scored_per_s: number;
  readonly quarantined_per_s: number;
  readonly duplicates_per_s: number;
  readonly stored_per_s: number;
  readonly commits: number;
  readonly commit_ms_avg: number | null;
  readonly commit_ms_max: number | null;
  /** Receive time minus the reading's own timestamp: how far behind the devices the console is. */
  readonly lag_ms_avg: number | null;
  readonly lag_ms_max: number | null;
}

export interface MetricsResponse {
  readonly bucket_s: number;
  readonly points: ReadonlyArray<MetricsPoint>;
}

export interface QuarantinedMessageView {
  readonly received_at: string;
  readonly connection: string;
  readonly topic: string;
  readonly reason: string;
  readonly detail: string;
  readonly payload_preview: string;
}

export interface QuarantineResponse {
  readonly messages: ReadonlyArray<QuarantinedMessageView>;
}
