import { useEffect, useState } from 'react';

function rootFontPx(): number {
  const size = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}

/** Pixels per rem, kept current: the wall display scales its type with the screen width. */
export function useRemPx(): number {
  const [rem, setRem] = useState(rootFontPx);
  useEffect(() => {
    const update = (): void => setRem(rootFontPx());
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return rem;
}
