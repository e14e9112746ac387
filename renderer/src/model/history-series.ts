import type { DeviceHistoryResponse, HistoryPoint } from '../../../shared/protocol/history-types';
import type { ScoringView } from '../../../shared/protocol/scoring-view';
import { breakGaps, minMaxDecimate } from './downsample';

/**
 * The device page's charts, described as data: which measures each panel draws, with which
 * thresholds, from the host's downsampled history. The view turns a panel into a uPlot chart.
 * The thresholds are the ones the host scores with now (the store's `scoring`).
 */

export const CHART_PANEL_IDS = ['temperature', 'voltage', 'current', 'leakage', 'gas', 'power_factor', 'arcs', 'risk'] as const;
export type ChartPanelId = (typeof CHART_PANEL_IDS)[number];

export const SERIES_KEYS = [
  'pcb_temperature',
  'sensor_temperature',
  'temperature_max',
  'voltage',
  'current_avg',
  'current_max',
  'leakage_max',
  'co',
  'voc',
  'power_factor',
  'arcs',
  'risk_max',
  'risk_avg',
] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

export interface SeriesSpec {
  readonly key: SeriesKey;
  /** Which y scale (a panel has one or two). */
  readonly scale: 'y' | 'y2';
  readonly kind: 'line' | 'bars';
}

export interface ThresholdSpec {
  readonly value: number;
  readonly scale: 'y' | 'y2';
  /** `critical` lines are drawn solid, `warning` dashed. */
  readonly severity: 'critical' | 'warning';
}

export interface PanelSpec {
  readonly id: ChartPanelId;
  readonly unit: string;
  readonly unit2?: string;
  readonly series: ReadonlyArray<SeriesSpec>;
  readonly thresholds: ReadonlyArray<ThresholdSpec>;
  /** A fixed y range when the measure has natural bounds (risk 0…1, power factor). */
  readonly range?: readonly [number, number];
}

function buildPanels(scoring: ScoringView): ReadonlyArray<PanelSpec> {
  const T = scoring.thresholds;
  const L = scoring.levels;
  return [
    {
      id: 'temperature',
      unit: '°C',
      series: [
        { key: 'sensor_temperature', scale: 'y', kind: 'line' },
        { key: 'pcb_temperature', scale: 'y', kind: 'line' },
      ],
      thresholds: [
        { value: T.temperatureC.critical, scale: 'y', severity: 'critical' },
        { value: T.temperatureC.high, scale: 'y', severity: 'warning' },
      ],
    },
    {
      id: 'voltage',
      unit: 'V',
      series: [{ key: 'voltage', scale: 'y', kind: 'line' }],
      thresholds: [
        { value: T.overvoltageV, scale: 'y', severity: 'critical' },
        { value: T.undervoltageV, scale: 'y', severity: 'warning' },
      ],
    },
    {
      id: 'current',
      unit: 'A',
      series: [
        { key: 'current_max', scale: 'y', kind: 'line' },
        { key: 'current_avg', scale: 'y', kind: 'line' },
      ],
      thresholds: [{ value: T.overcurrentA, scale: 'y', severity: 'critical' }],
    },
    {
      id: 'leakage',
      unit: 'mA',
      series: [{ key: 'leakage_max', scale: 'y', kind: 'line' }],
      thresholds: [{ value: T.leakageMa, scale: 'y', severity: 'critical' }],
    },
    {
      id: 'gas',
      unit: 'ppm',
      unit2: 'µg/m³',
      series: [
        { key: 'co', scale: 'y', kind: 'line' },
        { key: 'voc', scale: 'y2', kind: 'line' },
      ],
      thresholds: [
        { value: T.coPpm, scale: 'y', severity: 'critical' },
        { value: T.vocUgM3, scale: 'y2', severity: 'warning' },
      ],
    },
    {
      id: 'power_factor',
      unit: '',
      series: [{ key: 'power_factor', scale: 'y', kind: 'line' }],
      thresholds: [{ value: T.powerFactorMin, scale: 'y', severity: 'critical' }],
      range: [0.5, 1.02],
    },
    {
      id: 'arcs',
      unit: '',
      series: [{ key: 'arcs', scale: 'y', kind: 'bars' }],
      thresholds: [],
    },
    {
      id: 'risk',
      unit: '',
      series: [
        { key: 'risk_max', scale: 'y', kind: 'line' },
        { key: 'risk_avg', scale: 'y', kind: 'line' },
      ],
      thresholds: [
        { value: L.critical, scale: 'y', severity: 'critical' },
        { value: L.high, scale: 'y', severity: 'warning' },
      ],
      range: [0, 1],
    },
  ];
}

// A chart is re-made when its panel object changes: the same thresholds object gives the same panels.
const panelSets = new WeakMap<ScoringView, ReadonlyArray<PanelSpec>>();

/** The device page's panels with the thresholds in effect; the same array for the same `scoring` object. */
export function chartPanels(scoring: ScoringView): ReadonlyArray<PanelSpec> {
  let panels = panelSets.get(scoring);
  if (panels === undefined) {
    panels = buildPanels(scoring);
    panelSets.set(scoring, panels);
  }
  return panels;
}

/** One measure of a history bucket; the worst case where the bucket spans many readings. */
export function seriesValue(point: HistoryPoint, key: SeriesKey): number | null {
  switch (key) {
    case 'pcb_temperature':
      return point.pcb_temperature_max ?? null;
    case 'sensor_temperature':
      return point.sensor_temperature_max ?? null;
    case 'temperature_max':
      return point.temperature_max;
    case 'voltage':
      return point.voltage_avg;
    case 'current_avg':
      return point.current_avg;
    case 'current_max':
      return point.current_max;
    case 'leakage_max':
      return point.leakage_current_max;
    case 'co':
      return point.co_max ?? null;
    case 'voc':
      return point.voc_max ?? null;
    case 'power_factor':
      return point.power_factor_min ?? null;
    case 'arcs':
      return point.arc_count;
    case 'risk_max':
      return point.risk_score_max;
    case 'risk_avg':
      return point.risk_score_avg;
  }
}

/** uPlot's aligned data: x in seconds, then one array per series. */
export type AlignedData = [Float64Array | number[], ...Array<Array<number | null>>];

/**
 * A panel's data from the history: bucket times in seconds, gaps of more than three buckets broken,
 * decimated to about two points per pixel column when there are more.
 */
export function panelData(history: Pick<DeviceHistoryResponse, 'points' | 'bucket_s'>, panel: PanelSpec, widthPx: number): AlignedData {
  const points = history.points;
  const x = points.map((p) => Date.parse(p.timestamp) / 1000);
  const ys = panel.series.map((s) => points.map((p) => seriesValue(p, s.key)));
  return alignedFrom(x, ys, Math.max(1, history.bucket_s) * 3, widthPx);
}

export function alignedFrom(x: ArrayLike<number>, ys: ReadonlyArray<ArrayLike<number | null>>, maxGapS: number, widthPx: number): AlignedData {
  const buckets = Math.max(16, Math.floor(widthPx));
  const decimated = minMaxDecimate(x, ys, buckets);
  // Gaps are judged after decimation, where neighbouring points may sit a whole pixel column apart.
  const span = x.length > 1 ? (x[x.length - 1] as number) - (x[0] as number) : 0;
  const broken = breakGaps(decimated.x, decimated.ys, Math.max(maxGapS, (span / buckets) * 2.5));
  return [broken.x, ...broken.ys];
}

/** Which panels have anything to draw (an older host sends no CO/VOC/power factor/sensor split). */
export function panelHasData(history: Pick<DeviceHistoryResponse, 'points'>, panel: PanelSpec): boolean {
  return history.points.some((p) => panel.series.some((s) => seriesValue(p, s.key) !== null));
}

export const HISTORY_RANGES = ['24h', '7d', '30d'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

export const RANGE_MS: { readonly [R in HistoryRange]: number } = {
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
  '30d': 30 * 24 * 3_600_000,
};

export function isHistoryRange(value: unknown): value is HistoryRange {
  return typeof value === 'string' && (HISTORY_RANGES as ReadonlyArray<string>).includes(value);
}

/** Buckets to ask the host for: about one per pixel column of the chart, within the host's limit. */
export function historyPointsFor(widthPx: number, maxPoints: number): number {
  return Math.max(60, Math.min(maxPoints, Math.round(widthPx)));
}
