import type { ForecastStatus, ForecastView } from '../../../shared/analytics/types';

/** Beyond a day, a straight line fitted to the last hour says nothing an operator should act on. */
export const FORECAST_HORIZON_MIN = 24 * 60;
/** Below this share of explained variance the line is noise, not a trend. */
export const FORECAST_MIN_CONFIDENCE = 0.2;

/**
 * What the device page says about a forecast: "rising" only when the crossing is within a day and
 * the fit explains enough of the readings; otherwise it is not heading for the threshold.
 */
export function shownForecastStatus(forecast: Pick<ForecastView, 'status' | 'minutes_to_threshold' | 'confidence'>): ForecastStatus {
  if (forecast.status !== 'RISING') return forecast.status;
  if (forecast.minutes_to_threshold === null || forecast.minutes_to_threshold > FORECAST_HORIZON_MIN) return 'NOT_RISING';
  if (forecast.confidence < FORECAST_MIN_CONFIDENCE) return 'NOT_RISING';
  return 'RISING';
}
