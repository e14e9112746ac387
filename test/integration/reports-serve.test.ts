import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { IncidentsResponse } from '../../shared/protocol';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import { startScenarioFeed } from '../support/scenario-feed';
import { getJson, REPO_ROOT, startServeProcess, waitFor } from '../support/serve-process';
import { parseReportCsv } from '../unit/reports/csv-parse';

// The reports as `serve` wires them: the site name from settings.json and the console's language
// reach the PDF the host makes. (The overheating incident itself is generated in
// test/unit/reports/incident-report.test.ts by driving the alarm service with constructed readings:
// the simulator's thermal scenarios take 15–20 minutes to develop.)

const HAS_POPPLER = spawnSync('pdftotext', ['-v']).status === 0;

test(HAS_POPPLER ? 'serve lists incidents and makes the shift report with the site name in Korean' : 'serve makes the shift report (SKIPPED: pdftotext from poppler-utils is not installed)', { skip: !HAS_POPPLER }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-reports-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ site: { name: '부산 물류센터' }, ui: { language: 'ko' } }));
  const serve = await startServeProcess(['--no-demo'], {}, dataDir);
  try {
    const list = await getJson<IncidentsResponse>(`${serve.url}/api/incidents?state=open`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.incidents, []);
    const to = Date.now();
    const pdf = await fetch(`${serve.url}/api/reports/shift.pdf?from=${to - 8 * 3600_000}&to=${to}`);
    assert.equal(pdf.status, 200, await pdf.clone().text());
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const file = join(dataDir, 'shift.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.ok(text.includes('부산 물류센터'), 'the site name from settings.json');
    assert.ok(text.includes('근무 교대 보고서'), 'the title in Korean');
    assert.ok(text.includes('이 기간에 사고가 없습니다.'));
    const csv = await fetch(`${serve.url}/api/reports/shift.csv?from=${to - 3600_000}&to=${to}`);
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), /# alarms_by_priority\r\npriority,count,share\r\ncritical,0,/);
  } finally {
    await serve.stop();
  }
});

const HEATING_DEVICE = 'DEV0019';

test(
  HAS_POPPLER && mosquittoAvailable()
    ? 'serve finds the incident of an overheating device and exports it: the PDF shows the prediction in Korean, the CSV matches the store'
    : 'serve exports an overheating device’s incident (SKIPPED: pdftotext or mosquitto is not installed)',
  { skip: !(HAS_POPPLER && mosquittoAvailable()) },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-reports-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ site: { name: '부산 물류센터' }, ui: { language: 'ko' } }));
    const broker = await startMosquitto();
    const serve = await startServeProcess([], { EMBERWATCH_MQTT_URL: broker.url }, dataDir);
    // The simulator's B1-F4 room heats up over half an hour, back-dated so DEV0019 is hot now.
    const feed = await startScenarioFeed({ url: broker.url, devices: 24, zones: 4, periodS: 2, seed: 7, scenario: `zone-heating:${HEATING_DEVICE}`, backfillS: 1800 });
    try {
      const incident = await waitFor('an incident of the heating device', async () => {
        const list = await getJson<IncidentsResponse>(`${serve.url}/api/incidents?device=${HEATING_DEVICE}`);
        return list.body.incidents.find((i) => i.alarm_ids.some((a) => a.endsWith(':sensor_temp_alarm') || a.endsWith(':pcb_temp_alarm')));
      }, 90_000);
      assert.ok(incident.device_ids.includes(HEATING_DEVICE));
      assert.equal(incident.zone, 'B1-F4');
      const out = join(REPO_ROOT, 'test-output', 'reports');
      mkdirSync(out, { recursive: true });

      const pdf = await fetch(`${serve.url}${incident.report.pdf}`);
      assert.equal(pdf.status, 200);
      const pdfFile = join(out, 'serve-incident.pdf');
      writeFileSync(pdfFile, Buffer.from(await pdf.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
      for (const words of ['부산 물류센터', '사고 보고서', '경보 전이와 운영자 조치', '예측', '위험도', HEATING_DEVICE, 'B1-F4']) {
        assert.ok(text.includes(words), `the PDF says "${words}"`);
      }
      assert.match(text, /온도: (\d+\.\d분 후 60 °C 도달 예측|임계값 60 °C 초과)/, 'a temperature prediction at a step');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(out, 'serve-incident-page')]);

      const csv = await fetch(`${serve.url}${incident.report.csv}`);
      assert.equal(csv.status, 200);
      const tables = parseReportCsv(await csv.text());
      const timeline = tables.get('timeline')!;
      assert.ok(timeline.length >= 2);
      assert.ok(timeline.some((r) => r.forecast_status === 'RISING' || r.forecast_status === 'ABOVE'), 'the console foresaw or saw the threshold');
      // The rows are the store's: every transition and reading the CSV names is in emberwatch.db.
      const db = new Database(join(dataDir, 'emberwatch.db'), { readonly: true, fileMustExist: true });
      try {
        const transition = db.prepare('SELECT count(*) FROM alarm_transitions WHERE alarm_id = ? AND at = ? AND to_state = ?').pluck();
        for (const row of timeline) assert.equal(transition.get(row.alarm_id, Date.parse(row.time!), row.to), 1, `${row.alarm_id} → ${row.to} at ${row.time}`);
        const reading = db.prepare('SELECT r.sensor_temperature, r.risk_score FROM readings r JOIN device_keys k USING (device_key) WHERE k.device_id = ? AND r.ts = ?');
        const readings = tables.get('readings')!;
        assert.ok(readings.length > 10);
        for (const row of readings.slice(0, 200)) {
          const stored = reading.get(row.device_id, Number(row.ts)) as { sensor_temperature: number; risk_score: number | null } | undefined;
          assert.ok(stored, `reading ${row.device_id} @ ${row.ts} is stored`);
          assert.equal(Number(row.sensor_temperature), stored.sensor_temperature);
          assert.equal(row.risk_score === '' ? null : Number(row.risk_score), stored.risk_score);
        }
      } finally {
        db.close();
      }
    } finally {
      await feed.stop();
      await serve.stop();
      await broker.stop();
    }
  },
);
