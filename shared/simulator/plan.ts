import { nearestInZone } from './fleet';
import { createRng, deriveSeed } from './prng';
import type { Rng } from './prng';
import { SCENARIO_NAMES, SCENARIOS } from './scenarios';
import type { ScenarioName } from './scenarios';
import type { ScenarioSpec } from './scenario-spec';
import type { DeviceProfile } from './types';

/** One stretch of time during which a scenario shapes a device. */
export interface Episode {
  readonly scenario: ScenarioName;
  readonly startMs: number;
  /** Infinity for a forced scenario: it holds for the whole run. */
  readonly endMs: number;
  readonly variant: number;
}

/** An episode as it acts on one device; intensity < 1 when heat spreads from a neighbour. */
export interface ActiveEpisode extends Episode {
  readonly intensity: number;
  /** The device whose episode this is (itself, or a zone-heating neighbour). */
  readonly sourceIndex: number;
}

export interface ScenarioPlan {
  /** The episodes a device runs itself at `atMs`. */
  ownEpisodesAt(deviceIndex: number, atMs: number): ReadonlyArray<Episode>;
  /** Everything acting on the device at `atMs`: its own episodes and heat from a neighbour. */
  activeAt(deviceIndex: number, atMs: number): ReadonlyArray<ActiveEpisode>;
}

export interface PlanOptions {
  readonly fleet: ReadonlyArray<DeviceProfile>;
  readonly spec: ScenarioSpec;
  readonly seed: number;
  /** Origin of the plan's clock; the simulation uses 0 and asks with time since the start of the run. */
  readonly startMs: number;
  /** Mix episodes first start at a random moment in this many seconds after the start. */
  readonly mixStaggerS: number;
}

/** Random streams of the plan, apart from those of the fleet and of the readings. */
const STREAM_FORCED = 5;
const STREAM_MIX_DEVICE = 6;
const STREAM_MIX_PICK = 7;

/** A zone-heating source warms its nearest boards, the nearest most. */
const ZONE_HEATING_NEIGHBOUR_INTENSITY: ReadonlyArray<number> = [0.9, 0.8, 0.7, 0.6];
/** Between two mix episodes of one device the board is healthy for a while (seconds). */
const MIX_GAP_S: readonly [number, number] = [600, 1800];
/** Mix episodes that ended longer ago than this are forgotten. */
const MIX_MEMORY_MS = 3_600_000;

const MIX_SCENARIOS: ReadonlyArray<ScenarioName> = SCENARIO_NAMES.filter((n) => n !== 'normal');

/**
 * An endless, lazily drawn sequence of episodes with healthy gaps between them. Old episodes are
 * forgotten so that a console left running for weeks does not grow; a question about forgotten
 * time replays the sequence from its seed, which gives the same episodes again.
 */
function mixTimeline(newRng: () => Rng, startMs: number, staggerS: number): (atMs: number) => Episode | undefined {
  let rng = newRng();
  let episodes: Episode[] = [];
  let nextStartMs = startMs + rng.uniform(0, staggerS) * 1000;
  let latestQueryMs = -Infinity;
  let forgottenUntilMs = -Infinity;
  return (atMs) => {
    if (atMs < forgottenUntilMs) {
      rng = newRng();
      episodes = [];
      nextStartMs = startMs + rng.uniform(0, staggerS) * 1000;
      latestQueryMs = -Infinity;
      forgottenUntilMs = -Infinity;
    }
    while (nextStartMs <= atMs) {
      const scenario = MIX_SCENARIOS[Math.floor(rng.next() * MIX_SCENARIOS.length)] ?? 'normal';
      const [minS, maxS] = SCENARIOS[scenario].mixDurationS;
      const endMs = nextStartMs + rng.uniform(minS, maxS) * 1000;
      episodes.push({ scenario, startMs: nextStartMs, endMs, variant: rng.next() });
      nextStartMs = endMs + rng.uniform(MIX_GAP_S[0], MIX_GAP_S[1]) * 1000;
    }
    latestQueryMs = Math.max(latestQueryMs, atMs);
    while (episodes.length > 1 && (episodes[0]?.endMs ?? Infinity) < latestQueryMs - MIX_MEMORY_MS) {
      forgottenUntilMs = episodes.shift()?.endMs ?? forgottenUntilMs;
    }
    for (let i = episodes.length - 1; i >= 0; i -= 1) {
      const e = episodes[i];
      if (e && e.startMs <= atMs) return atMs < e.endMs ? e : undefined;
    }
    return undefined;
  };
}

function pickFraction(indices: ReadonlyArray<number>, fraction: number, rng: Rng): ReadonlyArray<number> {
  const pool = [...indices];
  const take = Math.min(pool.length, Math.round(fraction * pool.length));
  for (let i = 0; i < take; i += 1) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    const a = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = a;
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}

/**
 * Decides which device runs which scenario when: forced entries first (a named device overrides an
 * all-device entry), then the mix over the devices nothing was forced on. Throws on an unknown id.
 */
export function createScenarioPlan(options: PlanOptions): ScenarioPlan {
  const { fleet, spec, seed, startMs } = options;
  const byId = new Map(fleet.map((d) => [d.id, d] as const));
  const forced = new Map<number, Episode[]>();
  const forAll: Episode[][] = [];

  spec.forced.forEach((entry, entryIndex) => {
    if (entry.scenario === 'normal' && entry.deviceIds === null) return;
    const targets =
      entry.deviceIds === null
        ? fleet
        : entry.deviceIds.map((id) => {
            const device = byId.get(id);
            if (!device) throw new Error(`scenario ${entry.scenario}: unknown device "${id}"`);
            return device;
          });
    for (const device of targets) {
      const variant = createRng(deriveSeed(seed, STREAM_FORCED, device.index, entryIndex)).next();
      const episode: Episode = {
        scenario: entry.scenario,
        startMs: startMs + entry.startS * 1000,
        endMs: Infinity,
        variant,
      };
      if (entry.deviceIds === null) {
        (forAll[device.index] ??= []).push(episode);
      } else {
        const list = forced.get(device.index) ?? [];
        // A device named for "normal" is simply kept out of the mix and of all-device entries.
        if (entry.scenario !== 'normal') list.push(episode);
        forced.set(device.index, list);
      }
    }
  });

  const fixed = new Map<number, ReadonlyArray<Episode>>();
  for (const device of fleet) {
    const own = forced.get(device.index) ?? forAll[device.index];
    if (own) fixed.set(device.index, own);
  }

  const mixIndices = pickFraction(
    fleet.filter((d) => !fixed.has(d.index)).map((d) => d.index),
    spec.mixFraction,
    createRng(deriveSeed(seed, STREAM_MIX_PICK)),
  );
  const mix = new Map<number, (atMs: number) => Episode | undefined>();
  for (const index of mixIndices) {
    const newRng = (): Rng => createRng(deriveSeed(seed, STREAM_MIX_DEVICE, index));
    mix.set(index, mixTimeline(newRng, startMs, options.mixStaggerS));
  }

  // Who can heat whom: only devices that may ever run zone-heating are sources.
  const zoneMembers = new Map<string, DeviceProfile[]>();
  for (const d of fleet) {
    const list = zoneMembers.get(d.zone.id) ?? [];
    list.push(d);
    zoneMembers.set(d.zone.id, list);
  }
  const heatedBy = new Map<number, { sourceIndex: number; intensity: number }[]>();
  for (const source of fleet) {
    const possible = mix.has(source.index) || (fixed.get(source.index) ?? []).some((e) => e.scenario === 'zone-heating');
    if (!possible) continue;
    const neighbours = nearestInZone(zoneMembers.get(source.zone.id) ?? [], source, ZONE_HEATING_NEIGHBOUR_INTENSITY.length);
    neighbours.forEach((n, rank) => {
      const list = heatedBy.get(n.device.index) ?? [];
      list.push({ sourceIndex: source.index, intensity: ZONE_HEATING_NEIGHBOUR_INTENSITY[rank] ?? 0 });
      heatedBy.set(n.device.index, list);
    });
  }

  const ownEpisodesAt = (deviceIndex: number, atMs: number): ReadonlyArray<Episode> => {
    const own = fixed.get(deviceIndex);
    if (own) return own.filter((e) => e.startMs <= atMs && atMs < e.endMs);
    const timeline = mix.get(deviceIndex);
    const e = timeline ? timeline(atMs) : undefined;
    return e ? [e] : [];
  };

  const activeAt = (deviceIndex: number, atMs: number): ReadonlyArray<ActiveEpisode> => {
    const out: ActiveEpisode[] = [];
    let heat: ActiveEpisode | undefined;
    const offerHeat = (candidate: ActiveEpisode): void => {
      if (
        !heat ||
        candidate.intensity > heat.intensity ||
        (candidate.intensity === heat.intensity && candidate.startMs < heat.startMs)
      ) {
        heat = candidate;
      }
    };
    for (const e of ownEpisodesAt(deviceIndex, atMs)) {
      const active: ActiveEpisode = { ...e, intensity: 1, sourceIndex: deviceIndex };
      if (e.scenario === 'zone-heating') offerHeat(active);
      else out.push(active);
    }
    for (const h of heatedBy.get(deviceIndex) ?? []) {
      for (const e of ownEpisodesAt(h.sourceIndex, atMs)) {
        if (e.scenario === 'zone-heating') offerHeat({ ...e, intensity: h.intensity, sourceIndex: h.sourceIndex });
      }
    }
    if (heat) out.push(heat);
    return out;
  };

  return { ownEpisodesAt, activeAt };
}
