import type { ScoringView } from '../../../shared/protocol/scoring-view';
import type { GaugeSet } from '../model/gauges';
import { gaugeDefinitions } from '../model/gauges';
import { useConsoleStore } from './store';

/** The thresholds the host scores with now; a component re-renders when a supervisor changes them. */
export function useScoring(): ScoringView {
  return useConsoleStore((state) => state.scoring);
}

/** The gauges against the thresholds in effect (one set shared by every gauge on the screen). */
export function useGauges(): GaugeSet {
  return gaugeDefinitions(useScoring().thresholds);
}
