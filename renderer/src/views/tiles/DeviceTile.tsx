import { memo } from 'react';
import type { NamedExoticComponent, ReactElement } from 'react';
import type { DeviceSummary } from '../../../../shared/protocol/api-types';
import { Gauge, LevelMark } from '../../components/Gauge';
import { RiskShape } from '../../components/RiskShape';
import { Sparkline } from '../../components/Sparkline';
import { useMessages } from '../../i18n/messages-context';
import { formatFixed } from '../../model/format';
import { gaugeLevel, worstGaugeLevel } from '../../model/gauges';
import { toBadgeLevel } from '../../model/risk';
import { deviceHref } from '../../model/route';
import { decodeStatusFlags } from '../../model/status-bits';
import { useGauges } from '../../state/scoring-hooks';
import { DEVICE_TREND_POINTS } from '../../state/trends';
import type { TrendBook } from '../../state/trends';

interface DeviceTileProps {
  readonly device: DeviceSummary;
  readonly trends: TrendBook;
  readonly focusable: boolean;
  /** Standing alarms from the alarm service, when it is there; else the tile reads the status bits. */
  readonly alarmed: boolean;
}

/**
 * One device on the wall: risk by colour and shape, temperature large with its trend, the other
 * gauges small, arcs and status flags. Re-renders only when its summary object is replaced, which
 * is exactly when a new reading for it arrived, or when a supervisor changes the thresholds.
 */
function DeviceTileView({ device, trends, focusable, alarmed }: DeviceTileProps): ReactElement {
  const t = useMessages();
  const level = toBadgeLevel(device.risk_level);
  const flags = decodeStatusFlags(device.status_bits);
  const gauges = useGauges();
  const temperatureLevel = gaugeLevel(gauges.temperature, device.temperature);
  const worst = worstGaugeLevel(device, gauges);
  const arcs = device.readings?.arc_count ?? null;
  const offline = !device.online;
  const values = trends.values(device.device_id);
  return (
    <a
      href={deviceHref(device.device_id)}
      className={`tile tile-risk-${level.toLowerCase()} tile-gauges-${worst}${offline ? ' is-offline' : ''}${alarmed ? ' is-alarmed' : ''}`}
      tabIndex={focusable ? 0 : -1}
      data-testid="device-tile"
      data-device-id={device.device_id}
      data-risk={level}
      data-alarmed={String(alarmed)}
      aria-label={`${device.device_id} ${device.name}: ${t.risk[level]}`}
    >
      <span className="tile-head">
        <span className={`tile-risk risk-text-${level.toLowerCase()}`} data-testid="tile-risk" data-level={level}>
          <RiskShape level={level} />
          <span>{t.risk[level]}</span>
        </span>
        <span className="tile-id">{device.device_id}</span>
      </span>
      <span className="tile-name" title={`${device.name} · ${device.zone}`}>
        {device.name} · {device.zone}
      </span>
      <span className="tile-temperature">
        <span className={`tile-temp-value gauge-${temperatureLevel}`} data-testid="tile-temperature" data-value={device.temperature ?? ''}>
          <LevelMark level={temperatureLevel} />
          {formatFixed(device.temperature, 1) ?? t.emptyValue}
          <span className="tile-temp-unit">°C</span>
        </span>
        <Sparkline values={values} capacity={DEVICE_TREND_POINTS} label={t.tiles.trend} className={`gauge-${temperatureLevel}`} />
      </span>
      <span className="tile-gauges">
        <Gauge id="current" value={device.current} />
        <Gauge id="leakage" value={device.readings?.leakage_current ?? null} />
        <Gauge id="co" value={device.readings?.co ?? null} />
        <Gauge id="voc" value={device.readings?.voc ?? null} />
        <Gauge id="power_factor" value={device.readings?.power_factor ?? null} />
        <span className={`tile-arcs${arcs !== null && arcs > 0 ? ' has-arcs' : ''}`} data-testid="tile-arcs" data-value={arcs ?? ''}>
          <span className="gauge-label">
            <svg viewBox="0 0 10 14" width="7" height="10" aria-hidden="true" focusable="false">
              <polygon points="6,0 0,8 4.5,8 3.5,14 10,5 5.5,5" />
            </svg>
            {t.tiles.arcs}
          </span>
          <span className="gauge-value">{arcs ?? t.emptyValue}</span>
        </span>
      </span>
      <span className="tile-flags" data-testid="tile-flags" data-count={flags.length}>
        {offline && <span className="tile-flag tile-flag-comm">{t.grid.offline}</span>}
        {flags.slice(0, 3).map((flag) => (
          <span key={flag} className={flag === 'communication_error' ? 'tile-flag tile-flag-comm' : 'tile-flag'} title={t.statusFlagsLong[flag]}>
            {t.statusFlags[flag]}
          </span>
        ))}
        {flags.length > 3 && <span className="tile-flag tile-flag-more">+{flags.length - 3}</span>}
      </span>
    </a>
  );
}

// Its place on the wall is its slot's business (TileGrid): a tile re-renders only when its device does.
export const DeviceTile: NamedExoticComponent<DeviceTileProps> = memo(DeviceTileView);
