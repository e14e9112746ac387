import { createSimulation } from '../../../shared/simulator';
import type { DeviceReading, SimulationMessage, SimulationOptions } from '../../../shared/simulator';

export const START_MS = Date.parse('2026-03-01T09:00:00.000Z');

/**
 * The seed's alarm levels, written out again on purpose: if the simulator's constants drift from
 * the seed, these tests notice. (seeds/004: 234 V, 100 A, 8 mA, 60 °C, 17 ppm, 400 µg/m³, PF 0.9,
 * any arc; the outage, power and PF-gating levels are the simulator's documented choices.)
 */
export const SEED_LEVELS = {
  overvoltageV: 234,
  outageVoltLowV: 22,
  overcurrentA: 100,
  leakageMa: 8,
  resistiveLeakageMa: 8,
  powerKw: 20,
  pcbTempC: 60,
  sensorTempC: 60,
  coPpm: 17,
  vocUgM3: 400,
  powerFactor: 0.9,
  powerFactorMinCurrentA: 0.5,
} as const;

/** The bits a reading's values imply, computed independently of the simulator. */
export function impliedBits(r: DeviceReading): number {
  const L = SEED_LEVELS;
  const on = [
    r.volt > L.overvoltageV,
    r.voltLow < L.outageVoltLowV,
    r.ct > L.overcurrentA,
    r.zct > L.leakageMa,
    r.rzct > L.resistiveLeakageMa,
    r.pwr > L.powerKw,
    r.pcbTemp > L.pcbTempC,
    r.sensorTemp > L.sensorTempC,
    r.co > L.coPpm,
    r.voc > L.vocUgM3,
    r.ct >= L.powerFactorMinCurrentA && r.pFct < L.powerFactor,
    r.aArc >= 1,
  ];
  return on.reduce((bits, set, bit) => (set ? bits | (1 << bit) : bits), 0);
}

export function hasBit(status: number, bit: number): boolean {
  return (status & (1 << bit)) !== 0;
}

/** Runs a simulation from START_MS for `durationS`, ticking every `stepS`, and returns every message. */
export function run(
  options: Omit<SimulationOptions, 'startMs'>,
  durationS: number,
  stepS = 1,
): ReadonlyArray<SimulationMessage> {
  const sim = createSimulation({ ...options, startMs: START_MS });
  const out: SimulationMessage[] = [];
  for (let t = 0; t <= durationS * 1000; t += stepS * 1000) out.push(...sim.tick(START_MS + t));
  return out;
}

export function readingsOf(messages: ReadonlyArray<SimulationMessage>, deviceId: string): ReadonlyArray<DeviceReading> {
  return messages.filter((m) => m.reading.deviceId === deviceId).map((m) => m.reading);
}

export function max(values: ReadonlyArray<number>): number {
  return values.reduce((a, b) => Math.max(a, b), -Infinity);
}

export function min(values: ReadonlyArray<number>): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}
