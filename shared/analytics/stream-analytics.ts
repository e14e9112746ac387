import type { RegistryEntry } from '../fleet/registry';
import { UNASSIGNED_ZONE } from '../fleet/registry';
import type { AnalyticsConfig, AnalyticsConfigOverride } from './config';
import { resolveAnalyticsConfig } from './config';
import { DeviceState, Scratch } from './device-state';
import { computePeriodicity, deviceView } from './device-views';
import type { AnalyticsReading } from './reading';
import type { AnalyticsEvent, DeviceAnalyticsView, FleetRiskView, RiskLevelKey, ZoneDetailView, ZonesView } from './types';
import { zoneDetail, zoneSummary } from './zone-views';
import { ZoneState } from './zone-state';

export interface StreamAnalyticsOptions {
  /** Partial settings over the seed's defaults; an unusable value throws AnalyticsConfigError. */
  readonly config?: AnalyticsConfigOverride;
  /** Zones of the devices (the registry message); more can follow with applyRegistry. */
  readonly registry?: ReadonlyArray<RegistryEntry>;
}

export interface StreamAnalytics {
  readonly config: AnalyticsConfig;
  /**
   * Folds one scored reading in and returns the events it caused (device events first, then zone
   * events), usually none. `receivedAtMs` (the console's clock) only screens out readings stamped
   * more than `maxFutureMs` ahead of it; everything else runs on the reading's own time.
   */
  observe(reading: AnalyticsReading, receivedAtMs?: number): ReadonlyArray<AnalyticsEvent>;
  applyRegistry(entries: ReadonlyArray<RegistryEntry>): void;
  /**
   * The work that is not done per reading: each call takes up to `maxDevices` devices in turn
   * (round robin), recomputes their periodicity (FFT) when stale and trims their arc windows.
   * Returns how many devices it looked at.
   */
  runPeriodic(maxDevices?: number): number;
  device(id: string): DeviceAnalyticsView | null;
  zones(): ZonesView;
  zone(id: string): ZoneDetailView | null;
  fleet(): FleetRiskView;
  /** The zone the analytics puts a device in (null if never seen nor registered). */
  zoneOf(id: string): string | null;
  deviceCount(): number;
  /** Estimated bytes of one device's state, or of all devices' when no id is given. */
  memoryFootprint(deviceId?: string): number;
}

const NO_EVENTS: ReadonlyArray<AnalyticsEvent> = Object.freeze([]);

export function createStreamAnalytics(options: StreamAnalyticsOptions = {}): StreamAnalytics {
  const config = resolveAnalyticsConfig(options.config);
  const scratch = new Scratch();
  const devices = new Map<string, DeviceState>();
  const order: DeviceState[] = [];
  const zones = new Map<string, ZoneState>();
  const registeredZone = new Map<string, string>();
  let fleetNewestMs = Number.NEGATIVE_INFINITY;
  let cursor = 0;

  function zoneNamed(id: string): ZoneState {
    let zone = zones.get(id);
    if (!zone) {
      zone = new ZoneState(id, !config.correlation.uncorrelatedZones.includes(id), config);
      zones.set(id, zone);
    }
    return zone;
  }

  function moveTo(device: DeviceState, zoneId: string): void {
    const from = device.zone;
    if (from !== null) {
      if (from.id === zoneId) return;
      from.remove(device);
      if (from.members.length === 0) zones.delete(from.id);
    }
    zoneNamed(zoneId).add(device);
  }

  function applyRegistry(entries: ReadonlyArray<RegistryEntry>): void {
    for (const entry of entries) {
      registeredZone.set(entry.id, entry.zone);
      const device = devices.get(entry.id);
      if (device) moveTo(device, entry.zone);
    }
  }

  if (options.registry) applyRegistry(options.registry);

  function observe(reading: AnalyticsReading, receivedAtMs?: number): ReadonlyArray<AnalyticsEvent> {
    const id = reading.device_id;
    let device = devices.get(id);
    if (receivedAtMs !== undefined && reading.timestamp_ms > receivedAtMs + config.maxFutureMs) {
      if (device) device.skewed += 1;
      return NO_EVENTS;
    }
    if (!device) {
      device = new DeviceState(id, config);
      devices.set(id, device);
      order.push(device);
      moveTo(device, registeredZone.get(id) ?? UNASSIGNED_ZONE);
    }
    const kind = device.classify(reading.timestamp_ms);
    if (kind === 'duplicate') {
      device.duplicates += 1;
      return NO_EVENTS;
    }
    if (kind === 'late') {
      device.observeLate(reading);
      return NO_EVENTS;
    }
    const own = device.observe(reading, scratch);
    if (device.newestMs > fleetNewestMs) fleetNewestMs = device.newestMs;
    const zone = (device.zone as ZoneState).observe(device);
    if (zone.length === 0) return own.length === 0 ? NO_EVENTS : own;
    return own.length === 0 ? zone : [...own, ...zone];
  }

  function runPeriodic(maxDevices: number = Number.POSITIVE_INFINITY): number {
    const n = Math.min(order.length, maxDevices);
    for (let i = 0; i < n; i++) {
      if (cursor >= order.length) cursor = 0;
      const device = order[cursor++] as DeviceState;
      const cached = device.periodicity;
      if (cached === null || cached.computedAtMs < device.newestMs - config.temporal.periodicityMaxAgeMs) {
        device.periodicity = computePeriodicity(device, config, scratch);
      }
      device.arcs.compact();
    }
    return n;
  }

  function fleet(): FleetRiskView {
    const distribution: { [L in RiskLevelKey]: number } = { NORMAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
    let active = 0;
    for (const device of order) {
      if (device.newestMs < fleetNewestMs - config.fleet.activeWindowMs) continue;
      active += 1;
      const level = device.latestLevel;
      if (level === 'LOW' || level === 'MEDIUM' || level === 'HIGH' || level === 'CRITICAL') distribution[level] += 1;
      else distribution.NORMAL += 1;
    }
    return {
      total_devices: order.length,
      active_devices: active,
      risk_distribution: distribution,
      system_status: active > order.length * config.fleet.healthyFraction ? 'HEALTHY' : 'DEGRADED',
      as_of: Number.isFinite(fleetNewestMs) ? new Date(fleetNewestMs).toISOString() : null,
    };
  }

  return {
    config,
    observe,
    applyRegistry,
    runPeriodic,
    device(id: string): DeviceAnalyticsView | null {
      const device = devices.get(id);
      return device ? deviceView(device, config, scratch) : null;
    },
    zones(): ZonesView {
      const list = [...zones.values()]
        .filter((z) => z.members.length > 0)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((z) => zoneSummary(z, config, scratch));
      return { zones: list, fleet: fleet() };
    },
    zone(id: string): ZoneDetailView | null {
      const zone = zones.get(id);
      return zone && zone.members.length > 0 ? zoneDetail(zone, config, scratch) : null;
    },
    fleet,
    zoneOf(id: string): string | null {
      return devices.get(id)?.zone?.id ?? registeredZone.get(id) ?? null;
    },
    deviceCount: () => devices.size,
    memoryFootprint(deviceId?: string): number {
      if (deviceId !== undefined) return devices.get(deviceId)?.memoryFootprint() ?? 0;
      let total = 0;
      for (const device of order) total += device.memoryFootprint();
      return total;
    },
  };
}
