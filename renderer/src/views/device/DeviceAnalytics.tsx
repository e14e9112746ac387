import type { ReactElement } from 'react';
import type { DeviceDetailResponse } from '../../../../shared/protocol';
import { RelativeTime } from '../../components/RelativeTime';
import { useMessages } from '../../i18n/messages-context';
import { formatFixed } from '../../model/format';

/** What the analysis says about the device: recommendations, conditions, events, trend, arcs. */
export function DeviceAnalytics({ detail }: { readonly detail: DeviceDetailResponse }): ReactElement {
  const t = useMessages();
  const advice = detail.device_info.latest_analysis?.advice ?? [];
  const anomalies = detail.anomalies;
  const trend = detail.trend;
  const arcs = detail.arc_pattern;
  const five = detail.aggregates?.five_minute ?? null;
  return (
    <div className="detail-panels">
      <section className="card" data-testid="recommendations">
        <h3 className="card-title">{t.detail.recommendations}</h3>
        {detail.recommendations.length === 0 && advice.length === 0 ? (
          <p className="muted">{t.detail.noRecommendations}</p>
        ) : (
          <ul className="recommendation-list">
            {detail.recommendations.map((r, i) => (
              <li key={`${r.type}-${i}`} className={`recommendation priority-${r.priority.toLowerCase()}`} data-testid="recommendation">
                <span className="severity-tag">{r.priority}</span>
                <span>
                  <strong>{r.message}</strong>
                  <span className="recommendation-action">{r.action}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {advice.length > 0 && (
          <>
            <h4>{t.detail.advice}</h4>
            <ul className="advice-list">
              {advice.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card" data-testid="device-analytics">
        <h3 className="card-title">{t.detail.analytics}</h3>
        <h4>{t.detail.activeConditions}</h4>
        {anomalies === null || anomalies.active.length === 0 ? (
          <p className="muted">{t.detail.noConditions}</p>
        ) : (
          <ul className="event-list">
            {anomalies.active.map((c) => (
              <li key={`${c.event}-${c.detail ?? ''}`} className={`event-line severity-${c.severity.toLowerCase()}`} data-testid="active-condition" data-event={c.event}>
                <span className="severity-tag">{t.severity[c.severity]}</span>
                <span className="event-name">
                  {t.eventNames[c.event]}
                  {c.detail !== null ? ` · ${c.detail}` : ''}
                </span>
                <RelativeTime iso={c.since} />
              </li>
            ))}
          </ul>
        )}
        <h4>{t.detail.recentEvents}</h4>
        {anomalies === null || anomalies.recent_events.length === 0 ? (
          <p className="muted">{t.detail.noEvents}</p>
        ) : (
          <ul className="event-list">
            {anomalies.recent_events.slice(0, 8).map((e, i) => (
              <li key={`${e.at}-${e.event}-${i}`} className={`event-line severity-${e.severity.toLowerCase()}`}>
                <span className="severity-tag">{t.severity[e.severity]}</span>
                <span className="event-name">{t.eventNames[e.event]}</span>
                <RelativeTime iso={e.at} />
              </li>
            ))}
          </ul>
        )}
        <dl className="facts">
          {trend !== null && (
            <div>
              <dt>{t.detail.trend}</dt>
              <dd>
                {t.detail.trendName[trend.trend]}
                {trend.temperature_trend !== null ? ` · ${t.detail.perMinute(formatFixed(trend.temperature_trend, 2) ?? '')}` : ''}
              </dd>
            </div>
          )}
          {arcs !== null && (
            <div>
              <dt>{t.detail.arcPattern}</dt>
              <dd>
                {arcs.arc_pattern} · {t.detail.arcsIn10Min(arcs.total_arcs_10min)}
              </dd>
            </div>
          )}
          {five !== null && (
            <div>
              <dt>{t.detail.fiveMinute}</dt>
              <dd>
                {formatFixed(five.min_temperature, 1)}–{formatFixed(five.max_temperature, 1)} °C · {formatFixed(five.max_current, 1)} A
              </dd>
            </div>
          )}
        </dl>
      </section>
    </div>
  );
}
