import type { Rng } from '../prng';
import type { DeviceProfile } from '../types';

/**
 * How a scenario bends a device's physics at one moment. Every field is optional and neutral when
 * absent; the physics model turns it into consistent readings (current → power → heat), so scenarios
 * describe causes, not the reported numbers.
 */
export interface ScenarioEffect {
  /** Multiplies the normal load current. */
  readonly loadFactor?: number;
  /** Added to the load current (A). */
  readonly extraCurrentA?: number;
  /** Added to the load's power factor (negative: more reactive). */
  readonly powerFactorDelta?: number;
  /** Added to the supply voltage (V). */
  readonly voltDeltaV?: number;
  /** How much further the period's minimum voltage falls below the mean (V). */
  readonly voltLowDipV?: number;
  /** The supply is gone: voltage and current collapse to zero. */
  readonly supplyInterrupted?: boolean;
  /** Added to total and resistive leakage (mA). */
  readonly zctAddMa?: number;
  readonly rzctAddMa?: number;
  /** Added to the steady-state temperatures (°C); the thermal lag turns it into a climb. */
  readonly pcbRiseC?: number;
  readonly sensorRiseC?: number;
  /** Added to the room temperature around the board (°C); both sensors feel it. */
  readonly ambientRiseC?: number;
  readonly coAddPpm?: number;
  readonly vocAdd?: number;
  /** Expected arcs per minute. */
  readonly arcsPerMin?: number;
  /** `error`: report with status ≥ 4096; `silent`: do not report at all. */
  readonly comm?: 'ok' | 'error' | 'silent';
  /** A broken sensor: the reported value, whatever the real temperature. */
  readonly pcbTempReading?: number;
  readonly sensorTempReading?: number;
}

/** The episode a scenario runs in: fixed numbers drawn once, so a device's run is self-consistent. */
export interface ScenarioEpisode {
  /** Seconds the episode lasts; Infinity when forced for the whole run. */
  readonly durationS: number;
  /** 0…1, strength; below 1 for neighbours of a zone-heating source. */
  readonly intensity: number;
  /** Uniform [0, 1), picks the variant (how hot, which sensor breaks). */
  readonly variant: number;
}

export interface ScenarioDevice {
  readonly profile: DeviceProfile;
  readonly episode: ScenarioEpisode;
}

/** A scenario: a pure function of the device, the seconds since the episode began and randomness. */
export type Scenario = (device: ScenarioDevice, elapsedS: number, rng: Rng) => ScenarioEffect;
