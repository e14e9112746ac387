import type { Language } from '../../../shared/scoring';
import type { ScoringConfig } from '../../../shared/scoring';
import { csvDocument } from './csv';
import type { ChartMarker } from './pdf-chart';
import { drawChart } from './pdf-chart';
import { createReportDocument, facts, finishDocument, heading, stampPages, table } from './pdf-document';
import type { IncidentDetail, ReadingRow } from './report-data';
import type { ReportText } from './report-text';
import { formatClock, formatDuration, formatTime, reportText } from './report-text';
import type { StepForecast } from './step-prediction';
import { predictionText } from './step-prediction';

// One incident as a fire officer files it: PDF (A4) and CSV (timeline, then the episode's readings).

export interface ReportContext {
  readonly site: string;
  readonly language: Language;
  readonly config: ScoringConfig;
  readonly nowMs: number;
  readonly fontDir?: string;
}

const PRIORITY_COLOR: Readonly<Record<string, string>> = { critical: '#c62828', high: '#ef6c00', medium: '#f9a825', low: '#1565c0' };

/** Letters the font surely holds: alarm (presented), acknowledged, returned to normal unacknowledged, normal. */
const MARKER_LABEL: Readonly<Record<string, string>> = { unacknowledged: '!', acknowledged: 'A', rtn_unacknowledged: 'R', normal: 'N', shelved: 'S', out_of_service: 'O' };

/** The seed's advice may carry emoji, which the report font lacks (a box would be printed). */
export function printable(text: string): string {
  return text.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '').replace(/\s{2,}/g, ' ').trim();
}

/** The timeline names the device once, in the summary: `device:DEV0001:overcurrent` → `overcurrent`. */
function shortAlarm(alarmId: string, deviceId: string | null): string {
  const prefix = `device:${deviceId ?? ''}:`;
  return deviceId !== null && alarmId.startsWith(prefix) ? alarmId.slice(prefix.length) : alarmId;
}

function riskText(r: ReadingRow | null): string {
  if (r === null) return '–';
  return `${r.risk_level}${r.risk_score === null ? '' : ` ${r.risk_score.toFixed(2)}`}`;
}

/** At most ~600 points per line: a PDF stays small and the line looks the same. */
function thin(readings: ReadonlyArray<ReadingRow>): ReadonlyArray<ReadingRow> {
  const step = Math.max(1, Math.ceil(readings.length / 600));
  return step === 1 ? readings : readings.filter((_, i) => i % step === 0 || i === readings.length - 1);
}

export function incidentSummary(detail: IncidentDetail, ctx: ReportContext): ReadonlyArray<readonly [string, string]> {
  const t = reportText(ctx.language);
  const i = detail.incident;
  const end = i.end_ms ?? ctx.nowMs;
  return [
    [t.device, i.device_id ?? '–'],
    ...(i.device_ids.length > 1 ? [[t.devices, i.device_ids.join(', ')] as const] : []),
    [t.zone, i.zone ?? '–'],
    [t.firstOut, `${i.first_out.source} (${i.first_out.alarm_id})`],
    [t.highestPriority, i.highest_priority],
    [t.highestRisk, detail.max_risk.level === null ? '–' : `${detail.max_risk.level}${detail.max_risk.score === null ? '' : ` (${detail.max_risk.score.toFixed(2)})`}`],
    [t.start, formatTime(i.start_ms)],
    [t.end, i.end_ms === null ? t.stillOpen : formatTime(i.end_ms)],
    [t.duration, formatDuration(end - i.start_ms) + (i.end_ms === null ? ` (${t.stillOpen})` : '')],
    [t.timeToAck, i.first_ack_ms === null ? t.notAcknowledged : formatDuration(i.first_ack_ms - i.start_ms)],
    [t.acknowledgedBy, i.first_ack_by ?? '–'],
    [t.outcome, i.outcome],
    ['ID', i.id],
  ];
}

export async function incidentPdf(detail: IncidentDetail, ctx: ReportContext): Promise<Buffer> {
  const t = reportText(ctx.language);
  const i = detail.incident;
  const page = {
    site: ctx.site,
    title: `${t.incidentTitle} · ${i.device_id ?? i.zone ?? ''}`,
    footerNote: `Emberwatch · ${t.made} ${formatTime(ctx.nowMs)}`,
    ...(ctx.fontDir === undefined ? {} : { fontDir: ctx.fontDir }),
  };
  const doc = createReportDocument(page);
  heading(doc, `${t.incidentTitle}: ${i.device_id ?? i.zone ?? ''} — ${formatTime(i.start_ms)}`);
  heading(doc, t.summary);
  facts(doc, incidentSummary(detail, ctx));

  heading(doc, t.timeline);
  doc.fontSize(8).fillColor('#444444').text(t.predictionNote);
  doc.moveDown(0.3);
  const rows = timelineRows(detail, t);
  // A grouped zone incident names each row's device; one device's incident names it once, above.
  const several = i.device_ids.length > 1;
  table(
    doc,
    [
      { title: t.time, width: 44 },
      ...(several ? [{ title: t.device, width: 48 }] : []),
      { title: t.alarm, width: 100 },
      { title: t.priority, width: 42 },
      { title: t.change, width: 86 },
      { title: t.operator, width: 42 },
      { title: t.comment, width: 96 },
      { title: t.risk, width: 52 },
      { title: t.prediction, width: 126 },
    ],
    rows.map((r) => [
      formatClock(r.at),
      ...(several ? [r.device_id ?? '–'] : []),
      shortAlarm(r.alarm_id, several ? null : i.device_id),
      r.priority,
      `${r.from} → ${r.to}`,
      r.operator ?? '',
      r.comment ?? '',
      r.risk,
      r.prediction,
    ]),
  );

  heading(doc, t.charts);
  doc.fontSize(8).fillColor('#444444').text(t.markerLegend).fontSize(9).fillColor('#111111');
  // The charts draw the incident's device (the first-out's); the CSV holds every device's readings.
  const inEpisode = thin(detail.readings.filter((r) => r.device_id === i.device_id));
  if (inEpisode.length === 0) {
    doc.text(t.noReadings);
  } else {
    const from = inEpisode[0]!.ts;
    const to = Math.max(inEpisode[inEpisode.length - 1]!.ts, from + 1);
    const markers: ChartMarker[] = i.transitions.map((tr) => ({
      at: tr.at,
      label: MARKER_LABEL[tr.to] ?? '',
      color: PRIORITY_COLOR[tr.priority] ?? '#555555',
    }));
    const th = ctx.config.thresholds;
    drawChart(doc, {
      title: t.temperature, unit: '°C', fromMs: from, toMs: to, formatTime: formatClock, markers,
      series: [
        { label: 'PCB', color: '#c62828', points: inEpisode.map((r) => [r.ts, r.pcb_temperature] as const) },
        { label: 'sensor', color: '#6a1b9a', points: inEpisode.map((r) => [r.ts, r.sensor_temperature] as const) },
      ],
      thresholds: [
        { label: 'critical', value: th.temperatureC.critical, color: '#c62828' },
        { label: 'high', value: th.temperatureC.high, color: '#ef6c00' },
      ],
    });
    drawChart(doc, {
      title: t.electrical, unit: 'A / mA', fromMs: from, toMs: to, formatTime: formatClock, markers,
      series: [
        { label: 'current A', color: '#1565c0', points: inEpisode.map((r) => [r.ts, r.current] as const) },
        { label: 'leakage mA', color: '#2e7d32', points: inEpisode.map((r) => [r.ts, r.leakage_current] as const) },
      ],
      thresholds: [{ label: 'leakage', value: th.leakageMa, color: '#2e7d32' }],
    });
    drawChart(doc, {
      title: t.riskScore, unit: '0–1', fromMs: from, toMs: to, formatTime: formatClock, markers,
      series: [{ label: 'risk', color: '#37474f', points: inEpisode.filter((r) => r.risk_score !== null).map((r) => [r.ts, r.risk_score as number] as const) }],
      thresholds: [],
    });
  }

  heading(doc, t.recommendations);
  if (detail.recommendations.length === 0) doc.text(t.noRecommendations);
  for (const advice of detail.recommendations) doc.text(`• ${printable(advice)}`);

  heading(doc, t.journal);
  doc.fontSize(8).fillColor('#444444').text(t.journalNote);
  doc.moveDown(0.3);
  if (detail.journal.length === 0) doc.fontSize(9).fillColor('#111111').text(t.noJournal);
  else {
    table(
      doc,
      [
        { title: '#', width: 20 },
        { title: t.time, width: 58 },
        { title: t.operator, width: 48 },
        { title: t.action, width: 62 },
        { title: t.hash, width: 330 },
      ],
      detail.journal.map((j) => [String(j.seq), j.at.slice(11, 23), j.operator, j.action, j.hash]),
    );
  }
  stampPages(doc, page);
  return finishDocument(doc);
}

export interface TimelineRow {
  readonly at: number;
  /** The device the row's risk and prediction are about. */
  readonly device_id: string | null;
  readonly alarm_id: string;
  readonly priority: string;
  readonly from: string;
  readonly to: string;
  readonly cause: string;
  readonly operator: string | null;
  readonly station: string | null;
  readonly comment: string | null;
  readonly risk: string;
  readonly risk_level: string;
  readonly risk_score: number | null;
  readonly prediction: string;
  /** The first forecast measure's figures (temperature by default), for the CSV's columns. */
  readonly forecast: StepForecast | null;
  readonly journal_hash: string;
}

/** Transitions in order, each with the risk and prediction then and the journal hash of its operator action. */
export function timelineRows(detail: IncidentDetail, t: ReportText): TimelineRow[] {
  const used = new Set<number>();
  return detail.incident.transitions.map((tr, k) => {
    const step = detail.steps[k] ?? null;
    const reading = step?.reading ?? null;
    let hash = '';
    if (tr.operator !== null) {
      const entry = detail.journal.find((j) => !used.has(j.seq) && j.alarm_id === tr.alarm_id && j.operator === tr.operator && Date.parse(j.at) === tr.at);
      if (entry) {
        used.add(entry.seq);
        hash = entry.hash;
      }
    }
    return {
      at: tr.at,
      device_id: step?.device_id ?? null,
      alarm_id: tr.alarm_id,
      priority: tr.priority,
      from: tr.from,
      to: tr.to,
      cause: tr.cause,
      operator: tr.operator,
      station: tr.station,
      comment: tr.comment,
      risk: riskText(reading),
      risk_level: reading?.risk_level ?? '',
      risk_score: reading?.risk_score ?? null,
      prediction: predictionText(step?.prediction ?? null, t),
      forecast: step?.prediction?.forecasts[0] ?? null,
      journal_hash: hash,
    };
  });
}

export const READING_COLUMNS = [
  'ts', 'voltage', 'current', 'leakage_current', 'pcb_temperature', 'sensor_temperature', 'co', 'voc',
  'power_factor', 'arc_count', 'status_bits', 'risk_score', 'risk_level',
] as const;

function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function incidentCsv(detail: IncidentDetail, language: Language): string {
  const timeline = timelineRows(detail, reportText(language));
  return csvDocument([
    {
      name: 'timeline',
      header: [
        'time', 'device_id', 'alarm_id', 'priority', 'from', 'to', 'cause', 'operator', 'station', 'comment', 'risk', 'risk_level', 'risk_score',
        'prediction', 'forecast_measure', 'forecast_status', 'forecast_minutes_to_threshold', 'forecast_slope_per_minute', 'forecast_confidence', 'journal_hash',
      ],
      rows: timeline.map((r) => [
        new Date(r.at).toISOString(), r.device_id ?? '', r.alarm_id, r.priority, r.from, r.to, r.cause, r.operator ?? '', r.station ?? '', r.comment ?? '', r.risk,
        r.risk_level, num(r.risk_score), r.prediction, r.forecast?.measure ?? '', r.forecast?.status ?? '', num(r.forecast?.minutes_to_threshold),
        num(r.forecast?.slope_per_minute), num(r.forecast?.confidence), r.journal_hash,
      ]),
    },
    {
      name: 'readings',
      header: ['time', 'device_id', ...READING_COLUMNS],
      rows: detail.readings.map((r) => [new Date(r.ts).toISOString(), r.device_id, ...READING_COLUMNS.map((c) => (r[c] === null ? '' : String(r[c])))]),
    },
  ]);
}
