import type { Scenario } from './types';
import { byVariant, linear, ramp } from './shape';

/**
 * A load far beyond the circuit (a stalled motor): current ramps past 100 A within a minute with a
 * poor power factor; the physics model turns it into power above 20 kW and I²R heating.
 */
export const overcurrent: Scenario = ({ episode }, elapsedS) => {
  const on = ramp(elapsedS, 0, 60) * episode.intensity;
  return {
    loadFactor: 1 - 0.5 * on,
    extraCurrentA: byVariant(episode.variant, 105, 135) * on,
    powerFactorDelta: -byVariant(episode.variant, 0.1, 0.14) * on,
  };
};

/**
 * The supply sags to 180–190 V (the seed's low-voltage level is 190 V on voltLow) and, a minute
 * and a half in, drops out completely for a couple of reports.
 */
export const voltageSag: Scenario = ({ profile, episode }, elapsedS, rng) => {
  const periodS = profile.periodMs / 1000;
  const outageFromS = 90;
  const outageToS = outageFromS + Math.max(3, 2.5 * periodS);
  if (elapsedS >= outageFromS && elapsedS < outageToS) return { supplyInterrupted: true };
  const on = ramp(elapsedS, 0, 20) * episode.intensity;
  return {
    voltDeltaV: -byVariant(episode.variant, 30, 40) * on,
    voltLowDipV: (5 + 4 * rng.next()) * on,
  };
};

/** The supply swells to 240–250 V (above the seed's 234 V overvoltage level) and stays there. */
export const voltageSwell: Scenario = ({ episode }, elapsedS) => ({
  voltDeltaV: byVariant(episode.variant, 20, 30) * ramp(elapsedS, 0, 20) * episode.intensity,
});

/**
 * Bursts of arcing (a damaged cord, a failing switch): 15-second bursts every 40–90 s, each with
 * dozens of arcs per minute and voltage dips, and a little heat from the arcing itself.
 */
export const arcBurst: Scenario = ({ episode }, elapsedS, rng) => {
  const cycleS = byVariant(episode.variant, 40, 90);
  const inBurst = elapsedS % cycleS < 15;
  const heat = 6 * ramp(elapsedS, 0, 300) * episode.intensity;
  if (!inBurst) return { sensorRiseC: heat, pcbRiseC: heat / 2 };
  return {
    arcsPerMin: byVariant(episode.variant, 20, 45) * episode.intensity * (0.6 + 0.8 * rng.next()),
    voltLowDipV: 3 + 6 * rng.next(),
    sensorRiseC: heat,
    pcbRiseC: heat / 2,
  };
};

/**
 * Insulation degrading (moisture, ageing): total leakage climbs steadily past 8 mA over ~10 minutes,
 * its resistive part — the share that heats — follows a few minutes behind.
 */
export const risingLeakage: Scenario = ({ episode }, elapsedS, rng) => {
  const zctAddMa = byVariant(episode.variant, 12, 20) * linear(elapsedS, 0, 1200) * episode.intensity;
  return {
    zctAddMa: zctAddMa * (1 + 0.03 * rng.normal()),
    rzctAddMa: 0.8 * zctAddMa * linear(elapsedS, 180, 1500),
  };
};
