import type { AlarmConfig } from '../../../shared/alarms/config';
import type { AlarmRecord, Priority } from '../../../shared/alarms/types';
import type { AnalyticsConfigOverride } from '../../../shared/analytics';
import { PRIORITIES } from '../../../shared/alarms/types';
import type { IncidentView, MethodName, MethodParams, MethodResult, ReportFile } from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { Language, ScoringConfig } from '../../../shared/scoring';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring';
import type { SqliteDatabase } from '../store/database';
import type { Incident, IncidentFilter, IncidentState } from './incidents';
import { incidentCsv, incidentPdf } from './incident-report';
import type { ReportContext } from './incident-report';
import { ReportData } from './report-data';
import { buildShiftReport, shiftCsv, shiftPdf } from './shift-report';

// The protocol face of incidents and reports: `incidents.list` and `report.file`. The files are
// made here, in the host, so the desktop app and serve mode hand out the same document.

export type ReportMethodName = 'incidents.list' | 'report.file';

export type ReportHandlers = {
  readonly [M in ReportMethodName & MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};

export interface ReportDeps {
  readonly db: SqliteDatabase;
  /** settings `site.name`, printed on every page. */
  readonly site: () => string;
  /** The console's language, or (in the host) a getter of the one in effect, read for every report. */
  readonly language: Language | (() => Language);
  readonly now: () => number;
  readonly alarmConfig: AlarmConfig;
  readonly alarms: () => ReadonlyArray<AlarmRecord>;
  /** The scoring settings, or (in the host) a getter of the live engine's, read for every report. */
  readonly scoringConfig?: ScoringConfig | (() => ScoringConfig);
  /** The analytics settings the host runs with, so a step's prediction is the console's own. */
  readonly analyticsConfig?: AnalyticsConfigOverride;
  readonly fontDir?: string;
}

/** A shift report covers at most this long (a month), so one request cannot read the whole store. */
export const MAX_SHIFT_MS = 31 * 24 * 3600 * 1000;

function time(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value));
  if (!Number.isFinite(ms)) throw new ProtocolError('BAD_REQUEST', `${name} must be epoch milliseconds or ISO-8601`);
  return ms;
}

function text(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200) throw new ProtocolError('BAD_REQUEST', `${name} must be a string of at most 200 characters`);
  return value;
}

export function incidentFilter(params: MethodParams<'incidents.list'>): IncidentFilter {
  const p = params ?? {};
  const priority = text('priority', p.priority);
  if (priority !== undefined && !(PRIORITIES as ReadonlyArray<string>).includes(priority)) {
    throw new ProtocolError('BAD_REQUEST', `priority must be one of ${PRIORITIES.join(', ')}`);
  }
  const state = text('state', p.state);
  if (state !== undefined && state !== 'open' && state !== 'closed') throw new ProtocolError('BAD_REQUEST', 'state must be open or closed');
  const filter: { -readonly [K in keyof IncidentFilter]: IncidentFilter[K] } = {};
  const from = time('from', p.from);
  const to = time('to', p.to);
  if (from !== undefined) filter.fromMs = from;
  if (to !== undefined) filter.toMs = to;
  const device = text('device', p.device);
  const zone = text('zone', p.zone);
  if (device !== undefined) filter.deviceId = device;
  if (zone !== undefined) filter.zone = zone;
  if (priority !== undefined) filter.priority = priority as Priority;
  if (state !== undefined) filter.state = state as IncidentState;
  return filter;
}

export function incidentView(i: Incident): IncidentView {
  const path = `/api/incidents/${encodeURIComponent(i.id)}/report`;
  return {
    id: i.id,
    device_id: i.device_id,
    device_ids: i.device_ids,
    zone: i.zone,
    state: i.state,
    first_out: i.first_out,
    alarm_ids: i.alarm_ids,
    highest_priority: i.highest_priority,
    start: new Date(i.start_ms).toISOString(),
    end: i.end_ms === null ? null : new Date(i.end_ms).toISOString(),
    duration_s: i.end_ms === null ? null : (i.end_ms - i.start_ms) / 1000,
    time_to_ack_s: i.first_ack_ms === null ? null : (i.first_ack_ms - i.start_ms) / 1000,
    acknowledged_by: i.first_ack_by,
    outcome: i.outcome,
    transitions: i.transitions.length,
    report: { pdf: `${path}.pdf`, csv: `${path}.csv` },
  };
}

function fileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

function file(name: string, format: string, body: Buffer | string): ReportFile {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    filename: `${fileName(name)}.${format}`,
    content_type: format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
    data_base64: bytes.toString('base64'),
  };
}

export function createReportHandlers(deps: ReportDeps): ReportHandlers {
  const data = new ReportData(deps.db, deps.language, deps.scoringConfig ?? DEFAULT_SCORING_CONFIG, deps.analyticsConfig);
  const context = (): ReportContext => ({
    site: deps.site(),
    language: data.language,
    config: data.config,
    nowMs: deps.now(),
    ...(deps.fontDir === undefined ? {} : { fontDir: deps.fontDir }),
  });
  return {
    'incidents.list': async (params) => {
      const incidents = data.incidents(incidentFilter(params), deps.now());
      return { incidents: incidents.reverse().map(incidentView) };
    },
    'report.file': async (params) => {
      const p = params ?? ({} as MethodParams<'report.file'>);
      if (p.format !== 'pdf' && p.format !== 'csv') throw new ProtocolError('BAD_REQUEST', 'format must be pdf or csv');
      const ctx = context();
      if (p.kind === 'incident') {
        const id = text('id', p.id);
        if (id === undefined) throw new ProtocolError('BAD_REQUEST', 'id is required');
        const incident = data.incident(id);
        if (incident === null) throw new ProtocolError('NOT_FOUND', `no incident ${id}`);
        const detail = data.detail(incident, ctx.nowMs);
        const name = `incident-${incident.device_id ?? incident.zone ?? 'console'}-${new Date(incident.start_ms).toISOString()}`;
        return file(name, p.format, p.format === 'pdf' ? await incidentPdf(detail, ctx) : incidentCsv(detail, ctx.language));
      }
      if (p.kind === 'shift') {
        const from = time('from', p.from);
        const to = time('to', p.to) ?? ctx.nowMs;
        if (from === undefined) throw new ProtocolError('BAD_REQUEST', 'from is required');
        if (to <= from) throw new ProtocolError('BAD_REQUEST', 'to must be after from');
        if (to - from > MAX_SHIFT_MS) throw new ProtocolError('BAD_REQUEST', 'a shift report covers at most 31 days');
        const report = buildShiftReport(data, deps.alarms(), deps.alarmConfig, from, to, ctx.nowMs);
        const name = `shift-${new Date(from).toISOString()}-${new Date(to).toISOString()}`;
        return file(name, p.format, p.format === 'pdf' ? await shiftPdf(report, ctx) : shiftCsv(report));
      }
      throw new ProtocolError('BAD_REQUEST', 'kind must be incident or shift');
    },
  };
}

/** Where a console has no database (tests of the service alone). */
export const NO_REPORT_HANDLERS: ReportHandlers = {
  'incidents.list': async () => {
    throw new ProtocolError('UNAVAILABLE', 'reports are not available in this console');
  },
  'report.file': async () => {
    throw new ProtocolError('UNAVAILABLE', 'reports are not available in this console');
  },
};
