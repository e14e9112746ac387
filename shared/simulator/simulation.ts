import { combineEffects } from './effects';
import { createFleet } from './fleet';
import { buildDeviceMessage, deviceDataTopic, toDeviceReading } from './message';
import type { DeviceMessagePayload, MessageFormat } from './message';
import { initialState, step } from './physics';
import type { PhysicalState } from './physics';
import { createScenarioPlan } from './plan';
import type { ScenarioPlan } from './plan';
import { createRng, deriveSeed, hashUnit } from './prng';
import type { Rng } from './prng';
import { buildRegistry } from './registry';
import type { DeviceRegistry } from './registry';
import { parseScenarioSpec } from './scenario-spec';
import type { ScenarioSpec } from './scenario-spec';
import { SCENARIOS } from './scenarios';
import type { ScenarioEffect, ScenarioName } from './scenarios';
import type { DeviceProfile, DeviceReading, Spelling, TimestampFormat } from './types';

export interface SimulationOptions {
  readonly devices: number;
  readonly zones: number;
  /** Reporting period in seconds (default 1). */
  readonly periodS?: number;
  /** Spread of the devices' own periods, as a fraction of periodS (default 0: all equal). */
  readonly periodJitter?: number;
  /** Same seed, same options, same tick times → the same messages (default 1). */
  readonly seed?: number;
  /** `mix`, `mix:0.2`, `overcurrent`, `loose-connection:DEV0003,DEV0004@60`, joined by ";" (default `mix`). */
  readonly scenario?: string;
  /** Mix episodes first start within this many seconds of the start (default 300). */
  readonly mixStaggerS?: number;
  readonly spelling?: Spelling;
  readonly timestamps?: TimestampFormat;
  /** Adds `verifySts` (a copy of status) to every message (default false). */
  readonly verifySts?: boolean;
  /** Start of the run; defaults to the first tick's time. */
  readonly startMs?: number;
  /**
   * A tick later than this behind a device's schedule skips the older reports instead of replaying
   * them (a host that slept should not flood the broker). Default: replay everything.
   */
  readonly maxCatchUpMs?: number;
}

export interface SimulationMessage {
  readonly topic: string;
  readonly payload: DeviceMessagePayload;
  /** The same report in the device's own field names, for callers that want the values. */
  readonly reading: DeviceReading;
}

export interface ActiveScenario {
  readonly deviceId: string;
  readonly scenario: ScenarioName;
  readonly sinceMs: number;
}

export interface Simulation {
  readonly registry: DeviceRegistry;
  readonly devices: ReadonlyArray<DeviceProfile>;
  readonly scenario: ScenarioSpec;
  /** Every report due up to `nowMs` (inclusive) that was not returned before, oldest first. */
  tick(nowMs: number): ReadonlyArray<SimulationMessage>;
  /** Scenarios the devices run themselves at `atMs` (not heat spreading from neighbours). */
  activeScenarios(atMs: number): ReadonlyArray<ActiveScenario>;
}

interface DeviceRuntime {
  readonly profile: DeviceProfile;
  readonly physicsRng: Rng;
  readonly scenarioRng: Rng;
  state: PhysicalState | null;
  nextDueMs: number;
  idx: number;
}

/** Random streams of the readings (see fleet.ts and plan.ts for the others). */
const STREAM_PHYSICS = 10;
const STREAM_SCENARIO = 11;
const STREAM_FORMAT = 12;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${value}`);
  return value;
}

function validated(options: SimulationOptions): {
  readonly periodS: number;
  readonly periodJitter: number;
  readonly seed: number;
  readonly mixStaggerS: number;
} {
  positiveInteger('devices', options.devices);
  positiveInteger('zones', options.zones);
  const periodS = options.periodS ?? 1;
  if (!Number.isFinite(periodS) || periodS < 0.1) throw new RangeError(`periodS must be ≥ 0.1, got ${periodS}`);
  const periodJitter = options.periodJitter ?? 0;
  if (!(periodJitter >= 0 && periodJitter <= 0.5)) throw new RangeError(`periodJitter must be 0…0.5, got ${periodJitter}`);
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number, got ${seed}`);
  const mixStaggerS = options.mixStaggerS ?? 300;
  if (!(mixStaggerS >= 0)) throw new RangeError(`mixStaggerS must be ≥ 0, got ${mixStaggerS}`);
  return { periodS, periodJitter, seed, mixStaggerS };
}

/**
 * A simulated fleet. Pure and deterministic: no clock, no I/O; the caller says what time it is.
 * Each device reports on its own schedule, and its values depend only on the seed and that
 * schedule, so ticking every 100 ms or once an hour yields the same reports.
 */
export function createSimulation(options: SimulationOptions): Simulation {
  const { periodS, periodJitter, seed, mixStaggerS } = validated(options);
  const spelling = options.spelling ?? 'device';
  const timestamps = options.timestamps ?? 'iso';
  const verifySts = options.verifySts ?? false;
  const maxCatchUpMs = options.maxCatchUpMs ?? Infinity;
  const spec = parseScenarioSpec(options.scenario ?? 'mix');
  const fleet = createFleet({ devices: options.devices, zones: options.zones, periodS, periodJitter, seed });
  const registry = buildRegistry(fleet);

  // The plan counts time from the start of the run, so it can be built (and an unknown device id
  // reported) before the start time is known.
  const plan: ScenarioPlan = createScenarioPlan({ fleet, spec, seed, startMs: 0, mixStaggerS });
  let startMs = options.startMs ?? null;

  const runtimes: DeviceRuntime[] = fleet.map((profile) => ({
    profile,
    physicsRng: createRng(deriveSeed(seed, STREAM_PHYSICS, profile.index)),
    scenarioRng: createRng(deriveSeed(seed, STREAM_SCENARIO, profile.index)),
    state: null,
    nextDueMs: (options.startMs ?? 0) + profile.phaseMs,
    idx: 0,
  }));

  const formatFor = (device: DeviceProfile, idx: number): MessageFormat => ({
    spelling: spelling === 'mixed' ? (hashUnit(seed, STREAM_FORMAT, device.index, idx, 1) < 0.5 ? 'device' : 'iot') : spelling,
    timestamps:
      timestamps === 'mixed' ? (hashUnit(seed, STREAM_FORMAT, device.index, idx, 2) < 0.5 ? 'iso' : 'epoch') : timestamps,
    verifySts,
  });

  const effectAt = (rt: DeviceRuntime, elapsedMs: number): ScenarioEffect => {
    const active = plan.activeAt(rt.profile.index, elapsedMs);
    if (active.length === 0) return {};
    const effects = active.map((e) =>
      SCENARIOS[e.scenario].run(
        {
          profile: rt.profile,
          episode: { durationS: (e.endMs - e.startMs) / 1000, intensity: e.intensity, variant: e.variant },
        },
        (elapsedMs - e.startMs) / 1000,
        rt.scenarioRng,
      ),
    );
    return combineEffects(effects);
  };

  const report = (rt: DeviceRuntime, atMs: number, runStartMs: number): SimulationMessage | null => {
    rt.state ??= initialState(rt.profile, atMs, rt.physicsRng);
    const effect = effectAt(rt, atMs - runStartMs);
    const raw = step(rt.profile, rt.state, atMs, effect, rt.physicsRng);
    if (effect.comm === 'silent') return null;
    const reading = toDeviceReading(raw, {
      deviceId: rt.profile.id,
      idx: rt.idx,
      timestampMs: atMs,
      commError: effect.comm === 'error',
    });
    rt.idx += 1;
    return {
      topic: deviceDataTopic(rt.profile.id),
      payload: buildDeviceMessage(reading, formatFor(rt.profile, reading.idx)),
      reading,
    };
  };

  const tick = (nowMs: number): ReadonlyArray<SimulationMessage> => {
    if (startMs === null) {
      startMs = nowMs;
      for (const rt of runtimes) rt.nextDueMs = nowMs + rt.profile.phaseMs;
    }
    const runStartMs = startMs;
    const out: SimulationMessage[] = [];
    for (const rt of runtimes) {
      const period = rt.profile.periodMs;
      if (nowMs - rt.nextDueMs > maxCatchUpMs) {
        const skipped = Math.floor((nowMs - maxCatchUpMs - rt.nextDueMs) / period) + 1;
        rt.nextDueMs += skipped * period;
      }
      while (rt.nextDueMs <= nowMs) {
        const message = report(rt, rt.nextDueMs, runStartMs);
        if (message) out.push(message);
        rt.nextDueMs += period;
      }
    }
    // Oldest first across devices, as a broker would have received them.
    out.sort((a, b) => a.reading.timestampMs - b.reading.timestampMs);
    return out;
  };

  const activeScenarios = (atMs: number): ReadonlyArray<ActiveScenario> => {
    const runStartMs = startMs ?? atMs;
    const out: ActiveScenario[] = [];
    for (const d of fleet) {
      for (const e of plan.ownEpisodesAt(d.index, atMs - runStartMs)) {
        out.push({ deviceId: d.id, scenario: e.scenario, sinceMs: runStartMs + e.startMs });
      }
    }
    return out;
  };

  return { registry, devices: fleet, scenario: spec, tick, activeScenarios };
}
