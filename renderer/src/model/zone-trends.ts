import type { DeviceHistoryResponse } from '../../../shared/protocol/history-types';
import type { ScoringView } from '../../../shared/protocol/scoring-view';
import type { AlignedData, PanelSpec } from './history-series';
import { chartPanels } from './history-series';

/** Members drawn at most in one zone chart: the hottest, so a large room stays readable. */
export const ZONE_CHART_MEMBERS = 8;

/**
 * The members' temperature histories as one aligned set, a series per member. The host cuts every
 * history of the same window into the same buckets, so their timestamps line up; a member without
 * a bucket where another has one gets a gap there.
 */
export function alignZoneHistories(histories: ReadonlyArray<Pick<DeviceHistoryResponse, 'points'>>): AlignedData {
  const times = new Set<number>();
  for (const history of histories) for (const p of history.points) times.add(Date.parse(p.timestamp));
  const x = [...times].filter(Number.isFinite).sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const ys = histories.map((history) => {
    const values: Array<number | null> = new Array<number | null>(x.length).fill(null);
    for (const p of history.points) {
      const i = index.get(Date.parse(p.timestamp));
      if (i !== undefined) values[i] = p.temperature_max;
    }
    return values;
  });
  return [x.map((t) => t / 1000), ...ys];
}

/** A temperature panel with one line per member and the engine's temperature thresholds in effect. */
export function zonePanel(members: number, scoring: ScoringView): PanelSpec {
  const temperature = chartPanels(scoring).find((p) => p.id === 'temperature') as PanelSpec;
  return { ...temperature, series: Array.from({ length: members }, () => ({ key: 'temperature_max', scale: 'y', kind: 'line' }) as const) };
}
