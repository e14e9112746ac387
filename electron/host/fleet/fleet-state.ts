import type {
  DeviceInfo,
  DeviceReadingsSummary,
  DeviceSummary,
  RiskDistribution,
  TimeseriesPoint,
} from '../../../shared/protocol';
import type { RegistryEntry } from '../../../shared/fleet/registry';
import { UNASSIGNED_ZONE } from '../../../shared/fleet/registry';
import type { CloudDeviceState } from './cloud-device';
import { cloudActive, cloudLastSeen, cloudOnline, cloudStands, sameCloudState } from './cloud-device';
import { isActive, isSilent, learnPeriod } from './liveness';
import { RecentPoints } from './recent-points';
import type { ReadingView } from './reading-view';
import { asRiskLevel, readingTemperature } from './reading-view';

/** Points kept in memory per device for charts until the store serves history. */
export const RECENT_POINTS_PER_DEVICE = 720;
const COMMUNICATION_ERROR_STATUS = 4096;
/** A larger jump is a counter that was reset or replaced, not a million lost messages. */
const MAX_PLAUSIBLE_IDX_GAP = 100_000;

interface DeviceRecord<R extends ReadingView> {
  readonly id: string;
  name: string;
  zone: string;
  position: { readonly x: number; readonly y: number } | null;
  inRegistry: boolean;
  last: R | null;
  lastSeenMs: number | null;
  periodMs: number | null;
  readings: number;
  totalAlarms: number;
  /** Messages the device numbered but we never received (gaps in idx), since this start. */
  lostMessages: number;
  /** Times the device's idx went backwards: a restart of the device, not a loss. */
  idxResets: number;
  /** The recent points the device page draws until the store serves history. */
  recent: RecentPoints;
  /** The device as the cloud's DeviceState table has it (issue 9), or null. */
  cloud: CloudDeviceState | null;
}

function readingsOf(reading: ReadingView): DeviceReadingsSummary {
  return {
    voltage: reading.voltage,
    pcb_temperature: reading.pcb_temperature,
    sensor_temperature: reading.sensor_temperature,
    leakage_current: reading.leakage_current ?? null,
    co: reading.co ?? null,
    voc: reading.voc ?? null,
    power_factor: reading.power_factor ?? null,
    arc_count: reading.arc_count,
  };
}

/**
 * The live picture of every device: registry identity, the newest reading and its score, and
 * liveness. It marks which devices changed so the host can push only those to the renderers.
 */
export class FleetState<R extends ReadingView = ReadingView> {
  private readonly devices = new Map<string, DeviceRecord<R>>();
  private readonly changed = new Set<string>();

  private record(id: string): DeviceRecord<R> {
    let device = this.devices.get(id);
    if (!device) {
      device = {
        id, name: id, zone: UNASSIGNED_ZONE, position: null, inRegistry: false, last: null, lastSeenMs: null,
        periodMs: null, readings: 0, totalAlarms: 0, lostMessages: 0, idxResets: 0, recent: new RecentPoints(RECENT_POINTS_PER_DEVICE),
        cloud: null,
      };
      this.devices.set(id, device);
    }
    return device;
  }

  applyRegistry(entries: ReadonlyArray<RegistryEntry>): void {
    for (const entry of entries) {
      const device = this.record(entry.id);
      device.name = entry.name;
      device.zone = entry.zone;
      device.position = entry.position;
      device.inRegistry = true;
      this.changed.add(entry.id);
    }
  }

  /** Returns false when the reading is older than the device's newest (it is kept out of "last"). */
  applyReading(reading: R, receivedAtMs: number): boolean {
    const device = this.record(reading.device_id);
    if (device.lastSeenMs !== null) device.periodMs = learnPeriod(device.periodMs, receivedAtMs - device.lastSeenMs);
    device.lastSeenMs = receivedAtMs;
    device.readings += 1;
    device.totalAlarms += reading.alarm_status.total_alarm_count;
    device.recent.add(reading.timestamp, reading.timestamp_ms, readingTemperature(reading), reading.risk_score, reading.arc_count, reading.voltage, reading.current);
    this.changed.add(device.id);
    const newest = device.last === null || reading.timestamp_ms >= device.last.timestamp_ms;
    if (newest) {
      if (device.last !== null && reading.timestamp_ms > device.last.timestamp_ms) this.countIdxGap(device, device.last.idx, reading.idx);
      device.last = reading;
    }
    return newest;
  }

  /** The device numbers its messages: a jump forward is messages lost on the device's side. */
  private countIdxGap(device: DeviceRecord<R>, previous: number, next: number): void {
    if (next > previous + 1 && next - previous <= MAX_PLAUSIBLE_IDX_GAP) device.lostMessages += next - previous - 1;
    else if (next < previous) device.idxResets += 1;
  }

  /**
   * Puts a device back as the local store kept it (after a restart): its newest reading, liveness,
   * counters and recent points. Registry identity is restored separately.
   */
  restoreDevice(snapshot: {
    readonly last: R;
    readonly lastSeenMs: number;
    readonly periodMs: number | null;
    readonly readings: number;
    readonly totalAlarms: number;
    readonly recent: ReadonlyArray<TimeseriesPoint>;
  }): void {
    const device = this.record(snapshot.last.device_id);
    device.last = snapshot.last;
    device.lastSeenMs = snapshot.lastSeenMs;
    device.periodMs = snapshot.periodMs;
    device.readings = snapshot.readings;
    device.totalAlarms = snapshot.totalAlarms;
    device.recent = new RecentPoints(RECENT_POINTS_PER_DEVICE);
    for (const p of snapshot.recent.slice(-RECENT_POINTS_PER_DEVICE)) {
      device.recent.add(p.timestamp, Date.parse(p.timestamp), p.temperature, p.risk_score, p.arc_count, p.voltage, p.current);
    }
    this.changed.add(device.id);
  }

  /**
   * The cloud's DeviceState table, as read now. `complete`: the read covered the whole table, so a
   * device missing from it no longer has cloud state.
   */
  applyCloudStates(states: ReadonlyArray<CloudDeviceState>, complete: boolean): void {
    const seen = new Set<string>();
    for (const state of states) {
      seen.add(state.device_id);
      const device = this.record(state.device_id);
      if (sameCloudState(device.cloud, state)) continue;
      device.cloud = state;
      this.changed.add(device.id);
    }
    if (!complete) return;
    for (const device of this.devices.values()) {
      if (device.cloud === null || seen.has(device.id)) continue;
      device.cloud = null;
      this.changed.add(device.id);
    }
  }

  /** The cloud's state, when it stands for the device (see cloud-device.ts). */
  private cloudOf(device: DeviceRecord<R>, nowMs: number): CloudDeviceState | null {
    const local = { lastSeenMs: device.lastSeenMs, newestTs: device.last?.timestamp_ms ?? null };
    return cloudStands(device.cloud, local, nowMs) ? device.cloud : null;
  }

  has(id: string): boolean {
    return this.devices.has(id);
  }

  size(): number {
    return this.devices.size;
  }

  /** Devices changed since the last call; the set is cleared. */
  takeChanged(): ReadonlyArray<string> {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }

  private online(device: DeviceRecord<R>, nowMs: number): boolean {
    if (device.last !== null && device.last.status_bits >= COMMUNICATION_ERROR_STATUS) return false;
    return isActive(device.lastSeenMs, nowMs) && !isSilent(device.lastSeenMs, device.periodMs, nowMs);
  }

  summary(id: string, nowMs: number): DeviceSummary | null {
    const device = this.devices.get(id);
    if (!device) return null;
    const cloud = this.cloudOf(device, nowMs);
    if (cloud !== null) {
      return {
        device_id: device.id,
        name: device.name,
        zone: device.zone,
        online: cloudOnline(cloud, nowMs),
        last_seen: cloudLastSeen(cloud),
        risk_level: cloud.risk_level,
        risk_score: cloud.risk_score,
        status_bits: cloud.status_bits,
        temperature: cloud.temperature,
        current: null,
        readings: null,
        position: device.position,
        source: 'cloud',
      };
    }
    const last = device.last;
    return {
      device_id: device.id,
      name: device.name,
      zone: device.zone,
      online: this.online(device, nowMs),
      last_seen: device.lastSeenMs === null ? null : new Date(device.lastSeenMs).toISOString(),
      risk_level: last ? asRiskLevel(last.risk_level) : null,
      risk_score: last ? last.risk_score : null,
      status_bits: last ? last.status_bits : null,
      temperature: last ? readingTemperature(last) : null,
      current: last ? last.current : null,
      readings: last ? readingsOf(last) : null,
      position: device.position,
      source: 'local',
    };
  }

  summaries(nowMs: number): ReadonlyArray<DeviceSummary> {
    const out: DeviceSummary[] = [];
    for (const id of [...this.devices.keys()].sort()) {
      const s = this.summary(id, nowMs);
      if (s) out.push(s);
    }
    return out;
  }

  info(id: string, nowMs: number): DeviceInfo | null {
    const device = this.devices.get(id);
    if (!device) return null;
    const cloud = this.cloudOf(device, nowMs);
    if (cloud !== null) {
      return {
        device_id: device.id,
        name: device.name,
        zone: device.zone,
        position: device.position,
        online: cloudOnline(cloud, nowMs),
        last_seen: cloudLastSeen(cloud),
        last_idx: cloud.idx,
        last_status_bits: cloud.status_bits,
        current_risk_level: cloud.risk_level,
        current_risk_score: cloud.risk_score,
        last_temperature: cloud.temperature,
        last_arc_count: cloud.arc_count,
        total_alarms: cloud.total_alarms ?? device.totalAlarms,
        lost_messages: device.lostMessages,
        idx_resets: device.idxResets,
        readings: device.readings,
        latest_analysis: null,
        source: 'cloud',
      };
    }
    const last = device.last;
    return {
      device_id: device.id,
      name: device.name,
      zone: device.zone,
      position: device.position,
      online: this.online(device, nowMs),
      last_seen: device.lastSeenMs === null ? null : new Date(device.lastSeenMs).toISOString(),
      last_idx: last ? last.idx : null,
      last_status_bits: last ? last.status_bits : null,
      current_risk_level: last ? asRiskLevel(last.risk_level) : null,
      current_risk_score: last ? last.risk_score : null,
      last_temperature: last ? readingTemperature(last) : null,
      last_arc_count: last ? last.arc_count : null,
      total_alarms: device.totalAlarms,
      lost_messages: device.lostMessages,
      idx_resets: device.idxResets,
      readings: device.readings,
      latest_analysis: null,
      source: 'local',
    };
  }

  latest(id: string): R | null {
    return this.devices.get(id)?.last ?? null;
  }

  timeseries(id: string): ReadonlyArray<TimeseriesPoint> {
    const device = this.devices.get(id);
    if (!device) return [];
    return device.recent.inTimeOrder();
  }

  /** Counts over the whole fleet, with the seed's rule: active = a reading within 5 minutes. */
  counts(nowMs: number): { total: number; active: number; distribution: RiskDistribution } {
    const distribution = { NORMAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
    let active = 0;
    for (const device of this.devices.values()) {
      const cloud = this.cloudOf(device, nowMs);
      if (cloud !== null) {
        if (!cloudActive(cloud, nowMs)) continue;
        active += 1;
        distribution[cloud.risk_level ?? 'NORMAL'] += 1;
        continue;
      }
      if (!isActive(device.lastSeenMs, nowMs)) continue;
      active += 1;
      const level = device.last ? asRiskLevel(device.last.risk_level) : null;
      distribution[level ?? 'NORMAL'] += 1;
    }
    return { total: this.devices.size, active, distribution };
  }

  /** Lost messages (idx gaps) over the whole fleet since this start. */
  totalLostMessages(): number {
    let n = 0;
    for (const device of this.devices.values()) n += device.lostMessages;
    return n;
  }

  totalReadings(): number {
    let n = 0;
    for (const device of this.devices.values()) n += device.readings;
    return n;
  }
}
