import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import uPlot from 'uplot';
import { chartColorsFromCss } from '../../components/charts/history-chart';
import { useElementSize } from '../../hooks/use-element-size';

interface PipelineChartProps {
  readonly title: string;
  readonly testId: string;
  /** Seconds since epoch. */
  readonly t: ReadonlyArray<number>;
  readonly values: ReadonlyArray<number | null>;
  readonly emptyText: string;
  /** Which of the theme's chart colours (--chart-1 …) draws the line. */
  readonly colorIndex: number;
  /** Re-creates the chart when the look changes (theme, language). */
  readonly look: string;
}

const HEIGHT = 90;
const HOUR_S = 3600;

/** A small uPlot line of one pipeline figure over the last hour (metrics.get, 10-second buckets). */
export function PipelineChart({ title, testId, t, values, emptyText, colorIndex, look }: PipelineChartProps): ReactElement {
  const boxRef = useRef<HTMLElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const size = useElementSize(plotRef);
  const data = [t as number[], values as Array<number | null>] as uPlot.AlignedData;
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const target = plotRef.current;
    const box = boxRef.current;
    if (target === null || box === null || size.width === 0) return undefined;
    const colors = chartColorsFromCss(box);
    const stroke = colors.series[colorIndex % colors.series.length] ?? colors.axis;
    const axis = { stroke: colors.axis, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 }, font: colors.font, size: 34 };
    const chart = new uPlot(
      {
        width: size.width,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          // Always the whole last hour, so a young console's few buckets sit at the right, not stretched.
          x: { time: true, range: (): uPlot.Range.MinMax => [Date.now() / 1000 - HOUR_S, Date.now() / 1000] },
          y: { range: (_u, min, max): uPlot.Range.MinMax => [Math.min(0, Number.isFinite(min) ? min : 0), Math.max(1, Number.isFinite(max) ? max : 1)] },
        },
        axes: [{ ...axis, size: 24 }, { ...axis, size: 44 }],
        series: [{}, { stroke, width: 1.5, spanGaps: false, points: { show: false } }],
      },
      latest.current,
      target,
    );
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
    // Colours are read from the theme at creation, so the look re-creates the chart; a new width resizes it below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [look, colorIndex, size.width === 0]);

  useEffect(() => {
    chartRef.current?.setData(data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, values]);

  useEffect(() => {
    if (size.width > 0) chartRef.current?.setSize({ width: size.width, height: HEIGHT });
  }, [size.width]);

  return (
    <figure className="chart health-chart" data-testid={testId} data-points={t.length} ref={boxRef}>
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-plot" ref={plotRef} role="img" aria-label={title} />
      {t.length === 0 && <p className="muted health-chart-empty">{emptyText}</p>}
    </figure>
  );
}
