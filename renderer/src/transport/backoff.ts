export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Fraction of the delay randomised either way, so many wall displays do not redial in step. */
  readonly jitter: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, factor: 2, jitter: 0.2 };

/** The wait before redial number `attempt` (0 for the first after a loss), never above the policy's maximum. */
export function backoffDelay(attempt: number, random: () => number = Math.random, policy: BackoffPolicy = RECONNECT_BACKOFF): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  const spread = 1 - policy.jitter + 2 * policy.jitter * Math.min(1, Math.max(0, random()));
  return Math.round(Math.min(policy.maxMs, base * spread));
}
