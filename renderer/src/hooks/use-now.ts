import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;

// One ticker for every relative time on screen, so thousands of cells advance in one render.
const listeners = new Set<() => void>();
let now = Date.now();
let ticker: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (ticker === null) {
    now = Date.now();
    ticker = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker !== null) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

function snapshot(): number {
  return now;
}

/** The console clock in epoch ms, advancing once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
