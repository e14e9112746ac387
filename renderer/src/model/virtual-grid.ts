/**
 * Window arithmetic for a virtualised grid of equal tiles: which rows of a scrolled list are on
 * screen, so only those are rendered however large the fleet is.
 */

export interface GridShape {
  readonly columns: number;
  /** Tile width in px, stretched so the columns fill the width exactly. */
  readonly tileWidth: number;
}

/** As many columns of at least `minTileWidth` as fit, never fewer than one. */
export function gridShape(containerWidth: number, minTileWidth: number, gap: number): GridShape {
  const width = Math.max(0, containerWidth);
  const columns = Math.max(1, Math.floor((width + gap) / (minTileWidth + gap)));
  const tileWidth = Math.max(0, (width - gap * (columns - 1)) / columns);
  return { columns, tileWidth };
}

export interface WindowInput {
  readonly itemCount: number;
  readonly columns: number;
  /** Tile height plus the gap below it. */
  readonly rowPitch: number;
  /** Scroll offset of the viewport's top edge, relative to the grid's top edge (may be negative). */
  readonly viewportTop: number;
  readonly viewportHeight: number;
  /** Extra rows rendered above and below, so a quick scroll does not show blank space. */
  readonly overscanRows: number;
}

export interface GridWindow {
  readonly rowCount: number;
  readonly firstRow: number;
  /** Exclusive. */
  readonly endRow: number;
  readonly startIndex: number;
  /** Exclusive. */
  readonly endIndex: number;
  /** Height of the whole grid, px, so the scrollbar is true. */
  readonly totalHeight: number;
}

export function gridWindow(input: WindowInput): GridWindow {
  const columns = Math.max(1, Math.floor(input.columns));
  const count = Math.max(0, Math.floor(input.itemCount));
  const pitch = Math.max(1, input.rowPitch);
  const rowCount = Math.ceil(count / columns);
  const totalHeight = rowCount * pitch;
  if (rowCount === 0) return { rowCount, firstRow: 0, endRow: 0, startIndex: 0, endIndex: 0, totalHeight: 0 };
  const top = Math.max(0, input.viewportTop);
  const bottom = Math.max(top, input.viewportTop + Math.max(0, input.viewportHeight));
  const overscan = Math.max(0, Math.floor(input.overscanRows));
  const firstVisible = Math.min(rowCount, Math.floor(top / pitch));
  const endVisible = Math.min(rowCount, Math.ceil(bottom / pitch));
  const firstRow = Math.max(0, Math.min(firstVisible, rowCount - 1) - overscan);
  const endRow = Math.min(rowCount, Math.max(endVisible, firstRow + 1) + overscan);
  return {
    rowCount,
    firstRow,
    endRow,
    startIndex: firstRow * columns,
    endIndex: Math.min(count, endRow * columns),
    totalHeight,
  };
}

/** The scroll offset that brings row `row` fully into view, or null when it already is. */
export function scrollToRevealRow(row: number, rowPitch: number, tileHeight: number, viewportTop: number, viewportHeight: number): number | null {
  const top = row * rowPitch;
  const bottom = top + tileHeight;
  if (top < viewportTop) return top;
  if (bottom > viewportTop + viewportHeight) return bottom - viewportHeight;
  return null;
}
