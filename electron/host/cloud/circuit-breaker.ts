// The roadmap's circuit breaker around every cloud call: after 3 failures in a row it opens and
// refuses calls without touching the network; after 30 s it lets one trial call through
// (half-open); that call's success closes it, its failure opens it for another 30 s. The console
// never waits on a cloud that is known to be down.

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly at: number;
  /** The failure that opened it (to: open), else null. */
  readonly error: string | null;
}

export interface BreakerOptions {
  /** Failures in a row that open the breaker (default 3). */
  readonly failureThreshold?: number;
  /** How long it stays open before a trial call (default 30 s). */
  readonly openMs?: number;
  readonly now?: () => number;
  /** Whether an error means the endpoint failed; errors about one request (a refused item) do not. */
  readonly isFailure?: (error: unknown) => boolean;
  readonly onTransition?: (transition: BreakerTransition) => void;
}

export interface BreakerSnapshot {
  readonly state: BreakerState;
  readonly consecutive_failures: number;
  /** When it last opened (console clock), or null if it has not. */
  readonly opened_at: number | null;
  /** When an open breaker lets the next trial through; null unless open. */
  readonly retry_at: number | null;
  readonly last_error: string | null;
}

/** Thrown instead of calling while the breaker is open (or a half-open trial is under way). */
export class BreakerOpenError extends Error {
  constructor(readonly retryAtMs: number | null) {
    super('the cloud link is paused after repeated failures (circuit breaker open)');
    this.name = 'BreakerOpenError';
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

export const DEFAULT_FAILURE_THRESHOLD = 3;
export const DEFAULT_OPEN_MS = 30_000;

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private lastError: string | null = null;
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly now: () => number;
  private readonly isFailure: (error: unknown) => boolean;
  private readonly onTransition: ((transition: BreakerTransition) => void) | undefined;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.openMs = options.openMs ?? DEFAULT_OPEN_MS;
    this.now = options.now ?? Date.now;
    this.isFailure = options.isFailure ?? ((): boolean => true);
    this.onTransition = options.onTransition;
  }

  /** The state now; an open breaker whose time is up reads as half-open. */
  state(): BreakerState {
    if (this.current === 'open' && this.openedAt !== null && this.now() - this.openedAt >= this.openMs) {
      this.move('half_open', null);
    }
    return this.current;
  }

  /** True when a call made now would go to the network. */
  allows(): boolean {
    const state = this.state();
    return state === 'closed' || (state === 'half_open' && !this.trialInFlight);
  }

  /** When an open breaker will let a trial through (console clock); null when not open. */
  retryAt(): number | null {
    return this.state() === 'open' && this.openedAt !== null ? this.openedAt + this.openMs : null;
  }

  snapshot(): BreakerSnapshot {
    const state = this.state();
    return {
      state,
      consecutive_failures: this.failures,
      opened_at: this.openedAt,
      retry_at: this.retryAt(),
      last_error: this.lastError,
    };
  }

  /** Runs `call` through the breaker, or throws BreakerOpenError without running it. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state();
    if (state === 'open' || (state === 'half_open' && this.trialInFlight)) throw new BreakerOpenError(this.retryAt());
    const trial = state === 'half_open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (error) {
      if (this.isFailure(error)) this.failed(error);
      else this.succeeded();
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private succeeded(): void {
    this.failures = 0;
    if (this.current !== 'closed') this.move('closed', null);
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.lastError = errorText(error);
    if (this.current === 'half_open' || (this.current === 'closed' && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      this.move('open', this.lastError);
    }
  }

  private move(to: BreakerState, error: string | null): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.onTransition?.({ from, to, at: this.now(), error });
  }
}
