import type { GridWindow } from '../model/virtual-grid';
import { gridWindow, scrollToRevealRow } from '../model/virtual-grid';

// The arithmetic behind a virtualised list or grid in a scroll box, apart from React so it can be
// tested on its own: which rows to render, how tall the spacers standing for the others are, and
// how far to scroll to show a row whole.

export interface VirtualRangeInput {
  readonly itemCount: number;
  readonly columns: number;
  /** Row height plus the gap below it, px. */
  readonly rowPitch: number;
  /** The scroll box's scrollTop, px. */
  readonly scrollTop: number;
  /** What sits above the first row inside the scroll box (a sticky table head), px. */
  readonly headHeight: number;
  readonly viewportHeight: number;
  readonly overscanRows: number;
}

export interface VirtualRange extends GridWindow {
  /** Height of the rows before the first rendered one, px (a spacer above them keeps the scrollbar true). */
  readonly spaceAbove: number;
  /** Height of the rows after the last rendered one, px. */
  readonly spaceBelow: number;
  /** Whole rows that fit in the viewport below the head, at least one (a PageDown's worth). */
  readonly pageRows: number;
}

export function virtualRange(input: VirtualRangeInput): VirtualRange {
  const win = gridWindow({
    itemCount: input.itemCount,
    columns: input.columns,
    rowPitch: input.rowPitch,
    viewportTop: input.scrollTop - input.headHeight,
    viewportHeight: input.viewportHeight,
    overscanRows: input.overscanRows,
  });
  const pitch = Math.max(1, input.rowPitch);
  return {
    ...win,
    spaceAbove: win.firstRow * pitch,
    spaceBelow: (win.rowCount - win.endRow) * pitch,
    pageRows: Math.max(1, Math.floor((input.viewportHeight - input.headHeight) / pitch)),
  };
}

/**
 * The scrollTop that brings row `row` (`rowHeight` tall) fully into view below the head, or null
 * when it already is.
 */
export function revealRowScrollTop(row: number, rowPitch: number, rowHeight: number, scrollTop: number, clientHeight: number, headHeight: number): number | null {
  return scrollToRevealRow(row, rowPitch, rowHeight, scrollTop, clientHeight - headHeight);
}
