import type { ReactElement } from 'react';
import { RiskShape } from '../../components/RiskShape';
import { useMessages } from '../../i18n/messages-context';
import type { DeviceFilter } from '../../model/device-filter';
import { ALARM_FILTERS, isAlarmFilter, NO_FILTER } from '../../model/device-filter';
import type { RiskBadgeLevel } from '../../model/risk';

const RISK_OPTIONS: ReadonlyArray<RiskBadgeLevel> = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NORMAL', 'UNSCORED'];

export function TileFilters({
  filter,
  zones,
  onChange,
}: {
  readonly filter: DeviceFilter;
  readonly zones: ReadonlyArray<string>;
  readonly onChange: (filter: DeviceFilter) => void;
}): ReactElement {
  const t = useMessages();
  const toggleRisk = (level: RiskBadgeLevel): void => {
    const risks = new Set(filter.risks);
    if (risks.has(level)) risks.delete(level);
    else risks.add(level);
    onChange({ ...filter, risks });
  };
  const active = filter.zone !== null || filter.risks.size > 0 || filter.alarm !== 'all' || filter.text !== '';
  return (
    <div className="filters" role="group" aria-label={t.tiles.filters} data-testid="tile-filters">
      <label className="filter">
        <span className="filter-label">{t.tiles.search}</span>
        <input
          type="search"
          value={filter.text}
          placeholder={t.tiles.searchPlaceholder}
          data-shortcut="search"
          data-testid="filter-search"
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
        />
      </label>
      <label className="filter">
        <span className="filter-label">{t.tiles.zone}</span>
        <select
          value={filter.zone ?? ''}
          data-testid="filter-zone"
          onChange={(event) => onChange({ ...filter, zone: event.target.value === '' ? null : event.target.value })}
        >
          <option value="">{t.tiles.allZones}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <div className="filter" role="group" aria-label={t.tiles.risk}>
        <span className="filter-label" aria-hidden="true">
          {t.tiles.risk}
        </span>
        <div className="segmented risk-toggles" data-testid="filter-risk">
          {RISK_OPTIONS.map((level) => (
            <button
              key={level}
              type="button"
              className={`risk-text-${level.toLowerCase()}`}
              aria-pressed={filter.risks.has(level)}
              data-level={level}
              title={t.risk[level]}
              onClick={() => toggleRisk(level)}
            >
              <RiskShape level={level} />
              <span className="risk-toggle-name">{t.risk[level]}</span>
            </button>
          ))}
        </div>
      </div>
      <label className="filter">
        <span className="filter-label">{t.tiles.alarm}</span>
        <select
          value={filter.alarm}
          data-testid="filter-alarm"
          onChange={(event) => {
            const value = event.target.value;
            if (isAlarmFilter(value)) onChange({ ...filter, alarm: value });
          }}
        >
          {ALARM_FILTERS.map((option) => (
            <option key={option} value={option}>
              {t.tiles.alarmFilter[option]}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="button-quiet" data-testid="filter-clear" onClick={() => onChange(NO_FILTER)}>
          {t.tiles.clearFilters}
        </button>
      )}
    </div>
  );
}
