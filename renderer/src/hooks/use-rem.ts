import { useSyncExternalStore } from 'react';

// Pixels per rem for the whole page, read once per resize rather than on every render: the wall
// display scales its type with the screen width, and the virtualised views size rows by it.

let cached = 0;
const listeners = new Set<() => void>();

function measure(): number {
  const size = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}

function onResize(): void {
  const next = measure();
  if (next === cached) return;
  cached = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('resize', onResize);
  listeners.add(listener);
  // The wall switches the root size when it mounts; take the current one.
  queueMicrotask(onResize);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('resize', onResize);
  };
}

function snapshot(): number {
  if (cached === 0) cached = measure();
  return cached;
}

export function useRemPx(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
