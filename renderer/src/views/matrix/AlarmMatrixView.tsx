import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { KeyboardEvent, NamedExoticComponent, ReactElement } from 'react';
import type { DeviceSummary } from '../../../../shared/protocol/api-types';
import { RiskShape } from '../../components/RiskShape';
import { StaleBanner } from '../../components/StaleBanner';
import { useFocusKept } from '../../hooks/use-focus-kept';
import { usePendingFocus } from '../../hooks/use-pending-focus';
import { useRemPx } from '../../hooks/use-rem';
import { navigate } from '../../hooks/use-location';
import { rovingTarget } from '../../hooks/roving-keys';
import { useVirtualWindow } from '../../hooks/use-virtual-window';
import { useMessages } from '../../i18n/messages-context';
import type { CellState, MatrixColumn, MatrixRow, MatrixSortKey, SortDirection } from '../../model/matrix';
import { buildMatrixRows, columnTotals, MATRIX_COLUMNS, sortMatrixRows } from '../../model/matrix';
import { toBadgeLevel } from '../../model/risk';
import { deviceHref } from '../../model/route';
import { useAlarmLookup } from '../../state/alarm-access';
import { useConsoleStore } from '../../state/store';

/** Row height and the header's, in rem (the wall's type is larger). */
const ROW_HEIGHT_REM = 2.125;
const WALL_ROW_HEIGHT_REM = 1.75;
const HEADER_HEIGHT_REM = 7.75;
const WALL_HEADER_HEIGHT_REM = 6.5;
const LEGEND_STATES: ReadonlyArray<CellState> = ['unacknowledged', 'acknowledged', 'rtn_unacknowledged', 'shelved', 'active'];

/** Natural first direction per key: most first for counts and states, A→Z for names. */
function firstDirection(key: MatrixSortKey): SortDirection {
  return key === 'device' || key === 'zone' ? 'asc' : 'desc';
}

/**
 * Devices × the twelve status bits and communication. Cells are lit by the alarm state of the
 * point when the alarm service is there, else by the status bits. Sortable by any heading; a row
 * opens its device. Rows are virtualised.
 */
export function AlarmMatrixView({ wall = false }: { readonly wall?: boolean }): ReactElement {
  const t = useMessages();
  const devices = useConsoleStore((state) => state.devices);
  const loaded = useConsoleStore((state) => state.devicesLoaded);
  const link = useConsoleStore((state) => state.link);
  const lookup = useAlarmLookup();
  const [sortKey, setSortKey] = useState<MatrixSortKey>('lit');
  const [direction, setDirection] = useState<SortDirection>('desc');
  const [onlyLit, setOnlyLit] = useState(wall);
  const shown = useDeferredValue(devices);
  // Rows are reused for devices whose summary did not change, as long as the alarm lookup is the same.
  const rowCache = useMemo(() => new WeakMap<DeviceSummary, MatrixRow>(), [lookup]);
  const allRows = useMemo(() => buildMatrixRows(shown.values(), lookup, rowCache), [shown, lookup, rowCache]);
  const totals = useMemo(() => columnTotals(allRows), [allRows]);
  const rows = useMemo(() => {
    const visible = onlyLit ? allRows.filter((r) => r.lit > 0) : allRows;
    return sortMatrixRows(visible, sortKey, direction);
  }, [allRows, onlyLit, sortKey, direction]);
  const stale = loaded && link !== 'live';
  const rem = useRemPx();

  const sortBy = (key: MatrixSortKey): void => {
    if (key === sortKey) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSortKey(key);
      setDirection(firstDirection(key));
    }
  };

  return (
    <section
      className={`matrix-view${wall ? ' is-wall' : ''}${stale ? ' is-stale' : ''}`}
      data-testid="alarm-matrix"
      data-source={lookup === null ? 'status-bits' : 'alarms'}
      data-rows={rows.length}
      aria-label={t.matrix.title}
    >
      {!wall && (
        <div className="view-head">
          <h2 className="view-title">{t.matrix.title}</h2>
          <span className="muted">{lookup === null ? t.matrix.fromBits : t.matrix.fromAlarms}</span>
          <label className="check">
            <input type="checkbox" checked={onlyLit} data-testid="matrix-only-lit" onChange={(event) => setOnlyLit(event.target.checked)} />
            {t.matrix.onlyLit}
          </label>
        </div>
      )}
      <Legend />
      {stale && !wall && <StaleBanner />}
      {!loaded ? (
        <p className="grid-message">{t.grid.loading}</p>
      ) : (
        <MatrixTable
          emptyText={onlyLit && allRows.length > 0 ? t.matrix.noneLit : t.matrix.empty}
          rows={rows}
          totals={totals}
          sortKey={sortKey}
          direction={direction}
          onSort={sortBy}
          rowHeight={Math.round((wall ? WALL_ROW_HEIGHT_REM : ROW_HEIGHT_REM) * rem)}
          headerHeight={Math.round((wall ? WALL_HEADER_HEIGHT_REM : HEADER_HEIGHT_REM) * rem)}
        />
      )}
    </section>
  );
}

function Legend(): ReactElement {
  const t = useMessages();
  return (
    <ul className="matrix-legend" aria-label={t.matrix.legend}>
      {LEGEND_STATES.map((state) => (
        <li key={state}>
          <span className={`cell-glyph cell-${state}`} aria-hidden="true" />
          {t.cellState[state]}
        </li>
      ))}
    </ul>
  );
}

function columnLabel(column: MatrixColumn, t: ReturnType<typeof useMessages>): { short: string; long: string } {
  if (column === 'communication') return { short: t.matrix.communication, long: t.statusFlagsLong.communication_error };
  return { short: t.statusFlags[column], long: t.statusFlagsLong[column] };
}

function ariaSort(active: boolean, direction: SortDirection): 'ascending' | 'descending' | 'none' {
  if (!active) return 'none';
  return direction === 'asc' ? 'ascending' : 'descending';
}

function MatrixTable({
  emptyText,
  rows,
  totals,
  sortKey,
  direction,
  onSort,
  rowHeight,
  headerHeight,
}: {
  readonly emptyText: string;
  readonly rows: ReadonlyArray<MatrixRow>;
  readonly totals: ReadonlyArray<number>;
  readonly sortKey: MatrixSortKey;
  readonly direction: SortDirection;
  readonly onSort: (key: MatrixSortKey) => void;
  readonly rowHeight: number;
  readonly headerHeight: number;
}): ReactElement {
  const t = useMessages();
  const [focusRow, setFocusRow] = useState(0);
  // The header row is sticky inside the scroll box; rows start below it.
  const { scrollRef, onScroll, range: win, revealRow } = useVirtualWindow({
    itemCount: rows.length,
    rowPitch: rowHeight,
    headHeight: headerHeight,
    overscanRows: 6,
  });
  const focus = Math.min(focusRow, Math.max(0, rows.length - 1));
  const focusWhenRendered = usePendingFocus(scrollRef, `[data-row-index="${focus}"]`);
  // A re-sort that takes the focused row out of the DOM must not drop the operator's focus.
  const keeper = useFocusKept(scrollRef, `[data-row-index="${focus}"]`);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    if (event.key === 'Enter') {
      const row = rows[focus];
      if (row !== undefined) navigate(deviceHref(row.device.device_id));
      event.preventDefault();
      return;
    }
    // A list: left and right stay with the browser.
    const next = rovingTarget(event.key, focus, { count: rows.length, columns: 1, pageRows: win.pageRows, across: false });
    if (next === null) return;
    event.preventDefault();
    setFocusRow(next);
    focusWhenRendered();
    revealRow(next, rowHeight);
  };

  const slice = rows.slice(win.startIndex, win.endIndex);
  // A plain function, not a component: a component made in render would remount (and drop focus) on every update.
  const sortButton = (sort: MatrixSortKey, children: ReactElement | string, title?: string): ReactElement => (
    <button type="button" className="sort-button" onClick={() => onSort(sort)} title={title ?? t.matrix.sortHint} data-sort={sort}>
      {children}
      <span className="sort-mark" aria-hidden="true">
        {sortKey === sort ? (direction === 'asc' ? '▲' : '▼') : ''}
      </span>
    </button>
  );

  return (
    <div className="matrix-scroll" ref={scrollRef} onScroll={onScroll} data-testid="matrix-scroll">
      <table className="matrix" data-testid="matrix-table">
        <colgroup>
          <col className="matrix-col-device" />
          <col className="matrix-col-zone" />
          <col className="matrix-col-risk" />
          {MATRIX_COLUMNS.map((column) => (
            <col key={column} className="matrix-col-cell" />
          ))}
          <col className="matrix-col-lit" />
        </colgroup>
        <thead style={{ height: headerHeight }}>
          <tr>
            <th scope="col" aria-sort={ariaSort(sortKey === 'device', direction)}>
              {sortButton('device', t.matrix.device)}
            </th>
            <th scope="col" aria-sort={ariaSort(sortKey === 'zone', direction)}>
              {sortButton('zone', t.matrix.zone)}
            </th>
            <th scope="col" aria-sort={ariaSort(sortKey === 'risk', direction)}>
              {sortButton('risk', t.matrix.risk)}
            </th>
            {MATRIX_COLUMNS.map((column, i) => {
              const label = columnLabel(column, t);
              return (
                <th key={column} scope="col" className="matrix-bit-head" aria-sort={ariaSort(sortKey === column, direction)} data-column={column} data-total={totals[i] ?? 0}>
                  {sortButton(column, <span className="vertical-label">{label.short}</span>, label.long)}
                </th>
              );
            })}
            <th scope="col" aria-sort={ariaSort(sortKey === 'lit', direction)}>
              {sortButton('lit', t.matrix.lit)}
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown} onFocus={keeper.onFocus} onBlur={keeper.onBlur}>
          {win.spaceAbove > 0 && <tr className="spacer" style={{ height: win.spaceAbove }} aria-hidden="true" />}
          {slice.map((row, i) => (
            <MatrixRowView key={row.device.device_id} row={row} index={win.startIndex + i} focusable={win.startIndex + i === focus} height={rowHeight} />
          ))}
          {win.spaceBelow > 0 && <tr className="spacer" style={{ height: win.spaceBelow }} aria-hidden="true" />}
          {rows.length === 0 && (
            <tr>
              <td colSpan={MATRIX_COLUMNS.length + 4} className="grid-message matrix-empty" data-testid="matrix-empty">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t.matrix.totals}
            </th>
            {MATRIX_COLUMNS.map((column, i) => (
              <td key={column} className={(totals[i] ?? 0) > 0 ? 'matrix-total is-lit' : 'matrix-total'} data-testid="matrix-total" data-column={column} data-value={totals[i] ?? 0}>
                {totals[i] ?? 0}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

interface MatrixRowProps {
  readonly row: MatrixRow;
  readonly index: number;
  readonly focusable: boolean;
  readonly height: number;
}

// Memoised: a row object is replaced only when its device (or the alarm lookup) changed.
const MatrixRowView: NamedExoticComponent<MatrixRowProps> = memo(MatrixRowRender);

function MatrixRowRender({ row, index, focusable, height }: MatrixRowProps): ReactElement {
  const t = useMessages();
  const level = toBadgeLevel(row.device.risk_level);
  return (
    <tr
      className={row.lit > 0 ? 'matrix-row is-lit' : 'matrix-row'}
      style={{ height }}
      tabIndex={focusable ? 0 : -1}
      data-testid="matrix-row"
      data-device-id={row.device.device_id}
      data-row-index={index}
      data-lit={row.lit}
      onClick={() => navigate(deviceHref(row.device.device_id))}
      aria-label={`${row.device.device_id}, ${t.risk[level]}`}
    >
      <th scope="row" className="matrix-device">
        <a href={deviceHref(row.device.device_id)} tabIndex={-1}>
          {row.device.device_id}
        </a>
      </th>
      <td className="matrix-zone">{row.device.zone}</td>
      <td className={`matrix-risk risk-text-${level.toLowerCase()}`} title={t.risk[level]} data-level={level}>
        <RiskShape level={level} />
      </td>
      {row.cells.map((cell, i) => {
        const column = MATRIX_COLUMNS[i] as MatrixColumn;
        const name = column === 'communication' ? t.statusFlagsLong.communication_error : t.statusFlagsLong[column];
        return (
          <td key={column} className={`matrix-cell cell-state-${cell}`} data-testid="matrix-cell" data-bit={column} data-state={cell} title={`${name}: ${t.cellState[cell]}`}>
            <span className={`cell-glyph cell-${cell}`} aria-hidden="true" />
            {cell !== 'off' && <span className="visually-hidden">{`${name}: ${t.cellState[cell]}`}</span>}
          </td>
        );
      })}
      <td className="matrix-lit">{row.lit > 0 ? row.lit : ''}</td>
    </tr>
  );
}
