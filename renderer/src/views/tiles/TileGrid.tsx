import { useEffect, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { DeviceSummary } from '../../../../shared/protocol/api-types';
import { useFocusKept } from '../../hooks/use-focus-kept';
import { usePendingFocus } from '../../hooks/use-pending-focus';
import { useRemPx } from '../../hooks/use-rem';
import { navigate } from '../../hooks/use-location';
import { rovingTarget } from '../../hooks/roving-keys';
import { useVirtualWindow } from '../../hooks/use-virtual-window';
import type { AlarmPredicate } from '../../model/device-filter';
import { deviceHref } from '../../model/route';
import { gridShape } from '../../model/virtual-grid';
import { useConsoleStore } from '../../state/store';
import type { TrendBook } from '../../state/trends';
import { DeviceTile } from './DeviceTile';

/** Stored readings behind a sparkline: the last two minutes, about one point a reading. */
const SEED_WINDOW_MS = 120_000;
const SEED_POINTS = 60;

/**
 * Fills the sparklines of the tiles in view from the stored history, once per device, so a wall
 * just opened shows trends at once instead of building them up over minutes.
 */
function useSeededTrends(devices: ReadonlyArray<DeviceSummary>, start: number, end: number, trends: TrendBook): void {
  const client = useConsoleStore((state) => state.client);
  const ids = devices.slice(start, end).map((d) => d.device_id);
  const key = ids.join(' ');
  useEffect(() => {
    if (client === null) return;
    const to = Date.now() + 1000;
    for (const id of ids) {
      if (!trends.claimSeed(id)) continue;
      client
        .request('device.history', { id, from: to - SEED_WINDOW_MS, to, points: SEED_POINTS })
        .then((history) => trends.seed(id, history.points.map((p) => p.temperature_max ?? Number.NaN)))
        .catch(() => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, trends]);
}

export interface TileMetrics {
  readonly minWidth: number;
  readonly height: number;
  readonly gap: number;
}

/** Tile sizes in rem, so they follow the type size (the wall's is larger). */
export const CONSOLE_TILE: TileMetrics = { minWidth: 14.5, height: 12.75, gap: 0.625 };
export const WALL_TILE: TileMetrics = { minWidth: 14, height: 11.5, gap: 0.6 };

function inPixels(metrics: TileMetrics, rem: number): TileMetrics {
  return { minWidth: metrics.minWidth * rem, height: Math.round(metrics.height * rem), gap: Math.round(metrics.gap * rem) };
}

/**
 * A virtualised grid: only the rows on screen (and two either side) exist in the DOM, positioned
 * by transform, so 2,000 devices cost what forty do. Arrow keys move a roving focus between
 * tiles, scrolling as needed; Enter opens the device.
 */
export function TileGrid({
  devices,
  alarmed,
  metrics: metricsRem,
  label,
}: {
  readonly devices: ReadonlyArray<DeviceSummary>;
  readonly alarmed: AlarmPredicate;
  readonly metrics: TileMetrics;
  readonly label: string;
}): ReactElement {
  const rem = useRemPx();
  const metrics = inPixels(metricsRem, rem);
  const trends = useConsoleStore((state) => state.trends);
  const [focusIndex, setFocusIndex] = useState(0);

  const pitch = metrics.height + metrics.gap;
  const { scrollRef, onScroll, size, range: win, revealRow } = useVirtualWindow({
    itemCount: devices.length,
    columns: (width) => gridShape(width, metrics.minWidth, metrics.gap).columns,
    rowPitch: pitch,
    overscanRows: 2,
  });
  const shape = gridShape(size.width, metrics.minWidth, metrics.gap);
  const focus = Math.min(focusIndex, Math.max(0, devices.length - 1));

  useSeededTrends(devices, win.startIndex, win.endIndex, trends);

  // After a keyboard move, focus the tile once it is rendered.
  const focusWhenRendered = usePendingFocus(scrollRef, `[data-index="${focus}"] > a`);
  // A re-sort that takes the focused tile out of the DOM must not drop the operator's focus.
  const keeper = useFocusKept(scrollRef, `[data-index="${focus}"] > a`);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter') {
      const device = devices[focus];
      if (device !== undefined && event.target === scrollRef.current) navigate(deviceHref(device.device_id));
      return;
    }
    const next = rovingTarget(event.key, focus, { count: devices.length, columns: shape.columns, pageRows: win.pageRows, across: true });
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    focusWhenRendered();
    revealRow(Math.floor(next / shape.columns), metrics.height);
  };

  // The tiles in view, in a fixed (id) order in the DOM: they are placed by transform, so when the
  // fleet's order shifts only their transforms change. Rendered in sorted order, React would move
  // DOM nodes around on every shift, and each moved tile would be styled, laid out and painted anew.
  const slice = devices
    .slice(win.startIndex, win.endIndex)
    .map((device, i) => ({ device, index: win.startIndex + i }))
    .sort((a, b) => (a.device.device_id < b.device.device_id ? -1 : a.device.device_id > b.device.device_id ? 1 : 0));
  return (
    <div
      className="tile-scroll"
      ref={scrollRef}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={keeper.onFocus}
      onBlur={keeper.onBlur}
      data-testid="tile-grid"
      data-columns={shape.columns}
      data-rendered={slice.length}
      data-total={devices.length}
      aria-label={label}
      role="region"
      // The grid itself takes focus only when the focused tile has scrolled out of the DOM.
      tabIndex={focus >= win.startIndex && focus < win.endIndex ? -1 : 0}
    >
      <div className="tile-canvas" style={{ height: win.totalHeight }}>
        {size.width > 0 &&
          slice.map(({ device, index }) => {
            const x = (index % shape.columns) * (shape.tileWidth + metrics.gap);
            const y = Math.floor(index / shape.columns) * pitch;
            return (
              <div
                key={device.device_id}
                className="tile-slot"
                data-index={index}
                style={{ transform: `translate(${x.toFixed(1)}px, ${y}px)`, width: `${shape.tileWidth.toFixed(1)}px`, height: `${metrics.height}px` }}
              >
                <DeviceTile device={device} trends={trends} focusable={index === focus} alarmed={alarmed(device)} />
              </div>
            );
          })}
      </div>
    </div>
  );
}
