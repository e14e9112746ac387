import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakGaps, minMaxDecimate } from '../../../renderer/src/model/downsample';
import { alignedFrom, chartPanels, panelData, panelHasData, historyPointsFor, seriesValue } from '../../../renderer/src/model/history-series';
import { DEFAULT_SCORING_VIEW } from '../../../renderer/src/state/scoring-slice';
import type { HistoryPoint } from '../../../shared/protocol/history-types';

const CHART_PANELS = chartPanels(DEFAULT_SCORING_VIEW);

describe('min/max decimation for charts', () => {
  it('passes short data through, with non-finite values as gaps', () => {
    const out = minMaxDecimate([1, 2, 3], [[5, Number.NaN, 7]], 10);
    assert.deepEqual([...out.x], [1, 2, 3]);
    assert.deepEqual(out.ys, [[5, null, 7]]);
  });

  it('keeps a one-second spike in a day at 1 Hz, with at most two points per bucket', () => {
    const n = 86_400;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => 30 + Math.sin(i / 600));
    y[40_000] = 95;
    y[70_000] = -5;
    const out = minMaxDecimate(x, [y], 1000);
    assert.ok(out.x.length <= 2000, `${out.x.length} points`);
    const values = out.ys[0] as Array<number | null>;
    assert.equal(Math.max(...values.map((v) => v ?? -Infinity)), 95);
    assert.equal(Math.min(...values.map((v) => v ?? Infinity)), -5);
    for (let i = 1; i < out.x.length; i++) assert.ok((out.x[i] as number) > (out.x[i - 1] as number), 'x stays increasing');
  });

  it('keeps the order in which the extremes happened, per series', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const rising = [1, 2, 3, 4, 5, 6, 7, 8];
    const falling = [8, 7, 6, 5, 4, 3, 2, 1];
    const out = minMaxDecimate(x, [rising, falling], 2);
    assert.deepEqual([...out.x], [0, 3, 4, 7]);
    assert.deepEqual(out.ys[0], [1, 4, 5, 8]);
    assert.deepEqual(out.ys[1], [8, 5, 4, 1]);
  });

  it('leaves a bucket with nothing measured as a gap', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const out = minMaxDecimate(x, [[1, 2, null, null, null, null, 3, 4]], 4);
    assert.deepEqual(out.ys[0], [1, 2, null, null, null, null, 3, 4]);
  });

  it('breaks the line where the device was silent', () => {
    const out = breakGaps([0, 60, 120, 3600, 3660], [[1, 2, 3, 4, 5]], 180);
    assert.deepEqual([...out.x], [0, 60, 120, 1860, 3600, 3660]);
    assert.deepEqual(out.ys[0], [1, 2, 3, null, 4, 5]);
    const aligned = alignedFrom([0, 60, 120, 3600, 3660], [[1, 2, 3, 4, 5]], 180, 800);
    assert.equal(aligned.length, 2);
    assert.equal((aligned[1] as Array<number | null>).includes(null), true);
  });
});

function point(timestamp: string, overrides: Partial<HistoryPoint> = {}): HistoryPoint {
  return {
    timestamp,
    readings: 30,
    temperature_min: 30,
    temperature_avg: 31,
    temperature_max: 33,
    risk_score_avg: 0.1,
    risk_score_max: 0.2,
    arc_count: 0,
    voltage_min: 219,
    voltage_avg: 220,
    voltage_max: 221,
    current_min: 5,
    current_avg: 6,
    current_max: 7,
    leakage_current_avg: 1,
    leakage_current_max: 1.5,
    ...overrides,
  };
}

describe('history panels', () => {
  it('draws worst cases per bucket, the two temperature sensors apart', () => {
    const p = point('2026-03-01T10:00:00.000Z', { pcb_temperature_max: 40, sensor_temperature_max: 55, co_max: 3, voc_max: 120, power_factor_min: 0.91 });
    assert.equal(seriesValue(p, 'sensor_temperature'), 55);
    assert.equal(seriesValue(p, 'pcb_temperature'), 40);
    assert.equal(seriesValue(p, 'co'), 3);
    assert.equal(seriesValue(p, 'power_factor'), 0.91);
    assert.equal(seriesValue(point('2026-03-01T10:00:00.000Z'), 'co'), null, 'an older host without the measure');
  });

  it('turns a history into aligned data in seconds, one array per series', () => {
    const history = {
      bucket_s: 60,
      points: [point('2026-03-01T10:00:00.000Z', { sensor_temperature_max: 40, pcb_temperature_max: 35 }), point('2026-03-01T10:01:00.000Z', { sensor_temperature_max: 41, pcb_temperature_max: 36 })],
    };
    const temperature = CHART_PANELS.find((p) => p.id === 'temperature');
    assert.ok(temperature);
    const data = panelData(history, temperature, 800);
    assert.deepEqual([...data[0]], [Date.parse('2026-03-01T10:00:00.000Z') / 1000, Date.parse('2026-03-01T10:01:00.000Z') / 1000]);
    assert.deepEqual(data.slice(1), [[40, 41], [35, 36]]);
    assert.equal(panelHasData(history, temperature), true);
    const gas = CHART_PANELS.find((p) => p.id === 'gas');
    assert.ok(gas);
    assert.equal(panelHasData(history, gas), false);
  });

  it('covers every measure the device page promises, each with its thresholds', () => {
    assert.deepEqual(CHART_PANELS.map((p) => p.id), ['temperature', 'voltage', 'current', 'leakage', 'gas', 'power_factor', 'arcs', 'risk']);
    const temperature = CHART_PANELS[0];
    assert.deepEqual(temperature?.thresholds.map((t) => t.value), [60, 50]);
  });

  it('asks for about a bucket per pixel, within the host limit', () => {
    assert.equal(historyPointsFor(700, 10_000), 700);
    assert.equal(historyPointsFor(10, 10_000), 60);
    assert.equal(historyPointsFor(50_000, 10_000), 10_000);
  });
});
