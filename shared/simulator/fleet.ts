import { createRng, deriveSeed } from './prng';
import type { DeviceProfile, Position, ZoneRef } from './types';

export interface FleetOptions {
  readonly devices: number;
  readonly zones: number;
  readonly periodS: number;
  /** Each device's period is periodS × (1 ± periodJitter), fixed for the run. */
  readonly periodJitter: number;
  readonly seed: number;
}

/** Zones are floors; a building gets up to this many before the next building starts. */
const FLOORS_PER_BUILDING = 4;
/** Floor plate of a zone in metres, split into rooms along x. */
const ZONE_WIDTH_M = 60;
const ZONE_DEPTH_M = 30;
const ROOM_WIDTH_M = 10;

/** Random streams of the fleet layout, kept apart from the per-reading streams. */
const STREAM_PROFILE = 1;

export function deviceIdFor(index: number, fleetSize: number): string {
  return `DEV${String(index + 1).padStart(Math.max(4, String(fleetSize).length), '0')}`;
}

function zoneFor(zoneIndex: number): Omit<ZoneRef, 'room'> {
  const building = `B${Math.floor(zoneIndex / FLOORS_PER_BUILDING) + 1}`;
  const floor = `F${(zoneIndex % FLOORS_PER_BUILDING) + 1}`;
  return { id: `${building}-${floor}`, building, floor };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Spreads n boards over a zone's floor plate on a jittered grid, so neighbours are meaningful. */
function layout(count: number, seed: number, zoneIndex: number): ReadonlyArray<Position> {
  const rng = createRng(deriveSeed(seed, 2, zoneIndex));
  const cols = Math.max(1, Math.ceil(Math.sqrt(count * (ZONE_WIDTH_M / ZONE_DEPTH_M))));
  const rows = Math.max(1, Math.ceil(count / cols));
  const dx = ZONE_WIDTH_M / cols;
  const dy = ZONE_DEPTH_M / rows;
  const out: Position[] = [];
  for (let i = 0; i < count; i += 1) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    out.push({
      x: round1((col + 0.5 + rng.uniform(-0.2, 0.2)) * dx),
      y: round1((row + 0.5 + rng.uniform(-0.2, 0.2)) * dy),
    });
  }
  return out;
}

/**
 * The fleet: devices in contiguous blocks per zone (DEV0001… fill B1-F1 first), so ids that are
 * close are usually boards that are close, as on a real site.
 */
export function createFleet(options: FleetOptions): ReadonlyArray<DeviceProfile> {
  const { devices, periodS, periodJitter, seed } = options;
  const zoneCount = Math.max(1, Math.min(options.zones, devices));
  const zoneOf = (i: number): number => Math.floor((i * zoneCount) / devices);
  const members = new Map<number, number[]>();
  for (let i = 0; i < devices; i += 1) {
    const z = zoneOf(i);
    const list = members.get(z) ?? [];
    list.push(i);
    members.set(z, list);
  }
  const positions = new Map<number, Position>();
  for (const [z, list] of members) {
    const spots = layout(list.length, seed, z);
    list.forEach((deviceIndex, k) => {
      const spot = spots[k];
      if (spot) positions.set(deviceIndex, spot);
    });
  }

  // Each zone has its own room temperature and feeder; boards on one floor share them.
  const zoneClimate = new Map<number, { ambientC: number; feederOffsetV: number }>();
  for (const z of members.keys()) {
    const rng = createRng(deriveSeed(seed, 3, z));
    zoneClimate.set(z, { ambientC: rng.uniform(21, 26), feederOffsetV: rng.normal(0, 1.5) });
  }

  const fleet: DeviceProfile[] = [];
  for (let i = 0; i < devices; i += 1) {
    const rng = createRng(deriveSeed(seed, STREAM_PROFILE, i));
    const z = zoneOf(i);
    const base = zoneFor(z);
    const position = positions.get(i) ?? { x: 0, y: 0 };
    const floorNo = (z % FLOORS_PER_BUILDING) + 1;
    const roomNo = Math.min(Math.floor(position.x / ROOM_WIDTH_M), ZONE_WIDTH_M / ROOM_WIDTH_M - 1) + 1;
    const room = `R${floorNo}${String(roomNo).padStart(2, '0')}`;
    const climate = zoneClimate.get(z) ?? { ambientC: 23, feederOffsetV: 0 };
    const id = deviceIdFor(i, devices);
    const periodMs = Math.max(100, Math.round(periodS * 1000 * (1 + rng.uniform(-periodJitter, periodJitter))));
    // Branch circuits: mostly small loads, a few heavy ones (log-normal around 12 A), capped well
    // below the overcurrent level so a normal device never alarms.
    const baseLoadA = Math.min(45, Math.max(1.5, Math.exp(rng.normal(Math.log(12), 0.6))));
    const baseLeakageMa = rng.uniform(0.3, 2);
    fleet.push({
      index: i,
      id,
      name: `${base.id} ${room} DB-${String(i + 1).padStart(2, '0')}`,
      zone: { ...base, room },
      position,
      baseLoadA,
      // At least 0.93 so that noise never brings a healthy load under the 0.9 alarm level.
      basePowerFactor: rng.uniform(0.93, 0.99),
      ambientC: climate.ambientC + rng.normal(0, 0.6),
      feederOffsetV: climate.feederOffsetV + rng.normal(0, 0.5),
      baseLeakageMa,
      baseResistiveLeakageMa: baseLeakageMa * rng.uniform(0.2, 0.5),
      baseCoPpm: rng.uniform(0.5, 4),
      baseVoc: rng.uniform(40, 180),
      periodMs,
      phaseMs: Math.floor(rng.next() * periodMs),
    });
  }
  return fleet;
}

export interface Neighbour {
  readonly device: DeviceProfile;
  readonly distanceM: number;
}

/**
 * Up to `count` other devices of the device's zone among `candidates`, nearest first (ties by
 * index). A single pass keeping the best few, because a whole fleet may ask this at start.
 */
export function nearestInZone(
  candidates: ReadonlyArray<DeviceProfile>,
  device: DeviceProfile,
  count: number,
): ReadonlyArray<Neighbour> {
  const best: { device: DeviceProfile; d2: number }[] = [];
  const { x, y } = device.position;
  for (const other of candidates) {
    if (other.index === device.index || other.zone.id !== device.zone.id) continue;
    const dx = other.position.x - x;
    const dy = other.position.y - y;
    const d2 = dx * dx + dy * dy;
    const last = best[best.length - 1];
    // Candidates come in any order, so ties are broken by index explicitly.
    if (best.length >= count && last && (d2 > last.d2 || (d2 === last.d2 && other.index > last.device.index))) continue;
    let at = best.length;
    while (at > 0) {
      const prev = best[at - 1];
      if (!prev || prev.d2 < d2 || (prev.d2 === d2 && prev.device.index < other.index)) break;
      at -= 1;
    }
    best.splice(at, 0, { device: other, d2 });
    if (best.length > count) best.pop();
  }
  return best.map((b) => ({ device: b.device, distanceM: Math.sqrt(b.d2) }));
}
