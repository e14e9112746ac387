import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createReportHandlers } from '../../../electron/host/reports/report-handlers';
import type { ReportFile } from '../../../shared/protocol';
import { harness } from '../host/alarms/helpers';
import { parseReportCsv } from './csv-parse';
import { DEVICE, runOverheatingEpisode } from './helpers';

// The incident of an overheating device, end to end below the transport: readings into the store
// and the alarm service (constructed readings, not the simulator's timing), an operator acknowledging
// with a Korean comment, then the incident found, its PDF and CSV made, and their contents checked.

const OUT = resolve('test-output/reports');
const HAS_POPPLER = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const SITE = '서울 제1변전소 (Seoul substation 1)';

function bytes(file: ReportFile): Buffer {
  return Buffer.from(file.data_base64, 'base64');
}

function pdfText(file: string): string[] {
  // pdftotext separates pages with a form feed.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
}

async function setUp(): Promise<{ h: ReturnType<typeof harness>; handlers: ReturnType<typeof createReportHandlers> }> {
  const h = harness({ language: 'ko' });
  await runOverheatingEpisode(h);
  const handlers = createReportHandlers({
    db: h.db,
    site: () => SITE,
    language: 'ko',
    now: () => h.clock.now,
    alarmConfig: h.service.config,
    alarms: () => h.service.allRecords(),
  });
  return { h, handlers };
}

describe('incident report of an overheating device', () => {
  it('finds one closed incident with its first-out cause, acknowledgement and outcome', async () => {
    const { h, handlers } = await setUp();
    try {
      const { incidents } = await handlers['incidents.list']({});
      assert.equal(incidents.length, 1);
      const i = incidents[0]!;
      assert.equal(i.device_id, DEVICE);
      assert.equal(i.zone, 'B1/F2');
      assert.equal(i.state, 'closed');
      assert.equal(i.highest_priority, 'critical');
      assert.equal(i.acknowledged_by, 'kim');
      assert.ok(i.alarm_ids.includes('device:DEV0001:sensor_temp_alarm'));
      assert.ok(i.time_to_ack_s !== null && i.time_to_ack_s > 0);
      assert.ok(i.duration_s !== null && i.duration_s > i.time_to_ack_s);
      // Filters.
      assert.equal((await handlers['incidents.list']({ device: 'OTHER' })).incidents.length, 0);
      assert.equal((await handlers['incidents.list']({ priority: 'critical', state: 'closed', zone: 'B1/F2' })).incidents.length, 1);
      assert.equal((await handlers['incidents.list']({ state: 'open' })).incidents.length, 0);
      assert.equal((await handlers['incidents.list']({ from: i.end!, to: Date.parse(i.end!) + 60_000 })).incidents.length, 1);
      assert.equal((await handlers['incidents.list']({ to: Date.parse(i.start) })).incidents.length, 0);
      await assert.rejects(handlers['incidents.list']({ priority: 'urgent' }), /priority/);
      await assert.rejects(handlers['report.file']({ kind: 'incident', format: 'pdf', id: 'device:NOPE@1' }), /no incident/);
    } finally {
      h.close();
    }
  });

  it('exports a CSV whose timeline and readings match the store', async () => {
    const { h, handlers } = await setUp();
    try {
      const [incident] = (await handlers['incidents.list']({})).incidents;
      const file = await handlers['report.file']({ kind: 'incident', format: 'csv', id: incident!.id });
      assert.equal(file.content_type, 'text/csv; charset=utf-8');
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, 'incident.csv'), bytes(file));
      const tables = parseReportCsv(bytes(file).toString('utf8'));
      const timeline = tables.get('timeline')!;
      const stored = h.db
        .prepare('SELECT * FROM alarm_transitions WHERE device_id = ? AND at >= ? AND at <= ? ORDER BY at, id')
        .all(DEVICE, Date.parse(incident!.start), Date.parse(incident!.end!)) as Array<Record<string, unknown>>;
      assert.equal(timeline.length, stored.length);
      timeline.forEach((row, k) => {
        assert.equal(Date.parse(row.time!), stored[k]!.at);
        assert.equal(row.alarm_id, stored[k]!.alarm_id);
        assert.equal(row.to, stored[k]!.to_state);
        assert.equal(row.operator, (stored[k]!.operator as string | null) ?? '');
      });
      // Risk and prediction at each step: the stored reading at or before it, and the analytics' forecast then.
      const riskAt = h.db.prepare(
        'SELECT r.risk_score FROM readings r JOIN device_keys k USING (device_key) WHERE k.device_id = ? AND r.ts <= ? ORDER BY r.ts DESC LIMIT 1',
      ).pluck();
      for (const row of timeline) {
        assert.equal(row.device_id, DEVICE);
        assert.equal(Number(row.risk_score), riskAt.get(DEVICE, Date.parse(row.time!)));
        assert.equal(row.forecast_measure, 'temperature');
        assert.ok(['RISING', 'ABOVE', 'NOT_RISING', 'INSUFFICIENT_DATA'].includes(row.forecast_status!));
        assert.match(row.prediction!, /^온도: /);
      }
      assert.equal(timeline[0]!.forecast_status, 'RISING', 'the first alarm came while the trend predicted 60 °C');
      assert.ok(Number(timeline[0]!.forecast_minutes_to_threshold) > 0);
      assert.match(timeline[0]!.prediction!, /분 후 60 °C 도달 예측/);
      assert.equal(timeline.find((r) => r.alarm_id?.endsWith(':sensor_temp_alarm'))!.forecast_status, 'ABOVE');
      const ack = timeline.find((r) => r.operator === 'kim')!;
      assert.equal(ack.comment, '현장 확인 중: 분전반 냉각');
      assert.match(ack.journal_hash!, /^[0-9a-f]{64}$/);
      const journalHashes = h.db.prepare('SELECT hash FROM journal').pluck().all() as string[];
      for (const row of timeline) if (row.journal_hash !== '') assert.ok(journalHashes.includes(row.journal_hash!));

      const readings = tables.get('readings')!;
      const margin = 2 * 60_000;
      const storeRows = h.db
        .prepare('SELECT r.ts, r.current, r.sensor_temperature, r.risk_score FROM readings r JOIN device_keys k USING (device_key) WHERE k.device_id = ? AND r.ts >= ? AND r.ts < ? ORDER BY r.ts')
        .all(DEVICE, Date.parse(incident!.start) - margin, Date.parse(incident!.end!) + margin) as Array<{ ts: number; current: number; sensor_temperature: number; risk_score: number | null }>;
      assert.ok(storeRows.length > 50);
      assert.equal(readings.length, storeRows.length);
      readings.forEach((row, k) => {
        const s = storeRows[k]!;
        assert.equal(Number(row.ts), s.ts);
        assert.equal(Date.parse(row.time!), s.ts);
        assert.equal(Number(row.sensor_temperature), s.sensor_temperature);
        assert.equal(Number(row.current), s.current);
        assert.equal(row.risk_score === '' ? null : Number(row.risk_score), s.risk_score);
      });
      assert.ok(readings.some((r) => r.risk_level === 'CRITICAL'));
    } finally {
      h.close();
    }
  });

  it(HAS_POPPLER ? 'exports an A4 PDF with its pages, Korean text, hashes and page numbers' : 'exports a PDF (SKIPPED: pdftotext/pdftoppm from poppler-utils are not installed)', { skip: !HAS_POPPLER }, async () => {
    const { h, handlers } = await setUp();
    try {
      const [incident] = (await handlers['incidents.list']({})).incidents;
      const file = await handlers['report.file']({ kind: 'incident', format: 'pdf', id: incident!.id });
      assert.equal(file.content_type, 'application/pdf');
      assert.match(file.filename, /^incident-DEV0001-.*\.pdf$/);
      const pdf = bytes(file);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      mkdirSync(OUT, { recursive: true });
      const path = join(OUT, 'incident.pdf');
      writeFileSync(path, pdf);
      const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
      assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      const pages = pdfText(path);
      assert.ok(pages.length >= 2, `${pages.length} pages`);
      const all = pages.join('\n');
      pages.forEach((page, k) => {
        assert.ok(page.includes('서울 제1변전소'), `page ${k + 1} has the site name`);
        assert.match(page, new RegExp(`\\b${k + 1}\\s*/\\s*${pages.length}\\s*$`), `page ${k + 1} is numbered`);
      });
      for (const text of ['예측', '60 °C 도달 예측', '임계값 60 °C 초과', '사고 보고서', '요약', '최초 원인', 'risk_high', '확인까지 걸린 시간', 'kim', '현장 확인 중: 분전반 냉각', '권장 조치', '저널 항목과 해시', 'critical', 'DEV0001', 'B1/F2']) {
        assert.ok(all.includes(text), `the PDF says "${text}"`);
      }
      // The seed's advice for an overheating reading (Korean), and every cited journal hash in full.
      assert.ok(/냉각|온도/.test(all), 'cooling advice in Korean');
      const hashes = h.db.prepare('SELECT hash FROM journal WHERE alarm_id LIKE ?').pluck().all('device:DEV0001:%') as string[];
      assert.ok(hashes.length >= 3);
      const raw = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
      for (const hash of hashes) assert.ok(raw.includes(hash), `hash ${hash.slice(0, 8)}… is printed`);

      for (const old of readdirSync(OUT).filter((f) => f.startsWith('incident-page'))) rmSync(join(OUT, old));
      execFileSync('pdftoppm', ['-png', '-r', '60', path, join(OUT, 'incident-page')]);
      assert.equal(readdirSync(OUT).filter((f) => f.startsWith('incident-page') && f.endsWith('.png')).length, pages.length);
    } finally {
      h.close();
    }
  });

  it(HAS_POPPLER ? 'exports a shift report (PDF and CSV) with the incident and the operator actions' : 'exports a shift report (SKIPPED: poppler-utils not installed)', { skip: !HAS_POPPLER }, async () => {
    const { h, handlers } = await setUp();
    try {
      const [incident] = (await handlers['incidents.list']({})).incidents;
      const from = Date.parse(incident!.start) - 3600_000;
      const to = h.clock.now + 1;
      const csv = await handlers['report.file']({ kind: 'shift', format: 'csv', from, to });
      const tables = parseReportCsv(bytes(csv).toString('utf8'));
      assert.equal(tables.get('incidents')!.length, 1);
      assert.equal(tables.get('incidents')![0]!.id, incident!.id);
      const byPriority = Object.fromEntries(tables.get('alarms_by_priority')!.map((r) => [r.priority, Number(r.count)]));
      assert.ok(byPriority.critical! >= 1 && byPriority.high! >= 1);
      const actions = tables.get('operator_actions')!;
      const journalCount = h.db.prepare('SELECT count(*) FROM journal WHERE at_ms >= ? AND at_ms < ?').pluck().get(from, to) as number;
      assert.equal(actions.length, journalCount);
      assert.ok(actions.some((a) => a.operator === 'kim' && a.comment === '현장 확인 중: 분전반 냉각'));
      assert.ok(tables.has('eemua_191') && tables.has('offline') && tables.has('shelved_out_of_service'));

      const pdf = await handlers['report.file']({ kind: 'shift', format: 'pdf', from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      mkdirSync(OUT, { recursive: true });
      const path = join(OUT, 'shift.pdf');
      writeFileSync(path, bytes(pdf));
      writeFileSync(join(OUT, 'shift.csv'), bytes(csv));
      const all = pdfText(path).join('\n');
      for (const text of ['근무 교대 보고서', '우선순위별 경보', 'EEMUA 191', '사고', 'DEV0001', '운영자 조치', '현장 확인 중']) assert.ok(all.includes(text), `the shift PDF says "${text}"`);
      assert.match(all, /1\s*\/\s*\d+/);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(OUT, 'shift-page')]);
      await assert.rejects(handlers['report.file']({ kind: 'shift', format: 'pdf', from: to, to: from }), /after/);
    } finally {
      h.close();
    }
  });
});
