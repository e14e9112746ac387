import type { AlarmConfig } from '../../../shared/alarms/config';
import type { JournalEntry } from '../../../shared/alarms/journal';
import type { AlarmKpis } from '../../../shared/alarms/kpi';
import { computeAlarmKpis } from '../../../shared/alarms/kpi';
import type { AlarmRecord, Priority } from '../../../shared/alarms/types';
import { PRIORITIES } from '../../../shared/alarms/types';
import type { CsvTable } from './csv';
import { csvDocument } from './csv';
import type { Incident } from './incidents';
import type { ReportContext } from './incident-report';
import { createReportDocument, facts, finishDocument, heading, stampPages, table } from './pdf-document';
import type { ReportData } from './report-data';
import { formatDuration, formatTime, reportText } from './report-text';

// What a supervisor hands over: the period's alarms by priority, the EEMUA 191 figures, incidents
// with their outcomes, devices that went offline, shelved and out-of-service points, and what the
// operators did.

export interface ShiftReport {
  readonly from_ms: number;
  readonly to_ms: number;
  readonly kpis: AlarmKpis;
  readonly by_priority: Readonly<Record<Priority, number>>;
  readonly incidents: ReadonlyArray<Incident>;
  /** Communication-loss alarms raised in the period: device, from, until (null: still lost). */
  readonly offline: ReadonlyArray<{ readonly device_id: string; readonly from_ms: number; readonly until_ms: number | null }>;
  /** Points shelved or out of service at any time in the period, with their state now. */
  readonly shelved: ReadonlyArray<{ readonly alarm_id: string; readonly state: string; readonly at: number; readonly operator: string | null; readonly comment: string | null }>;
  readonly actions: ReadonlyArray<JournalEntry>;
}

export function buildShiftReport(
  data: ReportData,
  alarms: ReadonlyArray<AlarmRecord>,
  config: AlarmConfig,
  fromMs: number,
  toMs: number,
  nowMs: number,
): ShiftReport {
  const transitions = data.transitions(fromMs, toMs);
  const kpis = computeAlarmKpis({ transitions, alarms, from: fromMs, to: toMs }, config);
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, kpis.priority_split[p].count])) as Record<Priority, number>;
  const offline: Array<{ device_id: string; from_ms: number; until_ms: number | null }> = [];
  const lost = new Map<string, number>();
  for (const t of transitions) {
    if (t.source !== 'communication_loss' || t.device_id === null) continue;
    if (t.from === 'normal' && t.to !== 'normal' && !lost.has(t.device_id)) lost.set(t.device_id, t.at);
    if (!t.condition_active && lost.has(t.device_id)) {
      offline.push({ device_id: t.device_id, from_ms: lost.get(t.device_id)!, until_ms: t.at });
      lost.delete(t.device_id);
    }
  }
  for (const [device, at] of lost) offline.push({ device_id: device, from_ms: at, until_ms: null });
  const shelved = transitions
    .filter((t) => t.to === 'shelved' || t.to === 'out_of_service')
    .map((t) => ({ alarm_id: t.alarm_id, state: t.to, at: t.at, operator: t.operator, comment: t.comment }));
  for (const record of alarms) {
    if ((record.state === 'shelved' || record.state === 'out_of_service') && !shelved.some((s) => s.alarm_id === record.id)) {
      shelved.push({ alarm_id: record.id, state: record.state, at: record.last_change_at ?? fromMs, operator: null, comment: null });
    }
  }
  return {
    from_ms: fromMs,
    to_ms: toMs,
    kpis,
    by_priority: byPriority,
    incidents: data.incidents({ fromMs, toMs }, nowMs),
    offline,
    shelved,
    actions: data.journalBetween(fromMs, toMs),
  };
}

function kpiFacts(report: ShiftReport): Array<readonly [string, string]> {
  const k = report.kpis;
  return [
    ['alarms', String(k.alarms)],
    ['per 10 min: average / peak', `${k.per_10_min.average.toFixed(2)} / ${k.per_10_min.peak}`],
    ['10-min periods over flood', String(k.per_10_min.periods_over_flood)],
    ['floods', `${k.floods.episodes.length} (${(k.floods.share_of_time * 100).toFixed(1)} % of the time)`],
    ['chattering points', k.chattering.map((c) => c.alarm_id).join(', ') || '0'],
    ['stale alarms', k.stale.map((s) => s.alarm_id).join(', ') || '0'],
    ['top noisy points', k.top_noisiest.map((n) => `${n.alarm_id} (${n.count})`).join(', ') || '–'],
  ];
}

export async function shiftPdf(report: ShiftReport, ctx: ReportContext): Promise<Buffer> {
  const t = reportText(ctx.language);
  const page = {
    site: ctx.site,
    title: t.shiftTitle,
    footerNote: `Emberwatch · ${t.made} ${formatTime(ctx.nowMs)}`,
    ...(ctx.fontDir === undefined ? {} : { fontDir: ctx.fontDir }),
  };
  const doc = createReportDocument(page);
  heading(doc, `${t.shiftTitle}: ${formatTime(report.from_ms)} – ${formatTime(report.to_ms)}`);
  facts(doc, [[t.period, formatDuration(report.to_ms - report.from_ms)]]);
  heading(doc, t.alarmsByPriority);
  table(doc, PRIORITIES.map((p) => ({ title: p, width: 1 })), [PRIORITIES.map((p) => `${report.by_priority[p]} (${(report.kpis.priority_split[p].share * 100).toFixed(0)} %)`)]);
  heading(doc, t.eemua);
  facts(doc, kpiFacts(report));
  heading(doc, t.incidents);
  if (report.incidents.length === 0) doc.text(t.noIncidents);
  else {
    table(
      doc,
      [{ title: t.start, width: 110 }, { title: t.device, width: 70 }, { title: t.firstOut, width: 100 }, { title: t.priority, width: 55 }, { title: t.duration, width: 60 }, { title: t.outcome, width: 130 }],
      report.incidents.map((i) => [formatTime(i.start_ms), i.device_ids.length > 0 ? i.device_ids.join(', ') : i.zone ?? '', i.first_out.source, i.highest_priority, i.end_ms === null ? t.stillOpen : formatDuration(i.end_ms - i.start_ms), i.outcome]),
    );
  }
  heading(doc, t.offline);
  if (report.offline.length === 0) doc.text(t.noneOffline);
  else table(doc, [{ title: t.device, width: 1 }, { title: t.start, width: 1 }, { title: t.end, width: 1 }], report.offline.map((o) => [o.device_id, formatTime(o.from_ms), o.until_ms === null ? t.stillOpen : formatTime(o.until_ms)]));
  heading(doc, t.shelvedOos);
  if (report.shelved.length === 0) doc.text(t.noneShelved);
  else table(doc, [{ title: t.alarm, width: 2 }, { title: t.state, width: 1 }, { title: t.time, width: 1.3 }, { title: t.operator, width: 1 }, { title: t.comment, width: 2 }], report.shelved.map((s) => [s.alarm_id, s.state, formatTime(s.at), s.operator ?? '', s.comment ?? '']));
  heading(doc, t.operatorActions);
  if (report.actions.length === 0) doc.text(t.noActions);
  else table(doc, [{ title: t.time, width: 1.4 }, { title: t.operator, width: 0.8 }, { title: t.action, width: 0.8 }, { title: t.alarm, width: 1.8 }, { title: t.comment, width: 1.6 }], report.actions.map((a) => [a.at, a.operator, a.action, a.alarm_id ?? '', a.comment ?? '']));
  stampPages(doc, page);
  return finishDocument(doc);
}

export function shiftCsv(report: ShiftReport): string {
  const tables: CsvTable[] = [
    { name: 'alarms_by_priority', header: ['priority', 'count', 'share'], rows: PRIORITIES.map((p) => [p, String(report.by_priority[p]), report.kpis.priority_split[p].share.toFixed(4)]) },
    { name: 'eemua_191', header: ['figure', 'value'], rows: kpiFacts(report).map(([k, v]) => [k, v]) },
    {
      name: 'incidents',
      header: ['id', 'device', 'devices', 'zone', 'first_out', 'highest_priority', 'start', 'end', 'time_to_ack_s', 'outcome'],
      rows: report.incidents.map((i) => [i.id, i.device_id ?? '', i.device_ids.join(' '), i.zone ?? '', i.first_out.source, i.highest_priority, new Date(i.start_ms).toISOString(), i.end_ms === null ? '' : new Date(i.end_ms).toISOString(), i.first_ack_ms === null ? '' : String((i.first_ack_ms - i.start_ms) / 1000), i.outcome]),
    },
    { name: 'offline', header: ['device', 'from', 'until'], rows: report.offline.map((o) => [o.device_id, new Date(o.from_ms).toISOString(), o.until_ms === null ? '' : new Date(o.until_ms).toISOString()]) },
    { name: 'shelved_out_of_service', header: ['alarm_id', 'state', 'at', 'operator', 'comment'], rows: report.shelved.map((s) => [s.alarm_id, s.state, new Date(s.at).toISOString(), s.operator ?? '', s.comment ?? '']) },
    { name: 'operator_actions', header: ['seq', 'at', 'operator', 'station', 'action', 'alarm_id', 'comment', 'hash'], rows: report.actions.map((a) => [String(a.seq), a.at, a.operator, a.station, a.action, a.alarm_id ?? '', a.comment ?? '', a.hash]) },
  ];
  return csvDocument(tables);
}
