import { createStreamAnalytics } from '../../../shared/analytics';
import type {
  AnalyticsConfigOverride,
  AnalyticsEvent,
  DeviceAnalyticsView,
  StreamAnalytics,
  ZoneDetailView,
  ZonesView,
} from '../../../shared/analytics';
import type { RegistryEntry } from '../../../shared/fleet/registry';
import type { ScoredReading } from '../../../shared/scoring';

/** How often the periodic work runs (console clock), and how many devices each run takes. */
export const ANALYTICS_PERIODIC_INTERVAL_MS = 5_000;
export const ANALYTICS_PERIODIC_SLICE = 2_000;
/** Events the runner keeps for the console, newest last. */
export const ANALYTICS_RECENT_EVENTS = 500;

/** What the service layer reads. */
export interface AnalyticsQueries {
  device(id: string): DeviceAnalyticsView | null;
  zones(): ZonesView;
  zone(id: string): ZoneDetailView | null;
  recentEvents(limit: number): ReadonlyArray<AnalyticsEvent>;
}

export interface AnalyticsRunner extends AnalyticsQueries {
  /** Called by the ingest pipeline for every scored reading. Never throws. */
  observe(reading: ScoredReading, receivedAtMs: number): void;
  /**
   * Rebuilds state from stored readings after a restart: windows, baselines and which conditions
   * already stand, so that an event that fired before the restart does not fire again. Events are
   * not emitted.
   */
  warmUp(reading: ScoredReading, receivedAtMs: number): void;
  applyRegistry(entries: ReadonlyArray<RegistryEntry>): void;
  /** One slice of the periodic work, as the timer runs it. */
  runPeriodic(): void;
  counters(): { readonly events: number; readonly errors: number; readonly devices: number; readonly memory_bytes: number };
  stop(): void;
}

export interface AnalyticsRunnerOptions {
  readonly config?: AnalyticsConfigOverride;
  readonly registry?: ReadonlyArray<RegistryEntry>;
  /** Every event as it fires (to the renderers, later the alarm layer). */
  readonly onEvent: (event: AnalyticsEvent) => void;
  /** Something the analytics could not do (the reading itself is already scored); null: the periodic work. */
  readonly onError?: (error: unknown, deviceId: string | null) => void;
  /** false: no timer (tests call runPeriodic themselves). Default true. */
  readonly timer?: boolean;
  readonly periodicIntervalMs?: number;
  readonly periodicSlice?: number;
}

/**
 * The stream analytics inside the host: fed every scored reading and registry update, it keeps
 * the per-device and per-zone state, hands each event to `onEvent`, runs the work that is not
 * done per reading (FFT periodicity, trimming) on an unref'd timer, and answers the service's
 * queries. All of it on one thread, between readings.
 */
export function createAnalyticsRunner(options: AnalyticsRunnerOptions): AnalyticsRunner {
  const analytics: StreamAnalytics = createStreamAnalytics({
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
  });
  const slice = options.periodicSlice ?? ANALYTICS_PERIODIC_SLICE;
  const recent: AnalyticsEvent[] = [];
  let events = 0;
  let errors = 0;

  const runPeriodic = (): void => {
    try {
      analytics.runPeriodic(slice);
    } catch (error) {
      errors += 1;
      options.onError?.(error, null);
    }
  };

  let timer: ReturnType<typeof setInterval> | null = null;
  if (options.timer !== false) {
    timer = setInterval(runPeriodic, options.periodicIntervalMs ?? ANALYTICS_PERIODIC_INTERVAL_MS);
    timer.unref();
  }

  return {
    observe(reading: ScoredReading, receivedAtMs: number): void {
      let fired: ReadonlyArray<AnalyticsEvent>;
      try {
        fired = analytics.observe(reading, receivedAtMs);
      } catch (error) {
        errors += 1;
        options.onError?.(error, reading.device_id);
        return;
      }
      for (const event of fired) {
        events += 1;
        recent.push(event);
        if (recent.length > ANALYTICS_RECENT_EVENTS) recent.splice(0, recent.length - ANALYTICS_RECENT_EVENTS);
        try {
          options.onEvent(event);
        } catch (error) {
          errors += 1;
          options.onError?.(error, reading.device_id);
        }
      }
    },
    warmUp(reading: ScoredReading, receivedAtMs: number): void {
      try {
        analytics.observe(reading, receivedAtMs);
      } catch (error) {
        errors += 1;
        options.onError?.(error, reading.device_id);
      }
    },
    applyRegistry(entries: ReadonlyArray<RegistryEntry>): void {
      analytics.applyRegistry(entries);
    },
    runPeriodic,
    device: (id) => analytics.device(id),
    zones: () => analytics.zones(),
    zone: (id) => analytics.zone(id),
    recentEvents(limit: number): ReadonlyArray<AnalyticsEvent> {
      return recent.slice(-limit).reverse();
    },
    counters: () => ({ events, errors, devices: analytics.deviceCount(), memory_bytes: analytics.memoryFootprint() }),
    stop(): void {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
