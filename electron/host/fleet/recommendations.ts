import type { DeviceInfo, Recommendation, TimeseriesPoint } from '../../../shared/protocol';
import { generateDeviceRecommendations } from '../../../shared/scoring';
import type { ReadingView } from './reading-view';

/** The source dashboard read at most the newest 100 readings, newest first. */
const SEED_HISTORY_LIMIT = 100;

/** The device page's advice, computed from the device state and its recent history as the seed did. */
export function deviceRecommendations(
  info: DeviceInfo,
  history: ReadonlyArray<TimeseriesPoint>,
  _latest: ReadingView | null,
  language: 'en' | 'ko',
): ReadonlyArray<Recommendation> {
  const newestFirst = history.slice(-SEED_HISTORY_LIMIT).reverse();
  return generateDeviceRecommendations(
    { current_risk_score: info.current_risk_score, last_temperature: info.last_temperature, total_alarms: info.total_alarms },
    newestFirst,
    language,
  );
}
