import type { Doc } from './pdf-document';
import { A4_WIDTH, FONT_BOLD, FONT_REGULAR, PAGE_MARGIN, ensureSpace } from './pdf-document';

// A line chart drawn as vectors: the measure over the episode, its thresholds as dashed lines,
// and a marker (a vertical tick with a letter) at each alarm transition.

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface ChartThreshold {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

export interface ChartMarker {
  readonly at: number;
  readonly label: string;
  readonly color: string;
}

export interface ChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly series: ReadonlyArray<ChartSeries>;
  readonly thresholds: ReadonlyArray<ChartThreshold>;
  readonly markers: ReadonlyArray<ChartMarker>;
  readonly formatTime: (ms: number) => string;
}

const CHART_HEIGHT = 130;
const AXIS_LEFT = 40;

function niceRange(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) return [min - 1, max + 1];
  const pad = (max - min) * 0.08;
  return [min - pad, max + pad];
}

export function drawChart(doc: Doc, spec: ChartSpec): void {
  ensureSpace(doc, CHART_HEIGHT + 40);
  const top = doc.y + 14;
  const left = PAGE_MARGIN + AXIS_LEFT;
  const width = A4_WIDTH - 2 * PAGE_MARGIN - AXIS_LEFT;
  const height = CHART_HEIGHT;
  doc.font(FONT_BOLD).fontSize(9).fillColor('#111111').text(`${spec.title} (${spec.unit})`, PAGE_MARGIN, doc.y);

  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of spec.series) for (const [, v] of s.points) { if (v < min) min = v; if (v > max) max = v; }
  for (const t of spec.thresholds) { if (t.value < min) min = t.value; if (t.value > max) max = t.value; }
  const [lo, hi] = niceRange(min, max);
  const span = Math.max(spec.toMs - spec.fromMs, 1);
  const x = (ms: number): number => left + ((ms - spec.fromMs) / span) * width;
  const y = (v: number): number => top + height - ((v - lo) / (hi - lo)) * height;

  doc.save();
  doc.rect(left, top, width, height).lineWidth(0.5).strokeColor('#888888').stroke();
  doc.font(FONT_REGULAR).fontSize(7).fillColor('#444444');
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    const yy = y(v);
    doc.moveTo(left, yy).lineTo(left + width, yy).lineWidth(0.2).strokeColor('#dddddd').stroke();
    const label = v.toFixed(Math.abs(hi - lo) < 10 ? 1 : 0);
    doc.text(/^-0(\.0)?$/.test(label) ? label.slice(1) : label, PAGE_MARGIN, yy - 3, { width: AXIS_LEFT - 4, align: 'right', lineBreak: false });
  }
  for (let i = 0; i <= 4; i++) {
    const ms = spec.fromMs + (span * i) / 4;
    const label = spec.formatTime(ms);
    const xx = x(ms);
    doc.text(label, Math.min(Math.max(xx - 30, left - 10), left + width - 60), top + height + 3, { width: 60, align: i === 4 ? 'right' : i === 0 ? 'left' : 'center', lineBreak: false });
  }
  for (const t of spec.thresholds) {
    const yy = y(t.value);
    doc.moveTo(left, yy).lineTo(left + width, yy).dash(3, { space: 2 }).lineWidth(0.7).strokeColor(t.color).stroke().undash();
    doc.fillColor(t.color).text(`${t.label} ${t.value}`, left + width - 104, yy - 9, { width: 100, align: 'right', lineBreak: false });
  }
  for (const m of spec.markers) {
    if (m.at < spec.fromMs || m.at > spec.toMs) continue;
    const xx = x(m.at);
    doc.moveTo(xx, top).lineTo(xx, top + height).lineWidth(0.6).strokeColor(m.color).stroke();
    doc.fillColor(m.color).fontSize(6.5).text(m.label, xx + 1.5, top + 2, { lineBreak: false });
  }
  for (const s of spec.series) {
    if (s.points.length === 0) continue;
    doc.lineWidth(1).strokeColor(s.color);
    s.points.forEach(([t, v], i) => (i === 0 ? doc.moveTo(x(t), y(v)) : doc.lineTo(x(t), y(v))));
    doc.stroke();
  }
  // Legend under the axis labels.
  let lx = left;
  const ly = top + height + 14;
  for (const s of spec.series) {
    doc.rect(lx, ly + 2, 10, 3).fillColor(s.color).fill();
    doc.fillColor('#333333').fontSize(7).text(s.label, lx + 13, ly, { lineBreak: false });
    lx += 13 + doc.widthOfString(s.label) + 14;
  }
  doc.restore();
  doc.x = PAGE_MARGIN;
  doc.y = ly + 14;
}
