import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { en } from '../../../renderer/src/i18n/en';
import { formatBytes, formatDurationParts } from '../../../renderer/src/i18n/units';
import { ko } from '../../../renderer/src/i18n/ko';
import { REPO_ROOT } from '../../support/serve-process';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

describe('the console\'s languages', () => {
  it('Korean and English have the same strings', () => {
    assert.deepEqual(keys(ko).sort(), keys(en).sort());
  });

  it('every Hangul syllable the Korean screens use is in the shipped font subset', () => {
    const subset = new Set(readFileSync(join(REPO_ROOT, 'resources/fonts/pretendard-subset-glyphs.txt'), 'utf8'));
    const dir = join(REPO_ROOT, 'renderer/src/i18n');
    const missing = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f.startsWith('ko') && f.endsWith('.ts'))) {
      for (const char of readFileSync(join(dir, file), 'utf8')) {
        const code = char.codePointAt(0) ?? 0;
        if (code >= 0xac00 && code <= 0xd7a3 && !subset.has(char)) missing.set(char, [...(missing.get(char) ?? []), file]);
      }
    }
    assert.deepEqual([...missing.keys()], [], `syllables outside the font subset: ${[...missing].map(([c, f]) => `${c} (${[...new Set(f)].join(', ')})`).join(' ')}`);
  });

  it('formats sizes and durations', () => {
    assert.equal(formatBytes(999, 'en'), '999 B');
    assert.equal(formatBytes(1_234_567, 'en'), '1.2 MB');
    assert.equal(formatBytes(20e9, 'ko'), '20 GB');
    assert.deepEqual(formatDurationParts(90_061), { days: 1, hours: 1, minutes: 1, secs: 1 });
    assert.equal(en.number.duration(3725), '1 h 2 min');
    assert.equal(ko.number.duration(3725), '1시간 2분');
    assert.equal(en.detail.forecast('RISING', '60 °C', '7'), 'Reaches 60 °C in ~7 min');
    assert.equal(ko.detail.forecast('RISING', '60 °C', '7'), '약 7분 뒤 60 °C 도달');
  });
});
