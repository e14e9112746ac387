import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { ForecastView } from '../../../../shared/analytics/types';
import type { AlarmTransitionView, DeviceDetailResponse, DeviceHistoryResponse } from '../../../../shared/protocol';
import { MAX_HISTORY_POINTS } from '../../../../shared/protocol/history-types';
import type { ChartMarker, ChartProjection } from '../../components/charts/history-chart';
import { HistoryChart } from '../../components/charts/HistoryChart';
import { Gauge } from '../../components/Gauge';
import { RelativeTime } from '../../components/RelativeTime';
import { RiskBadge } from '../../components/RiskBadge';
import { StaleBanner } from '../../components/StaleBanner';
import { StatusBitChips } from '../../components/StatusBitChips';
import { useHostQuery } from '../../hooks/use-host-query';
import { useMessages } from '../../i18n/messages-context';
import { formatFixed } from '../../model/format';
import type { HistoryRange } from '../../model/history-series';
import { chartPanels, HISTORY_RANGES, historyPointsFor, isHistoryRange, panelData, panelHasData, RANGE_MS } from '../../model/history-series';
import { shownForecastStatus } from '../../model/forecast';
import { formatHashRoute } from '../../model/route';
import { useScoring } from '../../state/scoring-hooks';
import { useConsoleStore } from '../../state/store';
import { DeviceAnalytics } from './DeviceAnalytics';
import { DeviceIncidents } from '../incidents/DeviceIncidents';

const DETAIL_REFRESH_MS = 5_000;
const CHART_WIDTH_GUESS = 720;

/**
 * One device: identity and live gauges, the prediction, its history charts (24 hours from raw
 * readings or 7 and 30 days from roll-ups) with thresholds, events and alarm changes marked, and
 * what the analysis recommends.
 */
export function DeviceDetailView({ deviceId, params }: { readonly deviceId: string; readonly params: Readonly<Record<string, string>> }): ReactElement {
  const t = useMessages();
  const range: HistoryRange = isHistoryRange(params.range) ? params.range : '24h';
  const detail = useHostQuery('device.get', { id: deviceId }, { refreshMs: DETAIL_REFRESH_MS });
  const summary = useConsoleStore((state) => state.devices.get(deviceId) ?? null);
  const stale = useConsoleStore((state) => state.devicesLoaded && state.link !== 'live');
  const data = detail.data;

  if (data === null) {
    return (
      <section className="device-detail" data-testid="device-detail" data-device-id={deviceId} data-loaded="false">
        <BackLink />
        <p className="grid-message">{detail.error !== null ? t.detail.notFound(deviceId) : t.detail.loading}</p>
      </section>
    );
  }
  const info = data.device_info;
  return (
    <section className={`device-detail${stale ? ' is-stale' : ''}`} data-testid="device-detail" data-device-id={deviceId} data-loaded="true">
      <BackLink />
      <header className="detail-head">
        <h2 className="view-title">
          <span className="detail-id">{info.device_id}</span>
          <span className="detail-name">{info.name}</span>
        </h2>
        <RiskBadge level={info.current_risk_level} />
        <dl className="detail-facts">
          <div>
            <dt>{t.detail.zone}</dt>
            <dd>
              <a href={formatHashRoute(['clusters'], { zone: info.zone })}>{info.zone}</a>
            </dd>
          </div>
          <div>
            <dt>{t.detail.riskScore}</dt>
            <dd data-testid="detail-risk-score">{formatFixed(info.current_risk_score, 3) ?? t.emptyValue}</dd>
          </div>
          <div>
            <dt>{t.detail.lastSeen}</dt>
            <dd>
              <RelativeTime iso={summary?.last_seen ?? info.last_seen} />
            </dd>
          </div>
          <div>
            <dt>{t.detail.readings}</dt>
            <dd>{info.readings}</dd>
          </div>
          <div>
            <dt>{t.detail.totalAlarms}</dt>
            <dd>{info.total_alarms}</dd>
          </div>
          <div className="detail-bits">
            <dt>{t.detail.statusBits}</dt>
            <dd>
              <StatusBitChips status={summary?.status_bits ?? info.last_status_bits} />
            </dd>
          </div>
        </dl>
      </header>
      {stale && <StaleBanner />}
      {summary !== null && (
        <div className="detail-gauges" data-testid="detail-gauges">
          <Gauge id="temperature" value={summary.temperature} />
          <Gauge id="current" value={summary.current} />
          <Gauge id="leakage" value={summary.readings?.leakage_current ?? null} />
          <Gauge id="co" value={summary.readings?.co ?? null} />
          <Gauge id="voc" value={summary.readings?.voc ?? null} />
          <Gauge id="power_factor" value={summary.readings?.power_factor ?? null} />
        </div>
      )}
      <Prediction detail={data} />
      <HistorySection key={`${deviceId}-${range}`} deviceId={deviceId} range={range} detail={data} />
      <DeviceAnalytics detail={data} />
      <DeviceIncidents deviceId={deviceId} />
    </section>
  );
}

function BackLink(): ReactElement {
  const t = useMessages();
  return (
    <button type="button" className="button-quiet back-link" onClick={() => window.history.back()}>
      ← {t.detail.back}
    </button>
  );
}

function forecastText(t: ReturnType<typeof useMessages>, forecast: ForecastView): string {
  const value = `${forecast.threshold} ${forecast.unit}`.trim();
  const status = shownForecastStatus(forecast);
  const minutes = status !== 'RISING' || forecast.minutes_to_threshold === null ? null : String(Math.max(1, Math.round(forecast.minutes_to_threshold)));
  return t.detail.forecast(status, value, minutes);
}

function Prediction({ detail }: { readonly detail: DeviceDetailResponse }): ReactElement | null {
  const t = useMessages();
  const prediction = detail.prediction;
  if (prediction === null) return null;
  const forecasts = [prediction.temperature, prediction.current, prediction.leakage_current];
  return (
    <section className="card prediction" data-testid="prediction" aria-label={t.detail.prediction}>
      <h3 className="card-title">{t.detail.prediction}</h3>
      <ul className="forecast-list">
        {forecasts.map((forecast) => (
          <li
            key={forecast.measure}
            className={`forecast forecast-${shownForecastStatus(forecast).toLowerCase()}`}
            data-testid="forecast"
            data-measure={forecast.measure}
            data-status={shownForecastStatus(forecast)}
            data-minutes={forecast.minutes_to_threshold ?? ''}
          >
            <span className="forecast-measure">{t.detail.forecastMeasure[forecast.measure]}</span>
            <span className="forecast-text">{forecastText(t, forecast)}</span>
            {shownForecastStatus(forecast) === 'RISING' || forecast.status === 'ABOVE' ? (
              <span className="muted">{t.detail.confidence(`${Math.round(forecast.confidence * 100)} %`)}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function rangeWindow(range: HistoryRange): { from: number; to: number } {
  // Whole minutes, so the parameters (and the request) stay the same between refreshes of a minute.
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: to - RANGE_MS[range], to };
}

function HistorySection({ deviceId, range, detail }: { readonly deviceId: string; readonly range: HistoryRange; readonly detail: DeviceDetailResponse }): ReactElement {
  const t = useMessages();
  const theme = useConsoleStore((state) => state.theme);
  const language = useConsoleStore((state) => state.language);
  const windowMs = rangeWindow(range);
  const points = historyPointsFor(CHART_WIDTH_GUESS, MAX_HISTORY_POINTS);
  const history = useHostQuery('device.history', { id: deviceId, from: windowMs.from, to: windowMs.to, points }, {
    refreshMs: range === '24h' ? 15_000 : 60_000,
    keepPrevious: true,
  });
  const alarms = useHostQuery('alarms.history', { device: deviceId, since: windowMs.from, limit: 500 }, { refreshMs: 30_000, keepPrevious: true });
  const markers = useMemo(() => chartMarkers(detail, alarms.data?.transitions ?? null), [detail, alarms.data]);
  const projection = useMemo(() => temperatureProjection(detail), [detail]);
  const data = history.data;
  return (
    <section className="history" data-testid="history" data-range={range} data-source={data?.source ?? ''}>
      <div className="history-head">
        <h3 className="card-title">{t.detail.range}</h3>
        <div className="segmented" role="group" aria-label={t.detail.range} data-testid="history-range">
          {HISTORY_RANGES.map((option) => (
            <a
              key={option}
              className="segment"
              href={formatHashRoute(['device', deviceId], option === '24h' ? {} : { range: option })}
              aria-current={option === range ? 'true' : undefined}
              data-range={option}
            >
              {t.detail.ranges[option]}
            </a>
          ))}
        </div>
        {data !== null && (
          <span className="muted">
            {t.detail.source[data.source]} · {t.detail.bucket(t.number.duration(data.bucket_s))}
          </span>
        )}
        <span className="muted">{t.detail.markers}</span>
      </div>
      {data === null ? (
        <p className="grid-message">{history.error ?? t.detail.loading}</p>
      ) : data.points.length === 0 ? (
        <p className="grid-message" data-testid="history-empty">
          {t.detail.noHistory}
        </p>
      ) : (
        <Charts
          history={data}
          markers={markers}
          projection={range === '24h' ? projection : null}
          xRange={chartWindow(data, windowMs)}
          look={`${theme}-${language}`}
        />
      )}
    </section>
  );
}

function Charts({
  history,
  markers,
  projection,
  xRange,
  look,
}: {
  readonly history: DeviceHistoryResponse;
  readonly markers: ReadonlyArray<ChartMarker>;
  readonly projection: ChartProjection | null;
  readonly xRange: readonly [number, number];
  readonly look: string;
}): ReactElement {
  const t = useMessages();
  // The thresholds in effect: a supervisor's change re-draws the lines without a reload.
  const scoring = useScoring();
  const panels = useMemo(
    () => chartPanels(scoring).map((panel) => ({ panel, has: panelHasData(history, panel), data: panelData(history, panel, CHART_WIDTH_GUESS * 2) })),
    [history, scoring],
  );
  return (
    <div className="charts">
      {panels.map(({ panel, has, data }) =>
        has ? (
          <HistoryChart
            key={panel.id}
            panel={panel}
            title={t.detail.panels[panel.id]}
            data={data}
            seriesLabels={panel.series.map((s) => t.detail.series[s.key])}
            markers={markers}
            projection={panel.id === 'temperature' ? projection : null}
            xRange={xRange}
            height={panel.id === 'temperature' || panel.id === 'risk' ? 200 : 160}
            look={look}
          />
        ) : (
          <figure key={panel.id} className="chart chart-empty" data-testid="chart" data-panel={panel.id} data-points="0">
            <figcaption className="chart-title">{t.detail.panels[panel.id]}</figcaption>
            <p className="muted">{t.detail.noPanelData}</p>
          </figure>
        ),
      )}
    </div>
  );
}

/**
 * The range's window, started where the device's stored history starts when that is later: a
 * device first seen twenty minutes ago gets a readable chart of those minutes, not a sliver at the
 * right edge of a day.
 */
function chartWindow(history: DeviceHistoryResponse, window: { from: number; to: number }): readonly [number, number] {
  const first = history.points[0];
  const firstMs = first === undefined ? window.from : Date.parse(first.timestamp);
  const span = window.to - firstMs;
  const from = Math.max(window.from, firstMs - Math.max(5 * 60_000, span * 0.05));
  return [from / 1000, window.to / 1000];
}

function chartMarkers(detail: DeviceDetailResponse, transitions: ReadonlyArray<AlarmTransitionView> | null): ReadonlyArray<ChartMarker> {
  const markers: ChartMarker[] = [];
  for (const event of detail.anomalies?.recent_events ?? []) {
    markers.push({ at: Date.parse(event.at) / 1000, severity: event.severity, label: event.event });
  }
  for (const transition of transitions ?? []) {
    // Activations and operator actions; the alarm's priority gives the marker its colour.
    const severity = transition.priority === 'critical' ? 'CRITICAL' : transition.priority === 'high' ? 'HIGH' : transition.priority === 'medium' ? 'MEDIUM' : 'LOW';
    markers.push({ at: Date.parse(transition.at) / 1000, severity, label: `${transition.source} ${transition.from}→${transition.to}` });
  }
  return markers.filter((m) => Number.isFinite(m.at));
}

/** Where the temperature trend meets its threshold, drawn as a dashed line from the newest reading. */
function temperatureProjection(detail: DeviceDetailResponse): ChartProjection | null {
  const forecast = detail.prediction?.temperature;
  if (forecast === undefined || shownForecastStatus(forecast) !== 'RISING' || forecast.minutes_to_threshold === null || forecast.fitted_value === null) return null;
  const newest = detail.timeseries_data.at(-1)?.timestamp ?? detail.device_info.last_seen;
  const at = newest === null || newest === undefined ? null : Date.parse(newest) / 1000;
  if (at === null || !Number.isFinite(at)) return null;
  return { fromAt: at, fromValue: forecast.fitted_value, toAt: at + forecast.minutes_to_threshold * 60, toValue: forecast.threshold };
}
