import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { ZoneMemberView } from '../../../../shared/analytics/types';
import { HistoryChart } from '../../components/charts/HistoryChart';
import { RiskBadge } from '../../components/RiskBadge';
import { useHostQuery } from '../../hooks/use-host-query';
import { useMessages } from '../../i18n/messages-context';
import { formatFixed } from '../../model/format';
import { riskRank } from '../../model/risk';
import { deviceHref } from '../../model/route';
import type { AlignedData } from '../../model/history-series';
import { alignZoneHistories, ZONE_CHART_MEMBERS, zonePanel } from '../../model/zone-trends';
import { useScoring } from '../../state/scoring-hooks';
import { useConsoleStore } from '../../state/store';
import { EventLine } from '../overview/OverviewView';

const TREND_WINDOW_MS = 30 * 60_000;
const TREND_REFRESH_MS = 15_000;

function hottestMembers(members: ReadonlyArray<ZoneMemberView>): ReadonlyArray<string> {
  return [...members]
    .sort((a, b) => (b.temperature ?? -Infinity) - (a.temperature ?? -Infinity))
    .slice(0, ZONE_CHART_MEMBERS)
    .map((m) => m.device_id)
    .sort();
}

/** The members' temperatures over the last half hour, overlaid: a room heating lifts every line. */
function ZoneTemperatureChart({ zone, members }: { readonly zone: string; readonly members: ReadonlyArray<string> }): ReactElement | null {
  const t = useMessages();
  const client = useConsoleStore((state) => state.client);
  const theme = useConsoleStore((state) => state.theme);
  const [data, setData] = useState<AlignedData | null>(null);
  const key = members.join(',');
  const scoring = useScoring();
  const panel = useMemo(() => zonePanel(members.length, scoring), [members.length, scoring]);
  useEffect(() => {
    if (client === null || members.length === 0) return undefined;
    let cancelled = false;
    const load = (): void => {
      const to = Math.ceil(Date.now() / 60_000) * 60_000;
      Promise.all(members.map((id) => client.request('device.history', { id, from: to - TREND_WINDOW_MS, to, points: 90 }).catch(() => ({ points: [] }))))
        .then((histories) => {
          if (!cancelled) setData(alignZoneHistories(histories));
        })
        .catch(() => undefined);
    };
    load();
    const timer = setInterval(load, TREND_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);
  if (data === null || data[0].length === 0) return null;
  return (
    <HistoryChart
      panel={panel}
      title={t.clusters.trendOverlay30}
      data={data}
      seriesLabels={members}
      markers={[]}
      projection={null}
      xRange={null}
      height={170}
      look={`${zone}-${theme}-${key}`}
    />
  );
}

/** One zone from `zone.get`: its members with their temperature trend, its notable pairs and events. */
export function ZonePanel({ zone, onClose }: { readonly zone: string; readonly onClose: () => void }): ReactElement {
  const t = useMessages();
  const detail = useHostQuery('zone.get', { id: zone }, { refreshMs: 5_000 });
  const data = detail.data;
  return (
    <div className="zone-panel" data-testid="zone-panel" data-zone={zone}>
      <div className="zone-panel-head">
        <h3>
          {t.clusters.zoneDetail} {zone}
        </h3>
        <button type="button" className="button-quiet" onClick={onClose} aria-label={t.detail.back}>
          ✕
        </button>
      </div>
      {data === null ? (
        <p className="muted">{detail.error ?? t.grid.loading}</p>
      ) : (
        <>
          <p className="zone-panel-facts">
            {data.high_risk_cluster && <span className="flag flag-cluster">▲ {t.clusters.highRiskCluster}</span>}
            {data.temp_divergence && <span className="flag flag-divergence">◆ {t.clusters.tempDivergence}</span>}
            <span>{data.temperature_trend_correlation === null ? t.clusters.noCorrelation : t.clusters.correlation(data.temperature_trend_correlation.toFixed(2))}</span>
          </p>
          <ZoneTemperatureChart zone={zone} members={hottestMembers(data.members)} />
          <h4>{t.clusters.members}</h4>
          <table className="compact-table">
            <thead>
              <tr>
                <th scope="col">{t.matrix.device}</th>
                <th scope="col">{t.matrix.risk}</th>
                <th scope="col" className="num">°C</th>
                <th scope="col" className="num">{t.clusters.tempTrend}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.members]
                .sort((a, b) => riskRank(b.risk_level) - riskRank(a.risk_level) || (b.temperature ?? 0) - (a.temperature ?? 0))
                .map((member) => (
                  <tr key={member.device_id}>
                    <th scope="row">
                      <a href={deviceHref(member.device_id)}>{member.device_id}</a>
                    </th>
                    <td>
                      <RiskBadge level={member.risk_level} />
                    </td>
                    <td className="num">{formatFixed(member.temperature, 1) ?? t.emptyValue}</td>
                    <td className="num">
                      {member.temperature_trend === null ? t.emptyValue : `${member.temperature_trend > 0 ? '+' : ''}${formatFixed(member.temperature_trend, 2) ?? ''}`}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          <h4>{t.clusters.correlations}</h4>
          {data.correlations.filter((c) => c.correlation_type !== 'NORMAL').length === 0 ? (
            <p className="muted">{t.clusters.noCorrelations}</p>
          ) : (
            <ul className="pair-list">
              {data.correlations
                .filter((c) => c.correlation_type !== 'NORMAL')
                .map((pair) => (
                  <li key={`${pair.device1}-${pair.device2}`} className={pair.correlation_type === 'HIGH_RISK_CLUSTER' ? 'flag-cluster' : 'flag-divergence'}>
                    <span>{t.clusters.pair(pair.device1, pair.device2)}</span>
                    <span className="muted">
                      {pair.correlation_type === 'HIGH_RISK_CLUSTER' ? t.clusters.highRiskCluster : t.clusters.tempDivergence} · {t.clusters.difference(formatFixed(pair.temp_diff, 1) ?? '')}
                    </span>
                  </li>
                ))}
            </ul>
          )}
          {data.recent_events.length > 0 && (
            <>
              <h4>{t.detail.recentEvents}</h4>
              <ul className="event-list">
                {data.recent_events.slice(0, 6).map((event, i) => (
                  <EventLine key={`${event.at}-${i}`} event={event} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
