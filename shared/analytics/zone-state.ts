import type { AnalyticsConfig } from './config';
import type { DeviceState } from './device-state';
import { above } from './numeric';
import type { DeviceCorrelationView, ZoneAnalyticsEvent } from './types';

// One zone's correlation state (the seed's MULTI_DEVICE_CORRELATION, limited to neighbours as its
// `analyze_device_correlation` meant). The zone looks at each member's newest reading; two members
// are "seen within 2 minutes of each other" when their newest readings are at most 2 minutes apart.
// The conditions are the zone's, not a pair's: HIGH_RISK_CLUSTER holds while two or more members
// are above 0.7; TEMP_DIVERGENCE while some pair differs by more than 20 °C and one of the two is
// above 0.5 (the query's WHERE). Each fires at onset and re-arms when a member's reading finds it
// false. Members with a risk above 0.5 are few, so the work per reading stays small.

const NO_EVENTS: ReadonlyArray<ZoneAnalyticsEvent> = Object.freeze([]);

export class ZoneState {
  readonly members: DeviceState[] = [];
  /** Members whose newest risk is above the cluster line. */
  readonly hot = new Set<DeviceState>();
  /** Members whose newest risk is above the pair gate (a superset of `hot` with the defaults). */
  readonly gated = new Set<DeviceState>();
  clusterActive = false;
  divergenceActive = false;
  clusterSinceMs = Number.NaN;
  divergenceSinceMs = Number.NaN;
  recentEvents: ZoneAnalyticsEvent[] | null = null;

  constructor(
    readonly id: string,
    readonly correlated: boolean,
    private readonly config: AnalyticsConfig,
  ) {}

  add(device: DeviceState): void {
    device.zone = this;
    device.zoneIndex = this.members.length;
    this.members.push(device);
    this.track(device);
  }

  remove(device: DeviceState): void {
    const i = device.zoneIndex;
    const last = this.members.pop() as DeviceState;
    if (last !== device) {
      this.members[i] = last;
      last.zoneIndex = i;
    }
    device.zone = null;
    device.zoneIndex = -1;
    this.hot.delete(device);
    this.gated.delete(device);
    device.inHot = false;
    device.inGated = false;
  }

  /** Keeps the hot and gated sets in step with the member's newest reading. */
  private track(device: DeviceState): void {
    const c = this.config.correlation;
    const eps = this.config.epsilon;
    const hot = above(device.latestRisk, c.clusterRisk, eps);
    if (hot !== device.inHot) {
      device.inHot = hot;
      if (hot) this.hot.add(device);
      else this.hot.delete(device);
    }
    const gated = above(device.latestRisk, c.pairRisk, eps);
    if (gated !== device.inGated) {
      device.inGated = gated;
      if (gated) this.gated.add(device);
      else this.gated.delete(device);
    }
  }

  private near(device: DeviceState, timeMs: number): boolean {
    return Math.abs(device.newestMs - timeMs) <= this.config.correlation.windowMs;
  }

  /** After a member's in-order reading: re-judges both zone conditions; returns the events that fire. */
  observe(device: DeviceState): ReadonlyArray<ZoneAnalyticsEvent> {
    this.track(device);
    if (!this.correlated) return NO_EVENTS;
    const c = this.config.correlation;
    const t = device.newestMs;
    const at = device.newestIso;
    let events: ZoneAnalyticsEvent[] | null = null;

    let hotNear = 0;
    if (this.hot.size >= 2) for (const h of this.hot) if (this.near(h, t)) hotNear++;
    const cluster = hotNear >= 2;
    if (cluster && !this.clusterActive) {
      const members = [...this.hot].filter((h) => this.near(h, t)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const risks = members.map((m) => m.latestRisk);
      (events ??= []).push({
        event: 'HIGH_RISK_CLUSTER',
        zone: this.id,
        at,
        severity: 'CRITICAL',
        values: {
          devices: members.map((m) => m.id),
          risk_scores: risks,
          device_count: members.length,
          avg_risk: risks.reduce((s, r) => s + r, 0) / risks.length,
          trigger_device: device.id,
        },
      });
      this.clusterSinceMs = t;
    }
    if (!cluster) this.clusterSinceMs = Number.NaN;
    this.clusterActive = cluster;

    const pair = this.gated.size > 0 ? this.widestPair(t) : null;
    const divergence = pair !== null && above(pair.temp_diff, c.divergenceC, this.config.epsilon);
    if (divergence && !this.divergenceActive && pair !== null) {
      (events ??= []).push({
        event: 'TEMP_DIVERGENCE',
        zone: this.id,
        at,
        severity: 'MEDIUM',
        values: {
          device1: pair.device1,
          device2: pair.device2,
          temperature1: pair.temperature1,
          temperature2: pair.temperature2,
          temp_diff: pair.temp_diff,
          risk_diff: pair.risk_diff,
          avg_risk: pair.avg_risk,
          trigger_device: device.id,
        },
      });
      this.divergenceSinceMs = t;
    }
    if (!divergence) this.divergenceSinceMs = Number.NaN;
    this.divergenceActive = divergence;

    if (events === null) return NO_EVENTS;
    const limit = this.config.recentEvents;
    if (limit > 0) {
      const kept = (this.recentEvents ??= []);
      kept.push(...events);
      if (kept.length > limit) kept.splice(0, kept.length - limit);
    }
    return events;
  }

  /**
   * The pair with the largest temperature difference among members seen within the window of
   * `timeMs`, one of them above the pair gate. One pass over the members finds the two hottest
   * and two coolest; each gated member pairs with the most distant one that is not itself.
   */
  private widestPair(timeMs: number): DeviceCorrelationView | null {
    let max1: DeviceState | null = null;
    let max2: DeviceState | null = null;
    let min1: DeviceState | null = null;
    let min2: DeviceState | null = null;
    for (const m of this.members) {
      if (!this.near(m, timeMs)) continue;
      const v = m.latestTemp;
      if (max1 === null || v > max1.latestTemp) {
        max2 = max1;
        max1 = m;
      } else if (max2 === null || v > max2.latestTemp) max2 = m;
      if (min1 === null || v < min1.latestTemp) {
        min2 = min1;
        min1 = m;
      } else if (min2 === null || v < min2.latestTemp) min2 = m;
    }
    let best: { hot: DeviceState; cold: DeviceState; diff: number } | null = null;
    for (const g of this.gated) {
      if (!this.near(g, timeMs)) continue;
      const hottest = max1 === g ? max2 : max1;
      const coolest = min1 === g ? min2 : min1;
      if (hottest !== null && hottest.latestTemp - g.latestTemp > (best?.diff ?? -1)) best = { hot: hottest, cold: g, diff: hottest.latestTemp - g.latestTemp };
      if (coolest !== null && g.latestTemp - coolest.latestTemp > (best?.diff ?? -1)) best = { hot: g, cold: coolest, diff: g.latestTemp - coolest.latestTemp };
    }
    if (best === null) return null;
    return correlationRow(best.hot, best.cold, this.config);
  }

  /** Every pair within the window where one of the two is above the pair gate (DEVICE_CORRELATIONS rows). */
  correlations(limit: number): ReadonlyArray<DeviceCorrelationView> {
    if (!this.correlated || this.gated.size === 0) return [];
    let newest = Number.NEGATIVE_INFINITY;
    for (const m of this.members) newest = Math.max(newest, m.newestMs);
    const rows: DeviceCorrelationView[] = [];
    const seen = new Set<string>();
    for (const g of this.gated) {
      if (Math.abs(g.newestMs - newest) > this.config.correlation.windowMs) continue;
      for (const m of this.members) {
        if (m === g || Math.abs(m.newestMs - g.newestMs) > this.config.correlation.windowMs) continue;
        const [a, b] = g.id < m.id ? [g, m] : [m, g];
        const key = `${a.id}\u0000${b.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push(correlationRow(a.latestTemp >= b.latestTemp ? a : b, a.latestTemp >= b.latestTemp ? b : a, this.config));
      }
    }
    const rank = (r: DeviceCorrelationView): number => (r.correlation_type === 'NORMAL' ? 1 : 0);
    rows.sort((x, y) => rank(x) - rank(y) || y.avg_risk - x.avg_risk || y.temp_diff - x.temp_diff);
    return rows.slice(0, limit);
  }
}

function correlationRow(hot: DeviceState, cold: DeviceState, config: AnalyticsConfig): DeviceCorrelationView {
  const c = config.correlation;
  const eps = config.epsilon;
  const tempDiff = Math.abs(hot.latestTemp - cold.latestTemp);
  const type =
    above(hot.latestRisk, c.clusterRisk, eps) && above(cold.latestRisk, c.clusterRisk, eps)
      ? 'HIGH_RISK_CLUSTER'
      : above(tempDiff, c.divergenceC, eps)
        ? 'TEMP_DIVERGENCE'
        : 'NORMAL';
  return {
    device1: hot.id,
    device2: cold.id,
    temperature1: hot.latestTemp,
    temperature2: cold.latestTemp,
    temp_diff: tempDiff,
    risk_diff: Math.abs(hot.latestRisk - cold.latestRisk),
    avg_risk: (hot.latestRisk + cold.latestRisk) / 2,
    correlation_type: type,
  };
}
