import type { ScoringConfig } from '../scoring/config';
import type { SettingsSection, ThresholdSettingsView } from './settings-types';

/**
 * What the screens draw against: the scoring engine's thresholds and risk-level cut-offs in effect.
 * A supervisor changes the thresholds while the console runs, so the host reports them (in
 * `health.get` and the `settings.changed` event) rather than the screen assuming the defaults.
 */

/** The risk score's level boundaries (settings.json `scoring.levels`). */
export interface RiskLevelsView {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
}

export interface ScoringView {
  readonly thresholds: ThresholdSettingsView;
  readonly levels: RiskLevelsView;
}

/** `settings.changed`: a settings section was saved; `scoring` is what the engine scores with now. */
export interface SettingsChangedEvent {
  readonly section: SettingsSection;
  /** True when the change is in effect now; false when it waits for a restart. */
  readonly applied: boolean;
  readonly restart_required: ReadonlyArray<SettingsSection>;
  readonly scoring: ScoringView;
}

export function scoringView(config: Pick<ScoringConfig, 'thresholds' | 'levels'>): ScoringView {
  const t = config.thresholds;
  const l = config.levels;
  return {
    thresholds: {
      temperatureC: { critical: t.temperatureC.critical, high: t.temperatureC.high, medium: t.temperatureC.medium },
      overvoltageV: t.overvoltageV,
      undervoltageV: t.undervoltageV,
      overcurrentA: t.overcurrentA,
      leakageMa: t.leakageMa,
      coPpm: t.coPpm,
      vocUgM3: t.vocUgM3,
      powerFactorMin: t.powerFactorMin,
    },
    levels: { critical: l.critical, high: l.high, medium: l.medium, low: l.low },
  };
}

/** Same numbers: a screen keeps its object (and what it derived from it) when a report repeats them. */
export function sameScoringView(a: ScoringView, b: ScoringView): boolean {
  const ta = a.thresholds;
  const tb = b.thresholds;
  return (
    ta.temperatureC.critical === tb.temperatureC.critical &&
    ta.temperatureC.high === tb.temperatureC.high &&
    ta.temperatureC.medium === tb.temperatureC.medium &&
    ta.overvoltageV === tb.overvoltageV &&
    ta.undervoltageV === tb.undervoltageV &&
    ta.overcurrentA === tb.overcurrentA &&
    ta.leakageMa === tb.leakageMa &&
    ta.coPpm === tb.coPpm &&
    ta.vocUgM3 === tb.vocUgM3 &&
    ta.powerFactorMin === tb.powerFactorMin &&
    a.levels.critical === b.levels.critical &&
    a.levels.high === b.levels.high &&
    a.levels.medium === b.levels.medium &&
    a.levels.low === b.levels.low
  );
}
