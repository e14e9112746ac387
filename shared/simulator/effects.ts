import type { ScenarioEffect } from './scenarios/types';

type NumericKey = {
  [K in keyof ScenarioEffect]-?: NonNullable<ScenarioEffect[K]> extends number ? K : never;
}[keyof ScenarioEffect];

/** Fields that add up when two causes act at once (a smouldering board in a heating room). */
const ADDITIVE: ReadonlyArray<Exclude<NumericKey, 'loadFactor' | 'pcbTempReading' | 'sensorTempReading'>> = [
  'extraCurrentA',
  'powerFactorDelta',
  'voltDeltaV',
  'voltLowDipV',
  'zctAddMa',
  'rzctAddMa',
  'pcbRiseC',
  'sensorRiseC',
  'ambientRiseC',
  'coAddPpm',
  'vocAdd',
  'arcsPerMin',
];

const COMM_RANK = { ok: 0, error: 1, silent: 2 } as const;

/** One effect from several: sums, products for factors, the worst link state, the first broken sensor. */
export function combineEffects(effects: ReadonlyArray<ScenarioEffect>): ScenarioEffect {
  if (effects.length === 1 && effects[0]) return effects[0];
  const sums: Partial<Record<NumericKey, number>> = {};
  let loadFactor = 1;
  let comm: NonNullable<ScenarioEffect['comm']> = 'ok';
  let supplyInterrupted = false;
  let pcbTempReading: number | undefined;
  let sensorTempReading: number | undefined;
  for (const e of effects) {
    for (const key of ADDITIVE) {
      const v = e[key];
      if (v !== undefined) sums[key] = (sums[key] ?? 0) + v;
    }
    if (e.loadFactor !== undefined) loadFactor *= e.loadFactor;
    if (e.comm && COMM_RANK[e.comm] > COMM_RANK[comm]) comm = e.comm;
    supplyInterrupted ||= e.supplyInterrupted === true;
    pcbTempReading ??= e.pcbTempReading;
    sensorTempReading ??= e.sensorTempReading;
  }
  return {
    ...sums,
    loadFactor,
    comm,
    supplyInterrupted,
    ...(pcbTempReading !== undefined ? { pcbTempReading } : {}),
    ...(sensorTempReading !== undefined ? { sensorTempReading } : {}),
  };
}
