/**
 * Reconnect delays: exponential from 1 s to 60 s with full jitter, so a broker restart does not
 * bring every console back in the same instant (no reconnect storm).
 */
export interface Backoff {
  /** The delay before the next attempt; grows with each call. */
  next(): number;
  /** After a connection that stayed up: start again from the shortest delay. */
  reset(): void;
  attempts(): number;
}

export const BACKOFF_MIN_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;

export function createBackoff(random: () => number = Math.random, minMs = BACKOFF_MIN_MS, maxMs = BACKOFF_MAX_MS): Backoff {
  let attempt = 0;
  return {
    next(): number {
      const ceiling = Math.min(maxMs, minMs * 2 ** attempt);
      attempt += 1;
      // Never below the minimum: a zero delay would hammer a broker that refuses us.
      return Math.round(minMs + random() * (ceiling - minMs));
    },
    reset(): void {
      attempt = 0;
    },
    attempts: () => attempt,
  };
}
