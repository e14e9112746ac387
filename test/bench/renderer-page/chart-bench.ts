import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { createHistoryChart } from '../../../renderer/src/components/charts/history-chart';
import type { ChartColors } from '../../../renderer/src/components/charts/history-chart';
import { alignedFrom, chartPanels } from '../../../renderer/src/model/history-series';
import type { PanelSpec } from '../../../renderer/src/model/history-series';
import { DEFAULT_SCORING_VIEW } from '../../../renderer/src/state/scoring-slice';

// The device page's chart code in a page of its own, so the bench times exactly what the device
// page does with a day of 1 Hz data: decimate four series of 86,400 points, then let uPlot draw.

const DAY = 86_400;
const WIDTH = 1200;
const HEIGHT = 240;

const colors: ChartColors = {
  series: ['#ff9a3c', '#6cb6ff', '#5fbf8a', '#c792ea'],
  axis: '#93a0ad',
  grid: 'rgba(147,160,173,0.15)',
  critical: '#ff5a4f',
  warning: '#f2c94c',
  projection: '#ff9a3c',
  marker: { CRITICAL: '#ff5a4f', HIGH: '#ff9a3c', MEDIUM: '#f2c94c', LOW: '#6cb6ff' },
  font: '12px sans-serif',
};

function dayOfSeries(count: number): { x: Float64Array; ys: Float64Array[] } {
  const start = Math.floor(Date.now() / 1000) - DAY;
  const x = new Float64Array(DAY);
  for (let i = 0; i < DAY; i++) x[i] = start + i;
  const ys = Array.from({ length: count }, (_, s) => {
    const y = new Float64Array(DAY);
    let v = 30 + s * 5;
    // A random walk with a daily swing and the odd spike: nothing a decimator could shortcut.
    let seed = 1234 + s;
    for (let i = 0; i < DAY; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      v += (seed / 2147483648 - 0.5) * 0.4;
      y[i] = v + 8 * Math.sin((i / DAY) * 2 * Math.PI) + (seed % 9973 === 0 ? 25 : 0);
    }
    return y;
  });
  return { x, ys };
}

function fourSeriesPanel(): PanelSpec {
  const temperature = chartPanels(DEFAULT_SCORING_VIEW)[0] as PanelSpec;
  return { ...temperature, series: [0, 1, 2, 3].map(() => ({ key: 'temperature_max', scale: 'y', kind: 'line' }) as const) };
}

function waitForDraw(make: (onDraw: () => void) => uPlot): Promise<{ ms: number; chart: uPlot }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let chart: uPlot | null = null;
    let done = false;
    const finish = (): void => {
      if (done || chart === null) return;
      done = true;
      resolve({ ms: performance.now() - t0, chart });
    };
    chart = make(() => queueMicrotask(finish));
    // uPlot may already have drawn inside its constructor.
    queueMicrotask(finish);
  });
}

async function timeOurs(target: HTMLElement, data: { x: Float64Array; ys: Float64Array[] }): Promise<number> {
  let drawn = false;
  const { ms, chart } = await waitForDraw((onDraw) => {
    const aligned = alignedFrom(data.x, data.ys, 3, WIDTH * 2);
    return createHistoryChart(target, fourSeriesPanel(), aligned as uPlot.AlignedData, {
      width: WIDTH,
      height: HEIGHT,
      colors,
      seriesLabels: ['a', 'b', 'c', 'd'],
      onDraw: () => {
        drawn = true;
        onDraw();
      },
    });
  });
  chart.destroy();
  if (!drawn) throw new Error('the chart did not draw');
  return ms;
}

async function timePlain(target: HTMLElement, data: { x: Float64Array; ys: Float64Array[] }, series: number): Promise<number> {
  const { ms, chart } = await waitForDraw(
    (onDraw) =>
      new uPlot(
        {
          width: WIDTH,
          height: HEIGHT,
          scales: { x: { time: true } },
          series: [{}, ...data.ys.slice(0, series).map((_, i) => ({ stroke: colors.series[i] as string, points: { show: false } }))],
          hooks: { draw: [() => onDraw()] },
        },
        [data.x, ...data.ys.slice(0, series)] as unknown as uPlot.AlignedData,
        target,
      ),
  );
  chart.destroy();
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function run(rounds: number): Promise<Record<string, number>> {
  const target = document.getElementById('chart') as HTMLElement;
  const data = dayOfSeries(4);
  const ours: number[] = [];
  const oneRaw: number[] = [];
  const fourRaw: number[] = [];
  // Interleaved, and a warm-up round first, so neither kind gets the quiet moments.
  for (let r = 0; r <= rounds; r++) {
    const a = await timePlain(target, data, 1);
    const b = await timeOurs(target, data);
    const c = await timePlain(target, data, 4);
    if (r === 0) continue;
    oneRaw.push(a);
    ours.push(b);
    fourRaw.push(c);
  }
  return { ours: median(ours), oneRaw: median(oneRaw), fourRaw: median(fourRaw), points: data.x.length };
}

(window as unknown as { runChartBench: (rounds: number) => Promise<Record<string, number>> }).runChartBench = run;
document.body.dataset.ready = 'true';
