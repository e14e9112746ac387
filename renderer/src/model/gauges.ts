import type { DeviceSummary } from '../../../shared/protocol/api-types';
import type { ThresholdSettingsView } from '../../../shared/protocol/settings-types';

/**
 * The device wall's gauges: each measure on a fixed scale with the scoring engine's threshold, so
 * a tile says at a glance how close a board is to the line that raises its risk. The thresholds
 * are the ones the host scores with now (the store's `scoring`), which a supervisor may change live.
 */

export const GAUGE_IDS = ['temperature', 'current', 'leakage', 'co', 'voc', 'power_factor'] as const;
export type GaugeId = (typeof GAUGE_IDS)[number];

export type GaugeLevel = 'none' | 'ok' | 'warn' | 'alarm';

export interface GaugeDefinition {
  readonly id: GaugeId;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** The engine's threshold on this measure. */
  readonly threshold: number;
  /** `above`: a value above the threshold is bad; `below`: one below it (power factor). */
  readonly bad: 'above' | 'below';
  /** Where the warning band begins. */
  readonly warnAt: number;
  readonly decimals: number;
}

export type GaugeSet = { readonly [G in GaugeId]: GaugeDefinition };

function buildGauges(T: ThresholdSettingsView): GaugeSet {
  return {
    temperature: { id: 'temperature', unit: '°C', min: 0, max: 100, threshold: T.temperatureC.critical, bad: 'above', warnAt: T.temperatureC.high, decimals: 1 },
    current: { id: 'current', unit: 'A', min: 0, max: 125, threshold: T.overcurrentA, bad: 'above', warnAt: T.overcurrentA * 0.8, decimals: 1 },
    leakage: { id: 'leakage', unit: 'mA', min: 0, max: 15, threshold: T.leakageMa, bad: 'above', warnAt: T.leakageMa * 0.75, decimals: 1 },
    co: { id: 'co', unit: 'ppm', min: 0, max: 50, threshold: T.coPpm, bad: 'above', warnAt: T.coPpm * 0.7, decimals: 0 },
    voc: { id: 'voc', unit: 'µg/m³', min: 0, max: 1200, threshold: T.vocUgM3, bad: 'above', warnAt: T.vocUgM3 * 0.75, decimals: 0 },
    power_factor: { id: 'power_factor', unit: '', min: 0.5, max: 1, threshold: T.powerFactorMin, bad: 'below', warnAt: T.powerFactorMin + (1 - T.powerFactorMin) * 0.3, decimals: 2 },
  };
}

// A wall draws thousands of gauges against the same thresholds object: one set per object.
const gaugeSets = new WeakMap<ThresholdSettingsView, GaugeSet>();

/** The gauges drawn against these thresholds; the same object for the same thresholds object. */
export function gaugeDefinitions(thresholds: ThresholdSettingsView): GaugeSet {
  let set = gaugeSets.get(thresholds);
  if (set === undefined) {
    set = buildGauges(thresholds);
    gaugeSets.set(thresholds, set);
  }
  return set;
}

export function gaugeLevel(def: GaugeDefinition, value: number | null | undefined): GaugeLevel {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'none';
  if (def.bad === 'above') return value > def.threshold ? 'alarm' : value >= def.warnAt ? 'warn' : 'ok';
  return value < def.threshold ? 'alarm' : value < def.warnAt ? 'warn' : 'ok';
}

/** 0…1 along the gauge's scale, clamped; a missing value is 0. */
export function gaugeFraction(def: GaugeDefinition, value: number | null | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, (value - def.min) / (def.max - def.min)));
}

export function gaugeValue(device: Pick<DeviceSummary, 'temperature' | 'current' | 'readings'>, id: GaugeId): number | null {
  switch (id) {
    case 'temperature':
      return device.temperature;
    case 'current':
      return device.current;
    case 'leakage':
      return device.readings?.leakage_current ?? null;
    case 'co':
      return device.readings?.co ?? null;
    case 'voc':
      return device.readings?.voc ?? null;
    case 'power_factor':
      return device.readings?.power_factor ?? null;
  }
}

const LEVEL_RANK: { readonly [L in GaugeLevel]: number } = { none: 0, ok: 1, warn: 2, alarm: 3 };

/** The worst gauge of a device, for a tile's outline. */
export function worstGaugeLevel(device: Pick<DeviceSummary, 'temperature' | 'current' | 'readings'>, gauges: GaugeSet): GaugeLevel {
  let worst: GaugeLevel = 'none';
  for (const id of GAUGE_IDS) {
    const level = gaugeLevel(gauges[id], gaugeValue(device, id));
    if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
  }
  return worst;
}
