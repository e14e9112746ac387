import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * Focus that follows a keyboard move in a virtualised box: the item to focus may not be rendered
 * yet, so the request waits until an element matching `selector` exists inside `container`.
 * Returns the function that makes the request (call it with the new item's state update).
 */
export function usePendingFocus(container: RefObject<HTMLElement | null>, selector: string): () => void {
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current) return;
    const target = container.current?.querySelector<HTMLElement>(selector);
    if (target) {
      pending.current = false;
      target.focus({ preventScroll: true });
    }
  });
  return () => {
    pending.current = true;
  };
}
