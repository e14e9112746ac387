// The keys that move a roving focus through a virtualised list or grid of items, as arithmetic on
// the focused item's index, apart from React so it can be tested on its own.

export interface RovingLayout {
  readonly count: number;
  readonly columns: number;
  /** Whole rows in view, at least one: how far PageUp and PageDown move. */
  readonly pageRows: number;
  /** Whether ArrowLeft and ArrowRight move between items (a grid), or are left to the page (a list). */
  readonly across: boolean;
}

/** The index `key` moves the focus to from `focus`, kept within the items; null for a key that does not move it. */
export function rovingTarget(key: string, focus: number, layout: RovingLayout): number | null {
  const { count, columns, pageRows, across } = layout;
  let next: number;
  switch (key) {
    case 'ArrowRight':
      if (!across) return null;
      next = focus + 1;
      break;
    case 'ArrowLeft':
      if (!across) return null;
      next = focus - 1;
      break;
    case 'ArrowDown':
      next = focus + columns;
      break;
    case 'ArrowUp':
      next = focus - columns;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    case 'PageDown':
      next = focus + columns * pageRows;
      break;
    case 'PageUp':
      next = focus - columns * pageRows;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(count - 1, next));
}
