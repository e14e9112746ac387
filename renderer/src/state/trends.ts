import type { DeviceSummary } from '../../../shared/protocol/api-types';
import { TrendRing } from '../model/trend-ring';
import { parseTime } from '../model/relative-time';

/** Readings kept per device for its tile's sparkline. */
export const DEVICE_TREND_POINTS = 60;
/** Zone temperature is sampled this often, and this many samples kept (10 minutes). */
export const ZONE_SAMPLE_MS = 5_000;
export const ZONE_TREND_POINTS = 120;

interface DeviceTrend {
  readonly ring: TrendRing;
  lastSeen: string | null;
}

export interface ZoneTrend {
  readonly mean: ReadonlyArray<number>;
  readonly max: ReadonlyArray<number>;
}

/**
 * What this screen has seen of each device's temperature since it opened, for sparklines and the
 * zones' trend overlay. Mutable on purpose and outside React state: thousands of small rings
 * updated ten times a second would otherwise be copied on every update. A tile re-reads its ring
 * whenever its device summary changes, which is exactly when a new value has been pushed.
 */
export class TrendBook {
  private readonly devices = new Map<string, DeviceTrend>();
  private readonly zoneMean = new Map<string, TrendRing>();
  private readonly zoneMax = new Map<string, TrendRing>();
  private lastZoneSampleAt = Number.NEGATIVE_INFINITY;
  /** Bumped on every zone sample, so a view can re-render when the zone trends moved. */
  zoneVersion = 0;

  /** Records the device's temperature once per reading (a summary whose `last_seen` moved). */
  record(device: DeviceSummary): void {
    if (device.temperature === null || device.last_seen === null) return;
    let trend = this.devices.get(device.device_id);
    if (trend === undefined) {
      trend = { ring: new TrendRing(DEVICE_TREND_POINTS), lastSeen: null };
      this.devices.set(device.device_id, trend);
    }
    if (trend.lastSeen === device.last_seen) return;
    trend.lastSeen = device.last_seen;
    trend.ring.push(device.temperature);
  }

  forget(deviceId: string): void {
    this.devices.delete(deviceId);
    this.seeding.delete(deviceId);
  }

  private readonly seeding = new Set<string>();

  /**
   * Whether the device's sparkline should be filled from stored history (once per device): a
   * screen just opened would otherwise draw every trend from nothing.
   */
  claimSeed(deviceId: string): boolean {
    if (this.seeding.has(deviceId) || (this.devices.get(deviceId)?.ring.length ?? 0) >= DEVICE_TREND_POINTS / 2) return false;
    this.seeding.add(deviceId);
    return true;
  }

  /** Stored readings, oldest first; kept only if they say more than what arrived live meanwhile. */
  seed(deviceId: string, values: ReadonlyArray<number>): void {
    const finite = values.filter((v) => Number.isFinite(v));
    let trend = this.devices.get(deviceId);
    if (trend !== undefined && trend.ring.length >= finite.length) return;
    const ring = new TrendRing(DEVICE_TREND_POINTS);
    for (const v of finite) ring.push(v);
    trend = { ring, lastSeen: trend?.lastSeen ?? null };
    this.devices.set(deviceId, trend);
  }

  values(deviceId: string): ReadonlyArray<number> {
    return this.devices.get(deviceId)?.ring.toArray() ?? [];
  }

  /** Samples every zone's mean and maximum temperature, at most once per ZONE_SAMPLE_MS. */
  sampleZones(devices: Iterable<DeviceSummary>, nowMs: number): boolean {
    if (nowMs - this.lastZoneSampleAt < ZONE_SAMPLE_MS) return false;
    this.lastZoneSampleAt = nowMs;
    const sums = new Map<string, { sum: number; n: number; max: number }>();
    for (const device of devices) {
      if (device.temperature === null || !device.online) continue;
      // Only readings of the last minute count: a silent board's old value is not the room now.
      const seen = parseTime(device.last_seen);
      if (seen === null || nowMs - seen > 60_000) continue;
      const zone = sums.get(device.zone) ?? { sum: 0, n: 0, max: Number.NEGATIVE_INFINITY };
      zone.sum += device.temperature;
      zone.n += 1;
      zone.max = Math.max(zone.max, device.temperature);
      sums.set(device.zone, zone);
    }
    for (const [zone, { sum, n, max }] of sums) {
      ringFor(this.zoneMean, zone).push(sum / n);
      ringFor(this.zoneMax, zone).push(max);
    }
    this.zoneVersion += 1;
    return true;
  }

  zone(zone: string): ZoneTrend {
    return { mean: this.zoneMean.get(zone)?.toArray() ?? [], max: this.zoneMax.get(zone)?.toArray() ?? [] };
  }

  zones(): ReadonlyArray<string> {
    return [...this.zoneMean.keys()];
  }
}

function ringFor(rings: Map<string, TrendRing>, zone: string): TrendRing {
  let ring = rings.get(zone);
  if (ring === undefined) {
    ring = new TrendRing(ZONE_TREND_POINTS);
    rings.set(zone, ring);
  }
  return ring;
}
