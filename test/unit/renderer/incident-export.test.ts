import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enIncidents } from '../../../renderer/src/i18n/en-incidents';
import { koIncidents } from '../../../renderer/src/i18n/ko-incidents';
import { localInputToMs, msToLocalInput } from '../../../renderer/src/views/incidents/incident-format';
import { reportBlob } from '../../../renderer/src/views/incidents/report-download';
import { exportStatus } from '../../../renderer/src/views/incidents/use-report-export';

// The pieces of the Incidents view that need no DOM: the report's bytes back from base64, the
// period picker's local times, the export's words, the host's outcome words in both languages.

describe('incident exports in the renderer', () => {
  it('turns the host’s base64 back into the same bytes, typed', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.from([0, 255, 128, 10, 13]), Buffer.from('사고 보고서')]);
    const blob = reportBlob({ filename: 'x.pdf', content_type: 'application/pdf', data_base64: bytes.toString('base64') });
    assert.equal(blob.type, 'application/pdf');
    assert.deepEqual(Buffer.from(await blob.arrayBuffer()), bytes);
  });

  it('reads and writes datetime-local values in local time, and refuses an empty one', () => {
    const ms = new Date(2026, 10, 22, 9, 30).getTime();
    assert.equal(msToLocalInput(ms), '2026-11-22T09:30');
    assert.equal(localInputToMs('2026-11-22T09:30'), ms);
    assert.equal(localInputToMs(''), undefined);
    assert.equal(localInputToMs('not a time'), undefined);
  });

  it('words the export’s outcome in the current language', () => {
    assert.equal(exportStatus({ kind: 'none' }, enIncidents), '');
    assert.equal(exportStatus({ kind: 'saved', file: 'a.pdf' }, enIncidents), 'Saved a.pdf');
    assert.equal(exportStatus({ kind: 'saved', file: 'a.pdf' }, koIncidents), 'a.pdf 저장됨');
    assert.match(exportStatus({ kind: 'failed', reason: 'no incident x' }, koIncidents), /no incident x/);
  });

  it('has Korean and English words for every outcome the host reports', async () => {
    const source = await import('node:fs').then((fs) => fs.readFileSync('electron/host/reports/incidents.ts', 'utf8'));
    const outcomes = [...source.matchAll(/return '((?:open|closed)[^']*)'/g)].map((m) => m[1]!);
    assert.ok(outcomes.length >= 8, outcomes.join(' | '));
    for (const o of outcomes) {
      assert.ok(enIncidents.outcomes[o] !== undefined, `en: ${o}`);
      assert.ok(koIncidents.outcomes[o] !== undefined, `ko: ${o}`);
    }
  });
});
