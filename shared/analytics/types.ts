// Shapes of the stream analytics: its events and the views the device and zone pages read.
// Field names are snake_case like the seed's streams (DEVICE_5MIN_AGGREGATES, ARC_PATTERNS …), so
// the REST API and the CLI write them as they are.

export const DEVICE_EVENT_TYPES = [
  'TEMPERATURE_SPIKE',
  'TEMPERATURE_CRITICAL',
  'RISK_SPIKE',
  'RISK_EMERGENCY',
  'RAPID_RISK_CHANGE',
  'SUSTAINED_HIGH_RISK',
  'ARC_PATTERN',
  'RANGE_VIOLATION',
  'POWER_MISMATCH',
  'THRESHOLD_FORECAST',
] as const;
export const ZONE_EVENT_TYPES = ['HIGH_RISK_CLUSTER', 'TEMP_DIVERGENCE'] as const;

export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number];
export type ZoneEventType = (typeof ZONE_EVENT_TYPES)[number];
export type AnalyticsEventType = DeviceEventType | ZoneEventType;

export const EVENT_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

export type AnalyticsValue = number | string | boolean | null | ReadonlyArray<string> | ReadonlyArray<number>;
export type AnalyticsValues = { readonly [key: string]: AnalyticsValue };

export interface DeviceAnalyticsEvent {
  readonly event: DeviceEventType;
  readonly device_id: string;
  /** Event time: the timestamp of the reading that caused it (ISO-8601 UTC). */
  readonly at: string;
  readonly severity: EventSeverity;
  readonly values: AnalyticsValues;
}

export interface ZoneAnalyticsEvent {
  readonly event: ZoneEventType;
  readonly zone: string;
  readonly at: string;
  readonly severity: EventSeverity;
  readonly values: AnalyticsValues;
}

export type AnalyticsEvent = DeviceAnalyticsEvent | ZoneAnalyticsEvent;

export type ArcPatternName = 'NONE' | 'LOW' | 'MODERATE' | 'HIGH_FREQUENCY';
export type RangeSensor = 'temperature' | 'voltage' | 'current' | 'co_gas' | 'voc' | 'power_factor';

/** The seed's DEVICE_5MIN_AGGREGATES row. */
export interface AggregateWindowView {
  readonly window_minutes: number;
  readonly record_count: number;
  readonly avg_temperature: number;
  readonly max_temperature: number;
  readonly min_temperature: number;
  /** STDDEV_SAMP; null with a single reading. */
  readonly temp_stddev: number | null;
  readonly avg_risk_score: number;
  readonly max_risk_score: number;
  readonly total_arcs: number;
  readonly avg_current: number;
  readonly max_current: number;
  /** Event time of the newest reading in the window. */
  readonly window_end: string;
}

/** One of the roadmap's rolling windows (temp_mean_5m, temp_std_5m, temp_trend_5m, temp_volatility_5m). */
export interface RollingWindowView {
  readonly minutes: number;
  readonly count: number;
  readonly temp_mean: number;
  /** Population standard deviation (np.std). */
  readonly temp_std: number;
  /** Least-squares slope against event time, °C per minute. */
  readonly temp_trend: number;
  /** np.std of consecutive differences, °C; null when no two consecutive readings fell in the window. */
  readonly temp_volatility: number | null;
}

export interface DeviceAggregatesView {
  readonly five_minute: AggregateWindowView | null;
  /** 5/15/30/60 minutes; a window with fewer than two readings is left out. */
  readonly windows: ReadonlyArray<RollingWindowView>;
  readonly hour: { readonly count: number; readonly temp_mean: number | null; readonly temp_stddev: number | null };
}

/** A condition that is true now (its event fired at `since` and has not re-armed). */
export interface ActiveConditionView {
  readonly event: DeviceEventType;
  readonly severity: EventSeverity;
  readonly since: string;
  /** For RANGE_VIOLATION, the sensor; for THRESHOLD_FORECAST, the measure. */
  readonly detail: string | null;
}

export interface DeviceAnomaliesView {
  readonly active: ReadonlyArray<ActiveConditionView>;
  readonly anomaly_count: number;
  readonly severity_distribution: { readonly [S in EventSeverity]: number };
  /** The device's newest events, newest first. */
  readonly recent_events: ReadonlyArray<DeviceAnalyticsEvent>;
  readonly late_readings: number;
  readonly duplicate_readings: number;
  readonly skewed_readings: number;
}

/** The seed's ARC_PATTERNS row over the last 10 minutes. */
export interface ArcPatternView {
  readonly arc_pattern: ArcPatternName;
  readonly total_arcs_10min: number;
  readonly arc_events: number;
  readonly max_single_arc: number;
  readonly avg_arc_per_event: number | null;
  /** handle_arc_pattern: HIGH_FREQUENCY schedules a maintenance check. */
  readonly maintenance_check: boolean;
  readonly window_end: string;
}

export interface PeriodicityView {
  readonly periodic: boolean;
  readonly period_minutes: number | null;
  /** Cycles per minute of the strongest non-constant component. */
  readonly dominant_frequency: number | null;
  /** One-minute points the FFT ran over (0 when there were too few). */
  readonly points: number;
  /** Event time of the device's newest reading when it was computed. */
  readonly computed_at: string | null;
}

/** analyze_temporal_patterns over the last hour. */
export interface TrendView {
  readonly trend: 'INCREASING' | 'DECREASING' | 'STABLE' | 'INSUFFICIENT_DATA';
  readonly data_points: number;
  /** °C per minute (least squares against event time). */
  readonly temperature_trend: number | null;
  /** Mean change between consecutive readings, expressed per minute. */
  readonly temperature_velocity: number | null;
  readonly risk_trend: number | null;
  /** r² of the temperature fit. */
  readonly trend_confidence: number | null;
  readonly arc_pattern: {
    readonly pattern: 'NO_ARCS' | 'SPORADIC' | 'MODERATE' | 'FREQUENT';
    readonly frequency: number;
    readonly total_arcs: number;
    readonly max_single_event: number;
  };
  readonly periodicity: PeriodicityView;
}

export type ForecastStatus = 'RISING' | 'NOT_RISING' | 'ABOVE' | 'INSUFFICIENT_DATA';

export interface ForecastView {
  readonly measure: 'temperature' | 'current' | 'leakage_current';
  readonly threshold: number;
  readonly unit: string;
  readonly status: ForecastStatus;
  readonly latest_value: number | null;
  /** The fitted line at the newest reading's time. */
  readonly fitted_value: number | null;
  readonly slope_per_minute: number | null;
  /** Minutes until the fitted line crosses the threshold; null unless RISING (0 when ABOVE). */
  readonly minutes_to_threshold: number | null;
  /** 0…1: share of the variance the line explains, scaled down while few points exist. */
  readonly confidence: number;
  readonly points: number;
}

export interface PredictionView {
  readonly temperature: ForecastView;
  readonly current: ForecastView;
  readonly leakage_current: ForecastView;
}

/** Everything the analytics knows of one device, for `GET /api/device/:id`. */
export interface DeviceAnalyticsView {
  readonly aggregates: DeviceAggregatesView;
  readonly anomalies: DeviceAnomaliesView;
  readonly arc_pattern: ArcPatternView;
  readonly trend: TrendView;
  readonly prediction: PredictionView;
}

export type RiskLevelKey = 'NORMAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface FleetRiskView {
  readonly total_devices: number;
  readonly active_devices: number;
  readonly risk_distribution: { readonly [L in RiskLevelKey]: number };
  readonly system_status: 'HEALTHY' | 'DEGRADED';
  /** The event time the distribution is anchored on (the newest reading of the fleet). */
  readonly as_of: string | null;
}

export interface ZoneSummaryView {
  readonly zone: string;
  readonly devices: number;
  /** False for zones whose devices are not known neighbours (`unassigned`). */
  readonly correlated: boolean;
  readonly high_or_above: number;
  readonly max_risk_score: number | null;
  readonly mean_risk_score: number | null;
  readonly high_risk_cluster: boolean;
  readonly temp_divergence: boolean;
  /** Mean pairwise correlation of the devices' per-minute temperatures over the last 15 minutes. */
  readonly temperature_trend_correlation: number | null;
  /** Devices whose 15-minute temperature trend is rising. */
  readonly rising_devices: number;
}

export interface ZoneMemberView {
  readonly device_id: string;
  readonly at: string | null;
  readonly risk_score: number | null;
  readonly risk_level: RiskLevelKey | null;
  readonly temperature: number | null;
  /** °C per minute over the zone's trend window; null with too few points. */
  readonly temperature_trend: number | null;
}

/** One row of the seed's DEVICE_CORRELATIONS stream, among the zone's newest readings. */
export interface DeviceCorrelationView {
  /** The warmer of the two. */
  readonly device1: string;
  readonly device2: string;
  readonly temperature1: number;
  readonly temperature2: number;
  readonly temp_diff: number;
  readonly risk_diff: number;
  readonly avg_risk: number;
  readonly correlation_type: 'HIGH_RISK_CLUSTER' | 'TEMP_DIVERGENCE' | 'NORMAL';
}

export interface ZoneDetailView extends ZoneSummaryView {
  readonly members: ReadonlyArray<ZoneMemberView>;
  readonly correlations: ReadonlyArray<DeviceCorrelationView>;
  readonly recent_events: ReadonlyArray<ZoneAnalyticsEvent>;
}

export interface ZonesView {
  readonly zones: ReadonlyArray<ZoneSummaryView>;
  readonly fleet: FleetRiskView;
}
