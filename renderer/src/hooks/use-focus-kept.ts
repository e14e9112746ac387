import { useEffect, useRef } from 'react';
import type { FocusEvent, RefObject } from 'react';

export interface FocusKeeper {
  readonly onFocus: () => void;
  readonly onBlur: (event: FocusEvent<HTMLElement>) => void;
}

/**
 * Keeps keyboard focus in a live, virtualised box when the item that held it goes away: the fleet
 * re-sorts and the focused device leaves the rendered rows, so its element is removed and the
 * browser drops focus to the page, where the operator's next arrow key would do nothing. Focus then
 * goes to the element at the focused position (`selector`), or to the box itself. Focus the
 * operator takes elsewhere (Tab, a click outside) stays where it went.
 */
export function useFocusKept(container: RefObject<HTMLElement | null>, selector: string): FocusKeeper {
  const within = useRef(false);
  const selectorRef = useRef(selector);
  selectorRef.current = selector;

  const restoreIfDropped = (): void => {
    const box = container.current;
    if (!within.current || box === null) return;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    (box.querySelector<HTMLElement>(selectorRef.current) ?? box).focus({ preventScroll: true });
  };

  useEffect(() => {
    const onPointerDown = (event: PointerEvent): void => {
      if (!(container.current?.contains(event.target as Node) ?? false)) within.current = false;
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [container]);

  // An element removed by a render may take focus with it without any blur event.
  useEffect(restoreIfDropped);

  return {
    onFocus: () => {
      within.current = true;
    },
    onBlur: (event) => {
      const next = event.relatedTarget as Node | null;
      if (next !== null) {
        if (!(container.current?.contains(next) ?? false)) within.current = false;
        return;
      }
      // No new target: the element is going away, or the window lost focus (then nothing is dropped).
      requestAnimationFrame(restoreIfDropped);
    },
  };
}
