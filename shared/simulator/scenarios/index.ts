import { arcBurst, overcurrent, risingLeakage, voltageSag, voltageSwell } from './electrical';
import { commLoss, sensorFault } from './faults';
import { looseConnection, smouldering, zoneHeating } from './thermal';
import type { Scenario } from './types';

export type { Scenario, ScenarioDevice, ScenarioEffect, ScenarioEpisode } from './types';
export { COMM_ERROR_REPORTS } from './faults';

export const SCENARIO_NAMES = [
  'normal',
  'loose-connection',
  'arc-burst',
  'rising-leakage',
  'smouldering',
  'overcurrent',
  'voltage-sag',
  'voltage-swell',
  'comm-loss',
  'sensor-fault',
  'zone-heating',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioEntry {
  readonly run: Scenario;
  /** How long an episode lasts when the mix schedules it (seconds, min–max). */
  readonly mixDurationS: readonly [number, number];
}

const normal: Scenario = () => ({});

/** Durations are long enough for the scenario to reach its alarms through the thermal lag. */
export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioEntry>> = {
  normal: { run: normal, mixDurationS: [600, 1200] },
  'loose-connection': { run: looseConnection, mixDurationS: [1800, 2400] },
  'arc-burst': { run: arcBurst, mixDurationS: [240, 480] },
  'rising-leakage': { run: risingLeakage, mixDurationS: [1500, 2100] },
  smouldering: { run: smouldering, mixDurationS: [1500, 2100] },
  overcurrent: { run: overcurrent, mixDurationS: [420, 720] },
  'voltage-sag': { run: voltageSag, mixDurationS: [180, 360] },
  'voltage-swell': { run: voltageSwell, mixDurationS: [240, 480] },
  'comm-loss': { run: commLoss, mixDurationS: [300, 900] },
  'sensor-fault': { run: sensorFault, mixDurationS: [600, 1200] },
  'zone-heating': { run: zoneHeating, mixDurationS: [1800, 2400] },
};

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as ReadonlyArray<string>).includes(value);
}
