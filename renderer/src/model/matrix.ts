import type { DeviceSummary } from '../../../shared/protocol/api-types';
import type { AlarmLookup, AlarmPresentation } from './alarm-lookup';
import { compareDevices, deviceIdOrder, zoneOrder } from './device-order';
import { riskRank } from './risk';
import type { StatusBitName } from './status-bits';
import { STATUS_BIT_NAMES } from './status-bits';

/** The matrix's columns: the twelve status bits in bit order, then communication. */
export type MatrixColumn = StatusBitName | 'communication';
export const MATRIX_COLUMNS: ReadonlyArray<MatrixColumn> = [...STATUS_BIT_NAMES, 'communication'];

/** What a cell shows: off, or the alarm state of its point (just `active` when only the bits are known). */
export type CellState = 'off' | 'active' | AlarmPresentation;

const COMMUNICATION_ERROR_STATUS = 4096;

function bitSet(status: number, bit: number): boolean {
  // Division instead of a bitwise AND: status words above 2^31 would wrap to negative numbers.
  return Math.floor(status / 2 ** bit) % 2 === 1;
}

/** Cells from the device's own status word: a set bit (or a communication error, or silence) is active. */
export function cellsFromStatus(device: Pick<DeviceSummary, 'status_bits' | 'online' | 'last_seen'>): ReadonlyArray<CellState> {
  const status = device.status_bits;
  const valid = typeof status === 'number' && Number.isSafeInteger(status) && status >= 0;
  const cells: CellState[] = STATUS_BIT_NAMES.map((_, bit) => (valid && bitSet(status, bit) ? 'active' : 'off'));
  const commError = (valid && status >= COMMUNICATION_ERROR_STATUS) || (!device.online && device.last_seen !== null);
  cells.push(commError ? 'active' : 'off');
  return cells;
}

/**
 * Cells from the alarm service: each column is the point (device, bit) or (device,
 * communication_loss), lit by its alarm state; a point in normal state is off.
 */
export function cellsFromAlarms(deviceId: string, lookup: AlarmLookup): ReadonlyArray<CellState> {
  return MATRIX_COLUMNS.map((column) => lookup.stateOf(deviceId, column === 'communication' ? 'communication_loss' : column) ?? 'off');
}

export function litCount(cells: ReadonlyArray<CellState>): number {
  let n = 0;
  for (const cell of cells) if (cell !== 'off') n += 1;
  return n;
}

/** How urgent a cell is, for sorting a column: calling for attention first. */
const CELL_RANK: { readonly [S in CellState]: number } = {
  unacknowledged: 6,
  rtn_unacknowledged: 5,
  active: 4,
  acknowledged: 4,
  shelved: 2,
  suppressed: 1,
  out_of_service: 1,
  off: 0,
};

export function cellRank(cell: CellState | undefined): number {
  return cell === undefined ? 0 : CELL_RANK[cell];
}

export type MatrixSortKey = 'lit' | 'device' | 'zone' | 'risk' | MatrixColumn;
export type SortDirection = 'asc' | 'desc';

export interface MatrixRow {
  readonly device: DeviceSummary;
  readonly cells: ReadonlyArray<CellState>;
  readonly lit: number;
}

/**
 * A row per device. With a cache (kept by the caller for one lookup), a device whose summary object
 * did not change keeps its row: a fleet update rebuilds only the rows of the devices it carried.
 */
export function buildMatrixRows(devices: Iterable<DeviceSummary>, lookup: AlarmLookup | null, cache?: WeakMap<DeviceSummary, MatrixRow>): ReadonlyArray<MatrixRow> {
  const rows: MatrixRow[] = [];
  for (const device of devices) {
    let row = cache?.get(device);
    if (row === undefined) {
      const cells = lookup === null ? cellsFromStatus(device) : cellsFromAlarms(device.device_id, lookup);
      row = { device, cells, lit: litCount(cells) };
      cache?.set(device, row);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Sorts matrix rows. `desc` is the natural "most first" direction for lit counts, risk and columns;
 * `asc` for names. Ties fall back to the fleet's usual order (most urgent, then id), so rows do not
 * jump around between updates.
 */
export function sortMatrixRows(rows: ReadonlyArray<MatrixRow>, key: MatrixSortKey, direction: SortDirection): ReadonlyArray<MatrixRow> {
  const sign = direction === 'asc' ? 1 : -1;
  const columnIndex = MATRIX_COLUMNS.indexOf(key as MatrixColumn);
  const primary = (a: MatrixRow, b: MatrixRow): number => {
    switch (key) {
      case 'lit':
        return a.lit - b.lit;
      case 'device':
        return deviceIdOrder.compare(a.device.device_id, b.device.device_id);
      case 'zone':
        return zoneOrder.compare(a.device.zone, b.device.zone);
      case 'risk':
        return riskRank(a.device.risk_level) - riskRank(b.device.risk_level);
      default:
        return cellRank(a.cells[columnIndex]) - cellRank(b.cells[columnIndex]);
    }
  };
  return [...rows].sort((a, b) => {
    const byKey = primary(a, b) * sign;
    if (byKey !== 0) return byKey;
    if (key !== 'lit') {
      const byLit = b.lit - a.lit;
      if (byLit !== 0) return byLit;
    }
    return compareDevices(a.device, b.device);
  });
}

/** How many devices light each column (the matrix's footer, and the wall's summary). */
export function columnTotals(rows: ReadonlyArray<MatrixRow>): ReadonlyArray<number> {
  const totals = MATRIX_COLUMNS.map(() => 0);
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      if (cell !== 'off') totals[i] = (totals[i] ?? 0) + 1;
    });
  }
  return totals;
}
