import type { Scenario } from './types';

/** How many reports carry the communication-error flag before the device goes silent. */
export const COMM_ERROR_REPORTS = 3;

/**
 * The device's link fails: a few reports flagged with status ≥ 4096, then nothing until the
 * episode ends. Counted in the device's own periods so that exactly COMM_ERROR_REPORTS are sent.
 */
export const commLoss: Scenario = ({ profile }, elapsedS) => {
  const periodS = profile.periodMs / 1000;
  return { comm: elapsedS < COMM_ERROR_REPORTS * periodS ? 'error' : 'silent' };
};

/**
 * A broken temperature sensor, as an NTC input fails: open circuit reads at the bottom of the range
 * (-40 °C), a short at the top (150 °C). The variant picks which sensor and which failure.
 */
export const sensorFault: Scenario = ({ episode }) => {
  const v = episode.variant;
  if (v < 0.25) return { pcbTempReading: -40 };
  if (v < 0.5) return { pcbTempReading: 150 };
  if (v < 0.75) return { sensorTempReading: -40 };
  return { sensorTempReading: 150 };
};
