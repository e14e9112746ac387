import type { HistoryReading, ScoreOutcome, ScoringConfig, ScoringEngine } from '../../../shared/scoring';
import { continuesHistory, createScoringEngine } from '../../../shared/scoring';

// A scoring engine whose settings a supervisor can change while the console runs (the settings
// screen's thresholds). The shared engine fixes its configuration when it is made, so a change
// makes a new engine. It takes over the running engine's device histories in memory (a threshold
// change leaves them as they are), so the change costs nothing and ingest does not pause; only a
// change of the history settings themselves has the histories read back from the store. Either
// way the next reading of every device scores as in an unbroken run, with the new thresholds.

export interface LiveScoringEngine extends ScoringEngine {
  /** Throws a ScoringConfigError (naming the field) and keeps the current engine when the override cannot be used. */
  reconfigure(override: unknown): ScoringConfig;
}

export function createLiveScoringEngine(
  override: unknown,
  /** Seeds a new engine's device histories when it cannot take them over (the store's restore). */
  restoreHistory: (engine: ScoringEngine) => void = () => {},
): LiveScoringEngine {
  let current = createScoringEngine({ config: override as never });
  return {
    get config(): ScoringConfig {
      return current.config;
    },
    scoreLine: (line: string): ScoreOutcome => current.scoreLine(line),
    scoreMessage: (message: unknown): ScoreOutcome => current.scoreMessage(message),
    forgetDevice: (deviceId: string): void => current.forgetDevice(deviceId),
    restoreHistory: (deviceId: string, readings: Iterable<HistoryReading>): void => current.restoreHistory(deviceId, readings),
    historySize: (deviceId: string): number => current.historySize(deviceId),
    reset: (): void => current.reset(),
    reconfigure(next: unknown): ScoringConfig {
      const engine = createScoringEngine({ config: next as never, continueFrom: current });
      if (!continuesHistory(engine, current)) restoreHistory(engine);
      current = engine;
      return engine.config;
    },
  };
}
