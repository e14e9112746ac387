import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import type uPlot from 'uplot';
import { useElementSize } from '../../hooks/use-element-size';
import type { AlignedData, PanelSpec } from '../../model/history-series';
import type { ChartMarker, ChartProjection } from './history-chart';
import { chartColorsFromCss, createHistoryChart } from './history-chart';

interface HistoryChartProps {
  readonly panel: PanelSpec;
  readonly title: string;
  readonly data: AlignedData;
  readonly seriesLabels: ReadonlyArray<string>;
  readonly markers: ReadonlyArray<ChartMarker>;
  readonly projection: ChartProjection | null;
  readonly xRange: readonly [number, number] | null;
  readonly height: number;
  /** Re-creates the chart when the look changes (theme, language). */
  readonly look: string;
}

/**
 * A uPlot chart in React: made once per panel and look, then fed new data with setData and new
 * sizes with setSize, so a refresh never rebuilds the canvas.
 */
export function HistoryChart({ panel, title, data, seriesLabels, markers, projection, xRange, height, look }: HistoryChartProps): ReactElement {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const size = useElementSize(plotRef);
  const latest = useRef({ data, size });
  latest.current = { data, size };
  const markersKey = JSON.stringify(markers);
  const projectionKey = JSON.stringify(projection);
  const rangeKey = JSON.stringify(xRange);

  useEffect(() => {
    const target = plotRef.current;
    const box = boxRef.current;
    if (target === null || box === null || latest.current.size.width === 0) return undefined;
    const chart = createHistoryChart(target, panel, latest.current.data as uPlot.AlignedData, {
      width: latest.current.size.width,
      height,
      colors: chartColorsFromCss(box),
      seriesLabels,
      markers,
      projection,
      xRange,
      syncKey: 'device-detail',
      onDraw: (draws) => box.setAttribute('data-draws', String(draws)),
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
    // Markers and the projection are drawn by hooks fixed at creation, so they re-create the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panel, height, look, markersKey, projectionKey, rangeKey, size.width === 0]);

  useEffect(() => {
    chartRef.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useEffect(() => {
    if (size.width > 0) chartRef.current?.setSize({ width: size.width, height });
  }, [size.width, height]);

  const points = data[0].length;
  return (
    <figure
      className="chart"
      data-testid="chart"
      data-panel={panel.id}
      data-points={points}
      data-thresholds={panel.thresholds.map((th) => th.value).join(',')}
      ref={boxRef}
    >
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-plot" ref={plotRef} />
    </figure>
  );
}
