// Public face of the stream analytics: the source system's Kinesis layer, on event time, with
// bounded memory per device.

export { createStreamAnalytics } from './stream-analytics';
export type { StreamAnalytics, StreamAnalyticsOptions } from './stream-analytics';
export { AnalyticsConfigError, BUCKET_MINUTES, DEFAULT_ANALYTICS_CONFIG, resolveAnalyticsConfig } from './config';
export type { AnalyticsConfig, AnalyticsConfigOverride, ForecastMeasure, NormalRange, NormalRanges } from './config';
export type { AnalyticsReading } from './reading';
export { readingTemperatureOf } from './reading';
export { DEVICE_EVENT_TYPES, EVENT_SEVERITIES, ZONE_EVENT_TYPES } from './types';
export type {
  ActiveConditionView,
  AggregateWindowView,
  AnalyticsEvent,
  AnalyticsEventType,
  AnalyticsValue,
  AnalyticsValues,
  ArcPatternName,
  ArcPatternView,
  DeviceAggregatesView,
  DeviceAnalyticsEvent,
  DeviceAnalyticsView,
  DeviceAnomaliesView,
  DeviceCorrelationView,
  DeviceEventType,
  EventSeverity,
  FleetRiskView,
  ForecastStatus,
  ForecastView,
  PeriodicityView,
  PredictionView,
  RangeSensor,
  RiskLevelKey,
  RollingWindowView,
  TrendView,
  ZoneAnalyticsEvent,
  ZoneDetailView,
  ZoneEventType,
  ZoneMemberView,
  ZoneSummaryView,
  ZonesView,
} from './types';
export { detectPeriodicity, pearson, theilSen } from './numeric';
export type { LineFit, Periodicity } from './numeric';
