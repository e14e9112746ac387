import type { StateCreator } from 'zustand';
import type { ScoringView } from '../../../shared/protocol/scoring-view';
import { sameScoringView, scoringView } from '../../../shared/protocol/scoring-view';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config';
import type { ConsoleState } from './console-state';

/** Until the host has said (its first health report), the engine's built-in thresholds. */
export const DEFAULT_SCORING_VIEW: ScoringView = scoringView(DEFAULT_SCORING_CONFIG);

export interface ScoringSlice {
  /**
   * The thresholds and level cut-offs the host scores with now: gauges, chart lines and zone bands
   * are drawn against these, so they match what raises alarms after a supervisor changes them.
   */
  readonly scoring: ScoringView;
  setScoring(scoring: ScoringView): void;
}

export const createScoringSlice: StateCreator<ConsoleState, [], [], ScoringSlice> = (set) => ({
  scoring: DEFAULT_SCORING_VIEW,
  // Health repeats the same numbers every few seconds: the object (and all drawn from it) is kept.
  setScoring: (scoring) => set((state) => (sameScoringView(state.scoring, scoring) ? state : { scoring })),
});
