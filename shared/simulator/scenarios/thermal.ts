import type { Scenario } from './types';
import { byVariant, linear, ramp } from './shape';

/**
 * A terminal whose contact resistance grows: I²R heat at the connection climbs over ~20 minutes
 * (accelerating, as oxidation feeds on heat), the terminal sensor heads for 70–90 °C, the board
 * follows, and once the contact is bad enough it starts to arc and to drop voltage intermittently.
 */
export const looseConnection: Scenario = ({ episode }, elapsedS, rng) => {
  const damage = Math.pow(linear(elapsedS, 0, 1200), 1.5) * episode.intensity;
  const sensorRiseC = byVariant(episode.variant, 48, 58) * damage;
  const arcing = Math.max(0, (damage - 0.35) / 0.65);
  return {
    sensorRiseC,
    pcbRiseC: 0.8 * sensorRiseC,
    arcsPerMin: arcing > 0 ? 8 * arcing * (0.5 + rng.next()) : 0,
    voltLowDipV: 6 * damage * rng.next(),
    loadFactor: 1 - 0.03 * damage * rng.next(),
  };
};

/**
 * Insulation smouldering near the board: VOC from the heated plastic first, CO as the pyrolysis
 * deepens, over ~15–20 minutes; temperatures rise only moderately (no open flame yet).
 */
export const smouldering: Scenario = ({ episode }, elapsedS, rng) => {
  const k = episode.intensity;
  return {
    vocAdd: byVariant(episode.variant, 600, 1200) * ramp(elapsedS, 0, 900) * k * (1 + 0.04 * rng.normal()),
    coAddPpm: byVariant(episode.variant, 28, 45) * ramp(elapsedS, 60, 1200) * k * (1 + 0.04 * rng.normal()),
    sensorRiseC: 14 * ramp(elapsedS, 0, 1200) * k,
    pcbRiseC: 7 * ramp(elapsedS, 0, 1200) * k,
  };
};

/**
 * The room itself heats (failed ventilation, a fire next door): every board near the source feels
 * it, the nearest most; the planner gives neighbours the same episode at a lower intensity.
 */
export const zoneHeating: Scenario = ({ episode }, elapsedS) => ({
  ambientRiseC: byVariant(episode.variant, 38, 50) * episode.intensity * ramp(elapsedS, 0, 1500),
});
