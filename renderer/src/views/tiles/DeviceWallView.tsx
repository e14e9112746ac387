import { useDeferredValue, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { StaleBanner } from '../../components/StaleBanner';
import { useLocation } from '../../hooks/use-location';
import { useMessages } from '../../i18n/messages-context';
import type { DeviceFilter } from '../../model/device-filter';
import { alarmPredicate, filterDevices, NO_FILTER, zonesOf } from '../../model/device-filter';
import { sortDevices } from '../../model/device-order';
import { filterFromParams, filterToParams } from '../../model/filter-params';
import { formatHashRoute, parseHashRoute } from '../../model/route';
import { useAlarmLookup } from '../../state/alarm-access';
import { useConsoleStore } from '../../state/store';
import { TileFilters } from './TileFilters';
import { CONSOLE_TILE, TileGrid, WALL_TILE } from './TileGrid';

/** Every device as a tile, most urgent first, filtered by zone, risk and alarm. */
export function DeviceWallView({ wall = false, zone = null }: { readonly wall?: boolean; readonly zone?: string | null }): ReactElement {
  const t = useMessages();
  const location = useLocation();
  const devices = useConsoleStore((state) => state.devices);
  const loaded = useConsoleStore((state) => state.devicesLoaded);
  const link = useConsoleStore((state) => state.link);
  const lookup = useAlarmLookup();
  const [filter, setFilterState] = useState<DeviceFilter>(() =>
    wall ? { ...NO_FILTER, zone } : filterFromParams(parseHashRoute(location.hash).params),
  );
  const setFilter = (next: DeviceFilter): void => {
    setFilterState(next);
    // Kept in the address (without a history entry each), so a reload or a bookmark keeps the filters.
    if (!wall) window.history.replaceState(null, '', formatHashRoute(['devices'], filterToParams(next)));
  };
  // Sorting and filtering thousands of devices yields to input and the clock.
  const shown = useDeferredValue(devices);
  const sorted = useMemo(() => sortDevices(shown.values()), [shown]);
  const zones = useMemo(() => zonesOf(sorted), [sorted]);
  const alarmed = useMemo(() => alarmPredicate(lookup?.alarmedDeviceIds ?? null), [lookup]);
  const filtered = useMemo(() => filterDevices(sorted, filter, alarmed), [sorted, filter, alarmed]);
  const stale = loaded && link !== 'live';

  return (
    <section className={`device-wall${wall ? ' is-wall' : ''}${stale ? ' is-stale' : ''}`} data-testid="device-wall" data-stale={String(stale)} aria-label={t.tiles.title}>
      {!wall && (
        <div className="view-head">
          <h2 className="view-title">{t.tiles.title}</h2>
          <span className="muted" data-testid="tile-count" data-shown={filtered.length} data-total={sorted.length}>
            {t.tiles.shown(filtered.length, sorted.length)}
          </span>
        </div>
      )}
      {!wall && <TileFilters filter={filter} zones={zones} onChange={setFilter} />}
      {stale && !wall && <StaleBanner />}
      {!loaded ? (
        <p className="grid-message">{t.grid.loading}</p>
      ) : filtered.length === 0 ? (
        <p className="grid-message" data-testid="device-wall-empty">
          {sorted.length === 0 ? t.grid.empty : t.tiles.empty}
        </p>
      ) : (
        <TileGrid devices={filtered} alarmed={alarmed} metrics={wall ? WALL_TILE : CONSOLE_TILE} label={t.tiles.title} />
      )}
    </section>
  );
}
