import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { StaleBanner } from '../components/StaleBanner';
import { useVirtualWindow } from '../hooks/use-virtual-window';
import { useMessages } from '../i18n/messages-context';
import { sortDevices } from '../model/device-order';
import { useConsoleStore } from '../state/store';
import { DeviceRow } from './DeviceRow';
import './device-grid.css';

/** A row's height before one is measured (rem-based in CSS; measured once rendered). */
const FIRST_GUESS_ROW_PX = 44;
/** Rows rendered beyond each edge of the viewport, so a quick scroll or a PageDown shows no gap. */
const OVERSCAN_ROWS = 12;

/**
 * The list of every device, virtualised like the device wall: only the rows in view (and a margin)
 * exist in the DOM, between two spacer rows that keep the scrollbar true, so 2,000 devices cost
 * what forty do. Rows have one fixed height (CSS), measured from the first rendered row.
 */
export function DeviceGrid(): ReactElement {
  const t = useMessages();
  const devices = useConsoleStore((state) => state.devices);
  const loaded = useConsoleStore((state) => state.devicesLoaded);
  const link = useConsoleStore((state) => state.link);
  // Rendering is done in interruptible slices, so a fleet update never blocks input or the clock.
  const shownDevices = useDeferredValue(devices);
  const sorted = useMemo(() => sortDevices(shownDevices.values()), [shownDevices]);
  // Stale from the moment the link is not live: the last state stays up, marked as such.
  const stale = loaded && link !== 'live';
  const columns = t.grid.columns;

  const headRef = useRef<HTMLTableSectionElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [metrics, setMetrics] = useState({ row: FIRST_GUESS_ROW_PX, head: 0 });

  // The real row and header heights (they follow the type size), measured once rows are there.
  useLayoutEffect(() => {
    const row = bodyRef.current?.querySelector<HTMLElement>('[data-testid="device-row"]');
    const head = headRef.current?.offsetHeight ?? 0;
    const rowHeight = row?.offsetHeight ?? 0;
    if (rowHeight > 0 && (Math.abs(rowHeight - metrics.row) > 0.5 || head !== metrics.head)) setMetrics({ row: rowHeight, head });
  });

  const { scrollRef, onScroll, range: win } = useVirtualWindow({
    itemCount: sorted.length,
    rowPitch: metrics.row,
    headHeight: metrics.head,
    overscanRows: OVERSCAN_ROWS,
    // Until the box is measured, a screenful is a fair guess.
    unmeasuredHeight: 900,
  });
  const rows = sorted.slice(win.startIndex, win.endIndex);

  return (
    <section
      className={stale ? 'device-grid is-stale' : 'device-grid'}
      data-testid="device-grid"
      data-stale={String(stale)}
      aria-label={t.grid.label}
      aria-busy={!loaded}
    >
      <div className="grid-caption">
        <h2 className="grid-title">{t.grid.label}</h2>
        <span className="muted" data-testid="device-count" data-value={sorted.length}>
          {t.grid.deviceCount(sorted.length)}
        </span>
      </div>
      {stale && <StaleBanner />}
      {!loaded ? (
        <p className="grid-message">{t.grid.loading}</p>
      ) : sorted.length === 0 ? (
        <p className="grid-message" data-testid="device-grid-empty">
          {t.grid.empty}
        </p>
      ) : (
        <div
          className="table-scroll device-list-scroll"
          ref={scrollRef}
          onScroll={onScroll}
          // Focusable, so the arrow and page keys scroll the list.
          tabIndex={0}
          role="region"
          aria-label={t.grid.label}
          data-testid="device-list-scroll"
          data-rendered={rows.length}
          data-total={sorted.length}
        >
          <table className="devices" aria-rowcount={sorted.length + 1}>
            <thead ref={headRef}>
              <tr>
                <th scope="col" className="col-risk">{columns.risk}</th>
                <th scope="col" className="col-id">{columns.deviceId}</th>
                <th scope="col" className="col-name">{columns.name}</th>
                <th scope="col" className="col-zone">{columns.zone}</th>
                <th scope="col" className="col-seen">{columns.lastSeen}</th>
                <th scope="col" className="col-num">{columns.temperature}</th>
                <th scope="col" className="col-num">{columns.current}</th>
                <th scope="col" className="col-status">{columns.status}</th>
              </tr>
            </thead>
            <tbody ref={bodyRef}>
              {win.spaceAbove > 0 && <tr className="spacer-row" aria-hidden="true" style={{ height: `${win.spaceAbove}px` }} />}
              {rows.map((device) => (
                <DeviceRow key={device.device_id} device={device} />
              ))}
              {win.spaceBelow > 0 && <tr className="spacer-row" aria-hidden="true" style={{ height: `${win.spaceBelow}px` }} />}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
