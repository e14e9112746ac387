import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IncidentsResponse } from '../../shared/protocol';
import { getJson, startServeProcess } from '../support/serve-process';

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
