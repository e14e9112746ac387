import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { ElementSize } from './use-element-size';
import { useElementSize } from './use-element-size';
import type { VirtualRange } from './virtual-range';
import { revealRowScrollTop, virtualRange } from './virtual-range';

export interface VirtualWindowOptions {
  readonly itemCount: number;
  /** Columns that fit the box's width, for a grid of tiles; a list has one. */
  readonly columns?: (width: number) => number;
  /** Row height plus the gap below it, px. */
  readonly rowPitch: number;
  /** What sits above the first row inside the scroll box (a sticky table head), px. */
  readonly headHeight?: number;
  /** Rows rendered beyond each edge of the viewport, so a quick scroll shows no gap. */
  readonly overscanRows: number;
  /** The viewport height assumed until the box is measured, px. */
  readonly unmeasuredHeight?: number;
}

export interface VirtualWindow {
  /** For the scroll box, with `onScroll`. */
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly onScroll: () => void;
  readonly size: ElementSize;
  readonly range: VirtualRange;
  /** Scrolls the box just enough to show row `row` (`rowHeight` tall) whole, below the head. */
  revealRow(row: number, rowHeight: number): void;
}

/**
 * The rows of a scroll box that are on screen (and a margin), so only those are rendered however
 * many items there are. Scroll positions are taken once a frame, not on every scroll event.
 */
export function useVirtualWindow(options: VirtualWindowOptions): VirtualWindow {
  const scrollRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(scrollRef);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef<number | null>(null);
  const headHeight = options.headHeight ?? 0;

  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setScrollTop(scrollRef.current?.scrollTop ?? 0);
    });
  }, []);
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  const range = virtualRange({
    itemCount: options.itemCount,
    columns: options.columns?.(size.width) ?? 1,
    rowPitch: options.rowPitch,
    scrollTop,
    headHeight,
    viewportHeight: size.height > 0 ? size.height : (options.unmeasuredHeight ?? 0),
    overscanRows: options.overscanRows,
  });

  const revealRow = (row: number, rowHeight: number): void => {
    const element = scrollRef.current;
    if (element === null) return;
    const reveal = revealRowScrollTop(row, options.rowPitch, rowHeight, element.scrollTop, element.clientHeight, headHeight);
    if (reveal === null) return;
    element.scrollTop = reveal;
    setScrollTop(element.scrollTop);
  };

  return { scrollRef, onScroll, size, range, revealRow };
}
