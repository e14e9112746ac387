import type { DeviceInfo, ReadingAnalysis, Recommendation, TimeseriesPoint } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';
import { generateDeviceRecommendations, generateRecommendations } from '../../../shared/scoring';

/** The source dashboard read at most the newest 100 readings, newest first. */
const SEED_HISTORY_LIMIT = 100;

/** The device page's advice, computed from the device state and its recent history as the seed did. */
export function deviceRecommendations(
  info: DeviceInfo,
  history: ReadonlyArray<TimeseriesPoint>,
  language: 'en' | 'ko',
): ReadonlyArray<Recommendation> {
  const newestFirst = history.slice(-SEED_HISTORY_LIMIT).reverse();
  return generateDeviceRecommendations(
    { current_risk_score: info.current_risk_score, last_temperature: info.last_temperature, total_alarms: info.total_alarms },
    newestFirst,
    language,
  );
}

/** The analysis fields of a scored reading, with the seed's per-reading advice. */
export function readingAnalysis(reading: ScoredReading, language: 'en' | 'ko'): ReadingAnalysis {
  return {
    timestamp: reading.timestamp,
    risk_indicators: reading.risk_indicators,
    validation: reading.validation,
    alarm_status: reading.alarm_status,
    rule_based_risk: reading.rule_based_risk,
    status_risk: reading.status_risk,
    pattern_risk: reading.pattern_risk,
    risk_modifier: reading.risk_modifier,
    risk_score: reading.risk_score,
    risk_level: reading.risk_level,
    confidence: reading.confidence,
    alert_type: reading.alert_type,
    advice: generateRecommendations(reading, language),
  };
}
