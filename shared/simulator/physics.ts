import type { Rng } from './prng';
import type { ScenarioEffect } from './scenarios/types';
import type { DeviceProfile } from './types';

/**
 * The electrical and thermal model of one board. Causes flow one way — supply and load give
 * current, current gives power and heat, heat reaches the sensors through a first-order lag — so
 * the readings agree with each other the way a real board's do.
 */
export const PHYSICS = {
  nominalV: 220,
  /** Feeder resistance: a heavy load pulls its own voltage down a little. */
  feederOhm: 0.03,
  /** Slow random walks (Ornstein–Uhlenbeck): time constant in seconds and stationary spread. */
  loadWalk: { tauS: 600, sd: 0.12, limit: 0.35 },
  voltWalk: { tauS: 60, sd: 1.2, limit: 4 },
  pfWalk: { tauS: 300, sd: 0.008, limit: 0.02 },
  leakWalk: { tauS: 900, sd: 0.08, limit: 0.3 },
  coWalk: { tauS: 300, sd: 0.5, limit: 2 },
  vocWalk: { tauS: 300, sd: 20, limit: 60 },
  /** Thermal time constants: the board's mass is larger than the terminal probe's. */
  pcbTauS: 420,
  sensorTauS: 240,
  /** The board's electronics run this much above the room. */
  pcbSelfHeatC: 5,
  sensorOffsetC: 2,
  /** I²R heating: at heatRefA the probe sits sensorHeatC above its idle temperature. */
  heatRefA: 60,
  pcbHeatC: 6,
  sensorHeatC: 8,
  /** Measurement noise of the firmware's readings. */
  noise: { tempC: 0.08, volt: 0.15, ctRel: 0.005, ctAbs: 0.01, leakMa: 0.02 },
  /** The minimum voltage of a period sits this far below the mean on a healthy supply. */
  voltLowGapV: 0.4,
  voltLowGapSd: 0.5,
} as const;

/** Mutable per-device physical state; only the simulation holds it. */
export interface PhysicalState {
  lastMs: number;
  loadWalk: number;
  voltWalk: number;
  pfWalk: number;
  leakWalk: number;
  coWalk: number;
  vocWalk: number;
  pcbTemp: number;
  sensorTemp: number;
}

/** Unrounded values of one evaluation. */
export interface RawReading {
  readonly volt: number;
  readonly voltLow: number;
  readonly ct: number;
  readonly zct: number;
  readonly rzct: number;
  readonly pcbTemp: number;
  readonly sensorTemp: number;
  readonly co: number;
  readonly voc: number;
  readonly pFct: number;
  readonly aArc: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Exact OU step for any dt, so a long gap (a silent device) is no different from many short ones. */
function walk(x: number, dtS: number, p: { readonly tauS: number; readonly sd: number; readonly limit: number }, rng: Rng): number {
  const a = Math.exp(-dtS / p.tauS);
  return clamp(x * a + p.sd * Math.sqrt(1 - a * a) * rng.normal(), -p.limit, p.limit);
}

/** Exact first-order lag towards `target` over dt. */
function lag(value: number, target: number, dtS: number, tauS: number): number {
  return target + (value - target) * Math.exp(-dtS / tauS);
}

/** A working-day load shape by hour of the timestamp (UTC): lowest before dawn, highest mid-afternoon. */
export function dailyLoadFactor(atMs: number): number {
  const hour = (((atMs / 3_600_000) % 24) + 24) % 24;
  return 0.75 + 0.25 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
}

function loadCurrent(profile: DeviceProfile, state: PhysicalState, atMs: number): number {
  return profile.baseLoadA * dailyLoadFactor(atMs) * Math.exp(state.loadWalk);
}

function targets(
  profile: DeviceProfile,
  currentA: number,
  effect: ScenarioEffect,
): { readonly pcbC: number; readonly sensorC: number } {
  const ambient = profile.ambientC + (effect.ambientRiseC ?? 0);
  const heat = (currentA / PHYSICS.heatRefA) ** 2;
  return {
    pcbC: ambient + PHYSICS.pcbSelfHeatC + PHYSICS.pcbHeatC * heat + (effect.pcbRiseC ?? 0),
    sensorC: ambient + PHYSICS.sensorOffsetC + PHYSICS.sensorHeatC * heat + (effect.sensorRiseC ?? 0),
  };
}

/** A board that has been running normally for a long time before `atMs`. */
export function initialState(profile: DeviceProfile, atMs: number, rng: Rng): PhysicalState {
  const draw = (p: { readonly sd: number; readonly limit: number }): number => clamp(rng.normal(0, p.sd), -p.limit, p.limit);
  const state: PhysicalState = {
    lastMs: atMs - profile.periodMs,
    loadWalk: draw(PHYSICS.loadWalk),
    voltWalk: draw(PHYSICS.voltWalk),
    pfWalk: draw(PHYSICS.pfWalk),
    leakWalk: draw(PHYSICS.leakWalk),
    coWalk: draw(PHYSICS.coWalk),
    vocWalk: draw(PHYSICS.vocWalk),
    pcbTemp: 0,
    sensorTemp: 0,
  };
  const t = targets(profile, loadCurrent(profile, state, atMs), {});
  state.pcbTemp = t.pcbC;
  state.sensorTemp = t.sensorC;
  return state;
}

/** Advances the state to `atMs` under `effect` and returns what the sensors measure then. */
export function step(profile: DeviceProfile, state: PhysicalState, atMs: number, effect: ScenarioEffect, rng: Rng): RawReading {
  const dtS = Math.max(0, (atMs - state.lastMs) / 1000);
  state.lastMs = atMs;
  state.loadWalk = walk(state.loadWalk, dtS, PHYSICS.loadWalk, rng);
  state.voltWalk = walk(state.voltWalk, dtS, PHYSICS.voltWalk, rng);
  state.pfWalk = walk(state.pfWalk, dtS, PHYSICS.pfWalk, rng);
  state.leakWalk = walk(state.leakWalk, dtS, PHYSICS.leakWalk, rng);
  state.coWalk = walk(state.coWalk, dtS, PHYSICS.coWalk, rng);
  state.vocWalk = walk(state.vocWalk, dtS, PHYSICS.vocWalk, rng);

  const interrupted = effect.supplyInterrupted === true;
  const sourceV = interrupted ? 0 : PHYSICS.nominalV + profile.feederOffsetV + state.voltWalk + (effect.voltDeltaV ?? 0);
  // Most loads behave roughly as fixed impedances: less voltage, less current.
  const loadA = interrupted
    ? 0
    : Math.max(
        0,
        loadCurrent(profile, state, atMs) * (effect.loadFactor ?? 1) * (sourceV / PHYSICS.nominalV) + (effect.extraCurrentA ?? 0),
      );
  const volt = Math.max(0, sourceV - loadA * PHYSICS.feederOhm + (interrupted ? 0 : rng.normal(0, PHYSICS.noise.volt)));
  const voltLow = interrupted
    ? 0
    : Math.max(0, volt - PHYSICS.voltLowGapV - Math.abs(rng.normal(0, PHYSICS.voltLowGapSd)) - (effect.voltLowDipV ?? 0));
  const ct = interrupted ? 0 : Math.max(0, loadA * (1 + rng.normal(0, PHYSICS.noise.ctRel)) + rng.normal(0, PHYSICS.noise.ctAbs));
  const pFct = clamp(profile.basePowerFactor + state.pfWalk + (effect.powerFactorDelta ?? 0), 0.3, 1);

  const leak = Math.exp(state.leakWalk);
  const zct = Math.max(0, profile.baseLeakageMa * leak + (effect.zctAddMa ?? 0) + rng.normal(0, PHYSICS.noise.leakMa));
  // The resistive part is a share of the total; it can never exceed it.
  const rzct = clamp(
    profile.baseResistiveLeakageMa * leak + (effect.rzctAddMa ?? 0) + rng.normal(0, PHYSICS.noise.leakMa),
    0,
    zct,
  );

  const t = targets(profile, ct, effect);
  state.pcbTemp = lag(state.pcbTemp, t.pcbC, dtS, PHYSICS.pcbTauS);
  state.sensorTemp = lag(state.sensorTemp, t.sensorC, dtS, PHYSICS.sensorTauS);
  const pcbTemp = effect.pcbTempReading ?? state.pcbTemp + rng.normal(0, PHYSICS.noise.tempC);
  const sensorTemp = effect.sensorTempReading ?? state.sensorTemp + rng.normal(0, PHYSICS.noise.tempC);

  const co = Math.max(0, profile.baseCoPpm + state.coWalk + (effect.coAddPpm ?? 0));
  const voc = Math.max(0, profile.baseVoc + state.vocWalk + (effect.vocAdd ?? 0));
  const aArc = interrupted ? 0 : rng.poisson(((effect.arcsPerMin ?? 0) * dtS) / 60);

  return { volt, voltLow, ct, zct, rzct, pcbTemp, sensorTemp, co, voc, pFct, aArc };
}
