import type { AnalyticsConfigOverride, ForecastMeasure, ForecastView } from '../../../shared/analytics';
import { createStreamAnalytics, resolveAnalyticsConfig } from '../../../shared/analytics';
import type { SqliteDatabase } from '../store/database';
import type { ReadingRow as StoredRow } from '../store/reading-codec';
import { READING_SELECT, decodeReading, receivedAtOf } from '../store/reading-codec';
import type { ReportText } from './report-text';

// The analytics prediction at each step of an incident, as the console would have made it then:
// the device's stored readings up to the step's moment are fed, in event-time order, to a fresh
// instance of the same shared/analytics the host runs (same functions, same configuration), and
// its Theil–Sen forecast is read right after the last reading at or before the step. Nothing that
// came later can leak into an earlier step's figure.

/** One measure's forecast at one moment (a ForecastView, as the device detail shows it). */
export type StepForecast = ForecastView;

export interface StepPrediction {
  readonly device_id: string;
  readonly at: number;
  /** The measures the console forecasts (analytics `prediction.forecastMeasures`, temperature by default). */
  readonly forecasts: ReadonlyArray<StepForecast>;
}

/** At most this many readings of one device are replayed for one incident (a very long episode is cut). */
export const MAX_REPLAY_READINGS = 50_000;

/**
 * The prediction of `deviceId` at each of `moments` (any order; answered in the order given). The
 * replay starts `fitMinutes + 1` minutes before the earliest moment: the fit reads only the last
 * `fitMinutes` one-minute means, so what came before does not change the figure.
 */
export function predictionsAt(
  db: SqliteDatabase,
  deviceId: string,
  moments: ReadonlyArray<number>,
  override?: AnalyticsConfigOverride,
): StepPrediction[] {
  if (moments.length === 0) return [];
  const config = resolveAnalyticsConfig(override);
  const measures: ReadonlyArray<ForecastMeasure> = config.prediction.forecastMeasures.length > 0 ? config.prediction.forecastMeasures : ['temperature'];
  const order = moments.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at);
  const first = order[0]!.at;
  const last = order[order.length - 1]!.at;
  const analytics = createStreamAnalytics(override === undefined ? {} : { config: override });
  const rows = db
    .prepare(
      `SELECT ${READING_SELECT} FROM readings
        WHERE device_key = (SELECT device_key FROM device_keys WHERE device_id = ?) AND ts >= ? AND ts <= ?
        ORDER BY ts LIMIT ${MAX_REPLAY_READINGS}`,
    )
    .iterate(deviceId, first - (config.prediction.fitMinutes + 1) * 60_000, last) as IterableIterator<StoredRow>;

  const out: StepPrediction[] = new Array(moments.length);
  const answer = (step: { readonly at: number; readonly i: number }): void => {
    const view = analytics.device(deviceId);
    const forecasts = view === null ? [] : measures.map((m) => (m === 'temperature' ? view.prediction.temperature : m === 'current' ? view.prediction.current : view.prediction.leakage_current));
    out[step.i] = { device_id: deviceId, at: step.at, forecasts };
  };
  let k = 0;
  for (const row of rows) {
    while (k < order.length && order[k]!.at < row.ts) answer(order[k++]!);
    // The stored reading was accepted once; a refusal now (a clock far ahead) just leaves it out.
    analytics.observe(decodeReading(deviceId, row), Math.max(receivedAtOf(row), row.ts));
  }
  while (k < order.length) answer(order[k++]!);
  return out;
}

/** `온도: 3.2분 후 60 °C 도달 예측 (…)` / `temperature: reaches 60 °C in 3.2 min (…)`: one line a fire officer can read. */
export function forecastText(f: StepForecast, t: ReportText): string {
  const name = t.measureNames[f.measure];
  const unit = (value: number | null, digits: number): string => `${(value ?? 0).toFixed(digits)} ${f.unit}`;
  switch (f.status) {
    case 'INSUFFICIENT_DATA':
      return `${name}: ${t.insufficientData(f.points)}`;
    case 'ABOVE':
      return `${name}: ${t.above(unit(f.threshold, 0))}`;
    case 'NOT_RISING':
      return `${name}: ${t.notRising(unit(f.slope_per_minute, 2))}`;
    case 'RISING':
      return `${name}: ${t.rising(unit(f.threshold, 0), (f.minutes_to_threshold ?? 0).toFixed(1), unit(f.slope_per_minute, 2), f.confidence.toFixed(2))}`;
  }
}

/** Every forecast of a step, `; `-separated; `–` when the step has no device. */
export function predictionText(p: StepPrediction | null, t: ReportText): string {
  if (p === null || p.forecasts.length === 0) return '–';
  return p.forecasts.map((f) => forecastText(f, t)).join('; ');
}
