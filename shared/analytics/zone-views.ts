import type { AnalyticsConfig } from './config';
import type { DeviceState, Scratch } from './device-state';
import { MINUTE_MS } from './minute-buckets';
import { pearson } from './numeric';
import type { RiskLevelKey, ZoneDetailView, ZoneMemberView, ZoneSummaryView } from './types';
import type { ZoneState } from './zone-state';

// Zone risk for the zone list and page: how many members are HIGH or above, whether the zone's
// cluster and divergence conditions hold, and how alike the members' temperatures moved over the
// last 15 minutes (mean pairwise Pearson correlation of their one-minute means).

const MAX_CORRELATION_ROWS = 100;

function asLevel(level: string): RiskLevelKey | null {
  return level === 'NORMAL' || level === 'LOW' || level === 'MEDIUM' || level === 'HIGH' || level === 'CRITICAL' ? level : null;
}

interface TrendFacts {
  readonly correlation: number | null;
  readonly rising: number;
  readonly trends: ReadonlyMap<DeviceState, number | null>;
}

function trendFacts(zone: ZoneState, config: AnalyticsConfig, scratch: Scratch): TrendFacts {
  const c = config.correlation;
  const minutes = c.trendMinutes;
  let end = Number.NEGATIVE_INFINITY;
  for (const m of zone.members) end = Math.max(end, Math.floor(m.newestMs / MINUTE_MS));
  const trends = new Map<DeviceState, number | null>();
  let rising = 0;
  for (const m of zone.members) {
    const w = m.buckets.sumOver(end, minutes, scratch.sums);
    const trend = w.n >= 3 ? w.tempSlopePerMinute() : null;
    trends.set(m, trend);
    if (trend !== null && trend > config.temporal.stableTemperaturePerMin) rising += 1;
  }
  if (!zone.correlated || zone.members.length < 2) return { correlation: null, rising, trends };

  const chosen =
    zone.members.length <= c.maxTrendDevices
      ? zone.members
      : [...zone.members].sort((a, b) => b.latestRisk - a.latestRisk).slice(0, c.maxTrendDevices);
  const series: Float64Array[] = [];
  for (const m of chosen) {
    const s = new Float64Array(minutes).fill(Number.NaN);
    const k = m.buckets.minuteMeans(end, minutes, 'temperature', scratch.xs, scratch.ys);
    for (let i = 0; i < k; i++) s[minutes - 1 + Math.floor(scratch.xs[i] as number)] = scratch.ys[i] as number;
    series.push(s);
  }
  const a = new Float64Array(minutes);
  const b = new Float64Array(minutes);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < series.length; i++) {
    const si = series[i] as Float64Array;
    for (let j = i + 1; j < series.length; j++) {
      const sj = series[j] as Float64Array;
      let n = 0;
      for (let k = 0; k < minutes; k++) {
        const x = si[k] as number;
        const y = sj[k] as number;
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        a[n] = x;
        b[n] = y;
        n++;
      }
      const r = pearson(a, b, n);
      if (r === null) continue;
      sum += r;
      pairs += 1;
    }
  }
  return { correlation: pairs > 0 ? sum / pairs : null, rising, trends };
}

function summaryFrom(zone: ZoneState, facts: TrendFacts): ZoneSummaryView {
  let high = 0;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const m of zone.members) {
    if (m.latestLevel === 'HIGH' || m.latestLevel === 'CRITICAL') high += 1;
    max = Math.max(max, m.latestRisk);
    sum += m.latestRisk;
  }
  const n = zone.members.length;
  return {
    zone: zone.id,
    devices: n,
    correlated: zone.correlated,
    high_or_above: high,
    max_risk_score: n > 0 ? max : null,
    mean_risk_score: n > 0 ? sum / n : null,
    high_risk_cluster: zone.clusterActive,
    temp_divergence: zone.divergenceActive,
    temperature_trend_correlation: facts.correlation,
    rising_devices: facts.rising,
  };
}

export function zoneSummary(zone: ZoneState, config: AnalyticsConfig, scratch: Scratch): ZoneSummaryView {
  return summaryFrom(zone, trendFacts(zone, config, scratch));
}

export function zoneDetail(zone: ZoneState, config: AnalyticsConfig, scratch: Scratch): ZoneDetailView {
  const facts = trendFacts(zone, config, scratch);
  const members: ZoneMemberView[] = zone.members
    .map((m) => ({
      device_id: m.id,
      at: m.newestIso === '' ? null : m.newestIso,
      risk_score: Number.isFinite(m.latestRisk) ? m.latestRisk : null,
      risk_level: asLevel(m.latestLevel),
      temperature: Number.isFinite(m.latestTemp) ? m.latestTemp : null,
      temperature_trend: facts.trends.get(m) ?? null,
    }))
    .sort((x, y) => (y.risk_score ?? -1) - (x.risk_score ?? -1) || (x.device_id < y.device_id ? -1 : x.device_id > y.device_id ? 1 : 0));
  return {
    ...summaryFrom(zone, facts),
    members,
    correlations: zone.correlations(MAX_CORRELATION_ROWS),
    recent_events: zone.recentEvents ? [...zone.recentEvents].reverse() : [],
  };
}
