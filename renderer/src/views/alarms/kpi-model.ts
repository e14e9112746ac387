import type { KpiResponse } from '../../../../shared/protocol/alarms-types';
import type { Priority } from '../../../../shared/alarms/types';

export type KpiPeriod = 'day' | 'week' | 'month';

const DAY_MS = 24 * 3_600_000;
const SPAN: Readonly<Record<KpiPeriod, number>> = { day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS };

/** The period's bounds, rounded to the minute so that the same request repeats within a minute. */
export function kpiRange(period: KpiPeriod, now: number): { readonly from: number; readonly to: number } {
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: to - SPAN[period], to };
}

/** EEMUA 191's healthy split, for comparison beside the measured one. */
export const EEMUA_SPLIT: Readonly<Record<Exclude<Priority, 'critical'>, number>> = { high: 0.05, medium: 0.15, low: 0.8 };

export function percent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)} %`;
}

export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/**
 * The per-10-minute counts grouped into at most `bars` bars (a week has 1008 periods): each bar the
 * peak of the periods it stands for, so a flood is never averaged away.
 */
export function rateBars(kpis: KpiResponse, bars = 144): ReadonlyArray<{ readonly start: number; readonly peak: number }> {
  const periods = kpis.per_10_min.periods;
  const group = Math.max(1, Math.ceil(periods.length / bars));
  const out: Array<{ start: number; peak: number }> = [];
  for (let i = 0; i < periods.length; i += group) {
    let peak = 0;
    for (let j = i; j < Math.min(periods.length, i + group); j++) peak = Math.max(peak, (periods[j] as { count: number }).count);
    out.push({ start: (periods[i] as { start: number }).start, peak });
  }
  return out;
}
