import { useDeferredValue, useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import type { ZoneSummaryView } from '../../../../shared/analytics/types';
import type { DeviceSummary } from '../../../../shared/protocol';
import { riskShapeElements } from '../../components/RiskShape';
import { StaleBanner } from '../../components/StaleBanner';
import { useElementSize } from '../../hooks/use-element-size';
import { useRemPx } from '../../hooks/use-rem';
import { useHostQuery } from '../../hooks/use-host-query';
import { navigate, useLocation } from '../../hooks/use-location';
import { useMessages } from '../../i18n/messages-context';
import type { ClusterLayout, ZoneBox } from '../../model/cluster-layout';
import { DEFAULT_CLUSTER_OPTIONS, layoutClusters } from '../../model/cluster-layout';
import { formatFixed } from '../../model/format';
import { riskRank, toBadgeLevel } from '../../model/risk';
import { deviceHref, formatHashRoute, parseHashRoute } from '../../model/route';
import { sparklinePath } from '../../model/sparkline';
import { isZoneHeating } from '../../model/overview';
import { useScoring } from '../../state/scoring-hooks';
import { useConsoleStore } from '../../state/store';
import { ZONE_TREND_POINTS } from '../../state/trends';
import type { TrendBook } from '../../state/trends';
import { ZonePanel } from './ZonePanel';

const REFRESH_MS = 5_000;

/**
 * Zones as groups, each device placed by its registry position; zones with a high-risk cluster or a
 * temperature divergence are marked and their pairs drawn; each zone's mean and hottest temperature
 * over this session are overlaid on one shared scale, so a heating room stands out from the rest.
 */
export function ClustersView({ wall = false }: { readonly wall?: boolean }): ReactElement {
  const t = useMessages();
  const location = useLocation();
  const selected = wall ? null : (parseHashRoute(location.hash).params.zone ?? null);
  const devices = useConsoleStore((state) => state.devices);
  const trends = useConsoleStore((state) => state.trends);
  const loaded = useConsoleStore((state) => state.devicesLoaded);
  const link = useConsoleStore((state) => state.link);
  const zones = useHostQuery('zones.list', {}, { refreshMs: REFRESH_MS });
  const shown = useDeferredValue(devices);
  const areaRef = useRef<HTMLDivElement>(null);
  const area = useElementSize(areaRef);
  const list = useMemo(() => [...shown.values()], [shown]);
  // A little inside the area, so the boxes' outlines are never cut off by a scrollbar.
  const width = Math.max(320, Math.floor(area.width) - 6);
  const height = Math.max(240, Math.floor(area.height) - 6);
  const rem = useRemPx();
  const layout = useMemo(
    () =>
      layoutClusters(list, {
        ...DEFAULT_CLUSTER_OPTIONS,
        width,
        height,
        gap: Math.round(0.9 * rem),
        titleHeight: Math.round(2.1 * rem),
        padding: Math.round(1.1 * rem),
        minBoxWidth: 14 * rem,
        minBoxHeight: 9.5 * rem,
      }),
    [list, width, height, rem],
  );
  const summaries = useMemo(() => new Map((zones.data?.zones ?? []).map((z) => [z.zone, z])), [zones.data]);
  const stale = loaded && link !== 'live';
  // One temperature scale for every zone: a heating room sits visibly above the others.
  const scale = useMemo(() => temperatureScale(trends, layout), [trends, layout, trends.zoneVersion]);

  const select = (zone: string | null): void => navigate(formatHashRoute(['clusters'], zone === null ? {} : { zone }));

  return (
    <section className={`clusters-view${wall ? ' is-wall' : ''}${stale ? ' is-stale' : ''}`} data-testid="clusters" aria-label={t.clusters.title}>
      {!wall && (
        <div className="view-head">
          <h2 className="view-title">{t.clusters.title}</h2>
          <ClusterLegend />
        </div>
      )}
      {stale && !wall && <StaleBanner />}
      <div className="clusters-body">
        <div className="clusters-area" ref={areaRef}>
          {layout.zones.length === 0 ? (
            <p className="grid-message">{loaded ? t.clusters.empty : t.grid.loading}</p>
          ) : (
            <svg
              className="clusters-map"
              viewBox={`-2 -2 ${layout.width + 4} ${layout.height + 4}`}
              width={layout.width + 4}
              height={layout.height + 4}
              preserveAspectRatio="xMidYMin meet"
              role="group"
              aria-label={t.clusters.title}
              data-testid="clusters-map"
            >
              {layout.zones.map((box) => (
                <ZoneGroup
                  key={box.zone}
                  box={box}
                  summary={summaries.get(box.zone) ?? null}
                  devices={devicesOf(list, box.zone)}
                  layout={layout}
                  trends={trends}
                  scale={scale}
                  rem={rem}
                  selected={box.zone === selected}
                  onSelect={wall ? null : () => select(box.zone === selected ? null : box.zone)}
                />
              ))}
            </svg>
          )}
        </div>
        {!wall && (
          <aside className="clusters-side" aria-label={t.clusters.zoneDetail}>
            {selected === null ? (
              <ZoneList zones={zones.data?.zones ?? []} trends={trends} onSelect={select} />
            ) : (
              <ZonePanel zone={selected} onClose={() => select(null)} />
            )}
          </aside>
        )}
      </div>
    </section>
  );
}

/** With no zone chosen, the side lists every zone, the most urgent first. */
function ZoneList({
  zones,
  trends,
  onSelect,
}: {
  readonly zones: ReadonlyArray<ZoneSummaryView>;
  readonly trends: TrendBook;
  readonly onSelect: (zone: string) => void;
}): ReactElement {
  const t = useMessages();
  const temperatureBands = useScoring().thresholds.temperatureC;
  const sorted = [...zones].sort(
    (a, b) =>
      Number(b.high_risk_cluster) - Number(a.high_risk_cluster) ||
      Number(b.temp_divergence) - Number(a.temp_divergence) ||
      (b.max_risk_score ?? 0) - (a.max_risk_score ?? 0),
  );
  return (
    <div className="zone-summary-list">
      <p className="muted">{t.clusters.pick}</p>
      <table className="compact-table">
        <tbody>
          {sorted.map((zone) => (
            <tr key={zone.zone} data-testid="zone-summary" data-zone={zone.zone}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelect(zone.zone)}>
                  {zone.zone}
                </button>
              </th>
              <td className="zone-summary-flags">
                {zone.high_risk_cluster && <span className="flag flag-cluster" title={t.clusters.highRiskCluster}>▲</span>}
                {zone.temp_divergence && <span className="flag flag-divergence" title={t.clusters.tempDivergence}>◆</span>}
                {isZoneHeating(trends.zone(zone.zone).mean.at(-1) ?? null, zone, temperatureBands) && (
                  <span className="flag flag-heating" title={t.clusters.heating}>
                    ↑ {t.clusters.heating}
                  </span>
                )}
              </td>
              <td className="num">{formatFixed(trends.zone(zone.zone).mean.at(-1), 1) ?? t.emptyValue} °C</td>
              <td className="num">
                {t.clusters.maxRisk} {zone.max_risk_score === null ? t.emptyValue : zone.max_risk_score.toFixed(2)}
              </td>
              <td className="num">{t.clusters.devices(zone.devices)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function devicesOf(list: ReadonlyArray<DeviceSummary>, zone: string): ReadonlyArray<DeviceSummary> {
  return list.filter((d) => d.zone === zone);
}

interface TemperatureScale {
  readonly min: number;
  readonly max: number;
}

function temperatureScale(trends: TrendBook, layout: ClusterLayout): TemperatureScale {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const box of layout.zones) {
    const { mean, max: hottest } = trends.zone(box.zone);
    for (const v of mean) min = Math.min(min, v);
    for (const v of hottest) max = Math.max(max, v);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 20, max: 60 };
  const lo = Math.floor((min - 2) / 5) * 5;
  const hi = Math.max(lo + 20, Math.ceil((max + 2) / 5) * 5);
  return { min: lo, max: hi };
}

function ClusterLegend(): ReactElement {
  const t = useMessages();
  return (
    <ul className="clusters-legend" aria-label={t.clusters.legend}>
      <li>
        <svg viewBox="0 0 30 10" width="30" height="10" aria-hidden="true">
          <line className="pair-line pair-cluster" x1="1" y1="5" x2="29" y2="5" />
        </svg>
        {t.clusters.highRiskCluster}
      </li>
      <li>
        <svg viewBox="0 0 30 10" width="30" height="10" aria-hidden="true">
          <line className="pair-line pair-divergence" x1="1" y1="5" x2="29" y2="5" />
        </svg>
        {t.clusters.tempDivergence}
      </li>
      <li>
        <svg viewBox="0 0 30 10" width="30" height="10" aria-hidden="true">
          <line className="zone-trend-mean" x1="1" y1="5" x2="29" y2="5" />
        </svg>
        {t.clusters.trendOverlay}
      </li>
    </ul>
  );
}

function ZoneGroup({
  box,
  summary,
  devices,
  layout,
  trends,
  scale,
  rem,
  selected,
  onSelect,
}: {
  readonly box: ZoneBox;
  readonly summary: ZoneSummaryView | null;
  readonly devices: ReadonlyArray<DeviceSummary>;
  readonly layout: ClusterLayout;
  readonly trends: TrendBook;
  readonly scale: TemperatureScale;
  readonly rem: number;
  readonly selected: boolean;
  readonly onSelect: (() => void) | null;
}): ReactElement {
  const t = useMessages();
  const temperatureBands = useScoring().thresholds.temperatureC;
  const worst = devices.reduce((w, d) => Math.max(w, riskRank(d.risk_level)), 0);
  const worstDevice = devices.find((d) => riskRank(d.risk_level) === worst);
  const level = toBadgeLevel(worstDevice?.risk_level ?? null);
  const cluster = summary?.high_risk_cluster ?? false;
  const divergence = summary?.temp_divergence ?? false;
  const trend = trends.zone(box.zone);
  const currentMean = trend.mean.at(-1) ?? null;
  const inner = box.inner;
  const pathFor = (values: ReadonlyArray<number>): string =>
    sparklinePath(values, inner.width, inner.height, { min: scale.min, max: scale.max }, ZONE_TREND_POINTS);
  const heating = isZoneHeating(currentMean, summary, temperatureBands);
  const flagged = cluster || divergence;
  const correlation = summary?.temperature_trend_correlation ?? null;
  return (
    <g
      className={`zone-group zone-risk-${level.toLowerCase()}${flagged ? ' is-flagged' : ''}${heating ? ' is-heating' : ''}${selected ? ' is-selected' : ''}`}
      data-testid="cluster-zone"
      data-zone={box.zone}
      data-level={level}
      data-high-risk-cluster={String(cluster)}
      data-temp-divergence={String(divergence)}
      data-heating={String(heating)}
      data-mean-temperature={currentMean === null ? '' : currentMean.toFixed(1)}
      data-max-risk={summary?.max_risk_score ?? ''}
    >
      <rect
        className="zone-box"
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx="8"
        onClick={onSelect ?? undefined}
        tabIndex={onSelect === null ? undefined : 0}
        role={onSelect === null ? undefined : 'button'}
        aria-pressed={onSelect === null ? undefined : selected}
        aria-label={box.zone}
        onKeyDown={(event) => {
          if (onSelect !== null && (event.key === 'Enter' || event.key === ' ')) {
            event.preventDefault();
            onSelect();
          }
        }}
      />
      <g className="zone-trend" transform={`translate(${inner.x} ${inner.y})`} aria-hidden="true">
        <path className="zone-trend-max" d={pathFor(trend.max)} />
        <path className="zone-trend-mean" d={pathFor(trend.mean)} />
      </g>
      <text className="zone-title" x={box.x + 0.75 * rem} y={box.y + 1.45 * rem}>
        {box.zone}
      </text>
      <text className="zone-stat" x={box.x + box.width - 0.75 * rem} y={box.y + 1.45 * rem} textAnchor="end">
        {currentMean === null ? t.clusters.devices(devices.length) : `${formatFixed(currentMean, 1) ?? ''} °C · ${t.clusters.devices(devices.length)}`}
      </text>
      {(flagged || heating) && (
        <text className="zone-flag-text" x={box.x + 0.75 * rem} y={box.y + box.height - 0.6 * rem}>
          {[cluster ? `▲ ${t.clusters.highRiskCluster}` : null, divergence ? `◆ ${t.clusters.tempDivergence}` : null, heating ? `↑ ${t.clusters.heating}` : null]
            .filter((s) => s !== null)
            .join('  ')}
        </text>
      )}
      <text className="zone-corr" x={box.x + box.width - 0.75 * rem} y={box.y + box.height - 0.6 * rem} textAnchor="end">
        {[correlation === null ? null : t.clusters.correlation(correlation.toFixed(2)), summary !== null && summary.rising_devices > 0 ? t.clusters.rising(summary.rising_devices) : null]
          .filter((part) => part !== null)
          .join(' · ')}
      </text>
      {(flagged || selected) && <ZonePairs zone={box.zone} layout={layout} />}
      {devices.map((device) => {
        const placed = layout.devices.get(device.device_id);
        if (placed === undefined) return null;
        const deviceLevel = toBadgeLevel(device.risk_level);
        const size = (riskRank(device.risk_level) >= 4 ? 1.25 : 0.875) * rem;
        return (
          <a
            key={device.device_id}
            href={deviceHref(device.device_id)}
            className={`zone-device risk-text-${deviceLevel.toLowerCase()}${device.online ? '' : ' is-offline'}`}
            data-testid="cluster-device"
            data-device-id={device.device_id}
            data-level={deviceLevel}
            aria-label={`${device.device_id}: ${t.risk[deviceLevel]}`}
          >
            <title>{`${device.device_id} · ${device.name} · ${t.risk[deviceLevel]} · ${formatFixed(device.temperature, 1) ?? t.emptyValue} °C`}</title>
            <g className="risk-shape" transform={`translate(${placed.x - size / 2} ${placed.y - size / 2}) scale(${size / 16})`}>
              {riskShapeElements(deviceLevel)}
            </g>
          </a>
        );
      })}
    </g>
  );
}

/** The zone's notable pairs from `zone.get`, drawn between the two devices. */
function ZonePairs({ zone, layout }: { readonly zone: string; readonly layout: ClusterLayout }): ReactElement | null {
  const detail = useHostQuery('zone.get', { id: zone }, { refreshMs: REFRESH_MS });
  const pairs = (detail.data?.correlations ?? []).filter((c) => c.correlation_type !== 'NORMAL');
  if (pairs.length === 0) return null;
  return (
    <g className="zone-pairs" aria-hidden="true">
      {pairs.map((pair) => {
        const a = layout.devices.get(pair.device1);
        const b = layout.devices.get(pair.device2);
        if (a === undefined || b === undefined) return null;
        return (
          <line
            key={`${pair.device1}-${pair.device2}`}
            className={`pair-line ${pair.correlation_type === 'HIGH_RISK_CLUSTER' ? 'pair-cluster' : 'pair-divergence'}`}
            data-testid="cluster-pair"
            data-type={pair.correlation_type}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
          />
        );
      })}
    </g>
  );
}
