import uPlot from 'uplot';
import type { PanelSpec, ThresholdSpec } from '../../model/history-series';

/**
 * A device-page chart as uPlot options: the panel's series, its thresholds drawn as lines across
 * the plot, event markers and the trend's projection to its threshold. Plain DOM, no React, so the
 * bench can draw exactly what the device page draws.
 */

export interface ChartColors {
  readonly series: ReadonlyArray<string>;
  readonly axis: string;
  readonly grid: string;
  readonly critical: string;
  readonly warning: string;
  readonly projection: string;
  readonly marker: { readonly CRITICAL: string; readonly HIGH: string; readonly MEDIUM: string; readonly LOW: string };
  readonly font: string;
}

export interface ChartMarker {
  /** Seconds. */
  readonly at: number;
  readonly severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  readonly label: string;
}

/** A straight projection from the newest fitted value to where the trend meets its threshold. */
export interface ChartProjection {
  readonly fromAt: number;
  readonly fromValue: number;
  readonly toAt: number;
  readonly toValue: number;
}

export interface HistoryChartOptions {
  readonly width: number;
  readonly height: number;
  readonly colors: ChartColors;
  readonly seriesLabels: ReadonlyArray<string>;
  readonly markers?: ReadonlyArray<ChartMarker>;
  readonly projection?: ChartProjection | null;
  /** The time window shown (seconds), whatever the data covers; default: the data's extent. */
  readonly xRange?: readonly [number, number] | null;
  /** Charts sharing a key move their cursors together. */
  readonly syncKey?: string;
  /** Called after every draw, with the number of draws so far (tests read it from the DOM). */
  readonly onDraw?: (draws: number) => void;
  readonly timeZoneUtc?: boolean;
}

const FALLBACK_COLORS: ChartColors = {
  series: ['#ff9a3c', '#6cb6ff', '#5fbf8a', '#c792ea', '#f2c94c', '#4dd0c8', '#ff7aa8', '#b0bec5'],
  axis: '#93a0ad',
  grid: 'rgba(147,160,173,0.15)',
  critical: '#ff5a4f',
  warning: '#f2c94c',
  projection: '#ff9a3c',
  marker: { CRITICAL: '#ff5a4f', HIGH: '#ff9a3c', MEDIUM: '#f2c94c', LOW: '#6cb6ff' },
  font: '12px system-ui, sans-serif',
};

/** Reads the chart colours of the current theme from CSS custom properties. */
export function chartColorsFromCss(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const font = `${style.getPropertyValue('--chart-font-size').trim() || '12px'} ${style.fontFamily || 'system-ui, sans-serif'}`;
  return {
    series: FALLBACK_COLORS.series.map((fallback, i) => v(`--chart-${i + 1}`, fallback)),
    axis: v('--chart-axis', FALLBACK_COLORS.axis),
    grid: v('--chart-grid', FALLBACK_COLORS.grid),
    critical: v('--risk-critical', FALLBACK_COLORS.critical),
    warning: v('--warn', FALLBACK_COLORS.warning),
    projection: v('--chart-projection', FALLBACK_COLORS.projection),
    marker: {
      CRITICAL: v('--risk-critical', FALLBACK_COLORS.marker.CRITICAL),
      HIGH: v('--risk-high', FALLBACK_COLORS.marker.HIGH),
      MEDIUM: v('--risk-medium', FALLBACK_COLORS.marker.MEDIUM),
      LOW: v('--risk-low', FALLBACK_COLORS.marker.LOW),
    },
    font,
  };
}

function drawThresholds(u: uPlot, thresholds: ReadonlyArray<ThresholdSpec>, colors: ChartColors): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  for (const threshold of thresholds) {
    const scale = u.scales[threshold.scale];
    if (scale === undefined || scale.min == null || scale.max == null) continue;
    if (threshold.value < scale.min || threshold.value > scale.max) continue;
    const y = Math.round(u.valToPos(threshold.value, threshold.scale, true)) + 0.5;
    ctx.strokeStyle = threshold.severity === 'critical' ? colors.critical : colors.warning;
    ctx.setLineDash(threshold.severity === 'critical' ? [] : [6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
  }
  ctx.restore();
}

function drawMarkers(u: uPlot, markers: ReadonlyArray<ChartMarker>, colors: ChartColors): void {
  const { ctx, bbox } = u;
  const min = u.scales.x?.min;
  const max = u.scales.x?.max;
  if (min == null || max == null) return;
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  for (const marker of markers) {
    if (marker.at < min || marker.at > max) continue;
    const x = Math.round(u.valToPos(marker.at, 'x', true)) + 0.5;
    ctx.strokeStyle = colors.marker[marker.severity];
    ctx.fillStyle = colors.marker[marker.severity];
    ctx.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    // A small triangle at the top, so a marker reads as a marker and not as data.
    const s = 5 * devicePixelRatio;
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x - s, bbox.top);
    ctx.lineTo(x + s, bbox.top);
    ctx.lineTo(x, bbox.top + s * 1.4);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function drawProjection(u: uPlot, projection: ChartProjection, colors: ChartColors): void {
  const { ctx } = u;
  ctx.save();
  ctx.strokeStyle = colors.projection;
  ctx.lineWidth = 2 * devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(u.valToPos(projection.fromAt, 'x', true), u.valToPos(projection.fromValue, 'y', true));
  ctx.lineTo(u.valToPos(projection.toAt, 'x', true), u.valToPos(projection.toValue, 'y', true));
  ctx.stroke();
  ctx.restore();
}

export function historyChartOptions(panel: PanelSpec, options: HistoryChartOptions): uPlot.Options {
  const { colors } = options;
  let draws = 0;
  const thresholds = panel.thresholds;
  const markers = options.markers ?? [];
  const projection = options.projection ?? null;
  const xRange = options.xRange ?? null;
  const axisBase = {
    stroke: colors.axis,
    font: colors.font,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
  };
  const yRange = (u: uPlot, min: number, max: number, scale: 'y' | 'y2'): uPlot.Range.MinMax => {
    if (panel.range !== undefined) return [panel.range[0], panel.range[1]];
    // Thresholds of the scale stay in view, so "how far from the line" is always visible.
    let lo = min;
    let hi = max;
    for (const t of thresholds) {
      if (t.scale !== scale) continue;
      lo = Math.min(lo, t.value);
      hi = Math.max(hi, t.value);
    }
    if (projection !== null && scale === 'y') {
      lo = Math.min(lo, projection.toValue);
      hi = Math.max(hi, projection.toValue);
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
    const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
    return [panel.id === 'arcs' ? 0 : lo - pad, hi + pad];
  };
  const hasY2 = panel.series.some((s) => s.scale === 'y2');
  return {
    width: options.width,
    height: options.height,
    ...(options.timeZoneUtc ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
    legend: { show: true, live: true },
    cursor: options.syncKey === undefined ? { drag: { x: true, y: false } } : { sync: { key: options.syncKey }, drag: { x: true, y: false } },
    scales: {
      x: {
        time: true,
        range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
          let lo = xRange?.[0] ?? min;
          let hi = xRange?.[1] ?? max;
          if (projection !== null) hi = Math.max(hi, projection.toAt);
          if (!(hi > lo)) {
            lo -= 60;
            hi += 60;
          }
          return [lo, hi];
        },
      },
      y: { range: (u, min, max) => yRange(u, min, max, 'y') },
      ...(hasY2 ? { y2: { range: (u: uPlot, min: number, max: number) => yRange(u, min, max, 'y2') } } : {}),
    },
    axes: [
      { ...axisBase },
      { ...axisBase, scale: 'y', size: 56 },
      ...(hasY2 ? [{ ...axisBase, scale: 'y2', side: 1 as const, size: 56, grid: { show: false } }] : []),
    ],
    series: [
      {},
      ...panel.series.map((s, i) => ({
        label: options.seriesLabels[i] ?? s.key,
        scale: s.scale,
        stroke: colors.series[i % colors.series.length] as string,
        width: (i === 0 ? 2 : 1.5) * 1,
        spanGaps: false,
        // With few points (a device just seen) the points themselves are drawn, or a single one would not show.
        points: { show: (u: uPlot) => (u.data[0]?.length ?? 0) < 60, size: 5 },
        ...(s.kind === 'bars'
          ? { paths: uPlot.paths.bars?.({ size: [0.9, 8] }), fill: `${colors.series[i % colors.series.length] as string}99` }
          : {}),
      })),
    ],
    hooks: {
      draw: [
        (u) => {
          drawThresholds(u, thresholds, colors);
          if (markers.length > 0) drawMarkers(u, markers, colors);
          if (projection !== null) drawProjection(u, projection, colors);
          draws += 1;
          options.onDraw?.(draws);
        },
      ],
    },
  };
}

export function createHistoryChart(target: HTMLElement, panel: PanelSpec, data: uPlot.AlignedData, options: HistoryChartOptions): uPlot {
  return new uPlot(historyChartOptions(panel, options), data, target);
}
