import { isAnnunciation } from './activity';
import type { ChatteringSummary } from './chattering';
import { chatteringInPeriod } from './chattering';
import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import type { FloodEpisode } from './flood';
import { floodEpisodes } from './flood';
import { isStanding } from './record';
import type { AlarmSource } from './sources';
import type { AlarmRecord, AlarmTransition, Priority } from './types';
import { PRIORITIES } from './types';

// The EEMUA 191 figures over a period: alarm rate per 10 minutes, floods, chattering, stale
// alarms, priority split and the noisiest points. All from transition records and the current
// records, so the host can compute them for any period and any station's share of the fleet.

/** EEMUA 191 states the alarm rate per 10 minutes, whatever the flood window is set to. */
export const KPI_PERIOD_MS = 10 * 60_000;
const TOP_N = 10;

export interface KpiPeriod {
  readonly start: number;
  readonly count: number;
}

export interface StaleAlarm {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly state: AlarmRecord['state'];
  readonly activated_at: number;
  readonly age_ms: number;
}

export interface NoisyPoint {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly count: number;
}

export interface AlarmKpis {
  readonly from: number;
  readonly to: number;
  /** Alarms presented in [from, to), late ones included. */
  readonly alarms: number;
  readonly late: number;
  readonly per_10_min: {
    readonly average: number;
    readonly peak: number;
    /** Consecutive 10-minute periods from `from`; the last may be shorter. */
    readonly periods: ReadonlyArray<KpiPeriod>;
    /** Periods with more alarms than the flood threshold. */
    readonly periods_over_flood: number;
  };
  readonly floods: {
    readonly episodes: ReadonlyArray<FloodEpisode>;
    readonly time_in_flood_ms: number;
    readonly share_of_time: number;
  };
  readonly chattering: ReadonlyArray<ChatteringSummary>;
  /** Standing in the alarm list for longer than the stale limit at `to`. */
  readonly stale: ReadonlyArray<StaleAlarm>;
  /** Count and share of the period's alarms by priority (EEMUA 191: about 5 % high, 15 % medium, 80 % low). */
  readonly priority_split: Readonly<Record<Priority, { readonly count: number; readonly share: number }>>;
  readonly top_noisiest: ReadonlyArray<NoisyPoint>;
}

export interface KpiInput {
  readonly transitions: Iterable<AlarmTransition>;
  /** The current records, for stale alarms. */
  readonly alarms: Iterable<AlarmRecord>;
  readonly from: number;
  readonly to: number;
}

export function computeAlarmKpis(input: KpiInput, config: AlarmConfig = DEFAULT_ALARM_CONFIG): AlarmKpis {
  const { from, to } = input;
  const inPeriod: AlarmTransition[] = [];
  for (const t of input.transitions) if (t.at >= from && t.at < to) inPeriod.push(t);
  const alarms = inPeriod.filter(isAnnunciation).sort((a, b) => a.at - b.at);

  const periodCount = Math.max(1, Math.ceil((to - from) / KPI_PERIOD_MS));
  const counts = new Array<number>(periodCount).fill(0);
  for (const t of alarms) counts[Math.min(periodCount - 1, Math.floor((t.at - from) / KPI_PERIOD_MS))]!++;
  const periods = counts.map((count, i) => ({ start: from + i * KPI_PERIOD_MS, count }));
  const duration = Math.max(to - from, 1);

  const episodes = floodEpisodes(alarms, config, to);
  const timeInFlood = episodes.reduce((sum, e) => sum + (Math.min(e.ended_at ?? to, to) - e.started_at), 0);

  const split = {} as Record<Priority, { count: number; share: number }>;
  for (const priority of PRIORITIES) split[priority] = { count: 0, share: 0 };
  const byPoint = new Map<string, { alarm_id: string; source: AlarmSource; priority: Priority; count: number }>();
  for (const t of alarms) {
    split[t.priority].count++;
    const point = byPoint.get(t.alarm_id) ?? { alarm_id: t.alarm_id, source: t.source, priority: t.priority, count: 0 };
    point.count++;
    byPoint.set(t.alarm_id, point);
  }
  for (const priority of PRIORITIES) split[priority].share = alarms.length === 0 ? 0 : split[priority].count / alarms.length;
  const top = [...byPoint.values()].sort((a, b) => b.count - a.count || (a.alarm_id < b.alarm_id ? -1 : 1)).slice(0, TOP_N);

  const stale: StaleAlarm[] = [];
  for (const alarm of input.alarms) {
    if (!isStanding(alarm.state) || alarm.activated_at === null) continue;
    const age = to - alarm.activated_at;
    if (age > config.staleAfterMs) {
      stale.push({ alarm_id: alarm.id, source: alarm.source, priority: alarm.priority, state: alarm.state, activated_at: alarm.activated_at, age_ms: age });
    }
  }
  stale.sort((a, b) => b.age_ms - a.age_ms || (a.alarm_id < b.alarm_id ? -1 : 1));

  return {
    from,
    to,
    alarms: alarms.length,
    late: alarms.filter((t) => t.late).length,
    per_10_min: {
      average: alarms.length / (duration / KPI_PERIOD_MS),
      peak: Math.max(...counts),
      periods,
      periods_over_flood: counts.filter((c) => c > config.flood.moreThan).length,
    },
    floods: { episodes, time_in_flood_ms: timeInFlood, share_of_time: timeInFlood / duration },
    chattering: chatteringInPeriod(inPeriod, from, to, config),
    stale,
    priority_split: split,
    top_noisiest: top,
  };
}
