import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diffRecords, loadGoldenSets } from './golden-fixtures';
import { quietMessage } from './message-builder';

// The command-line face, run as operators run it: a child process fed on stdin.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = join(ROOT, 'electron', 'host', 'cli', 'score.ts');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runScore(args: ReadonlyArray<string>, input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(input);
  });
}

function outputLines(run: Run): ReadonlyArray<string> {
  assert.ok(run.stdout.endsWith('\n') || run.stdout === '', 'output ends with a newline');
  const lines = run.stdout.split('\n');
  lines.pop();
  return lines;
}

const dir = mkdtempSync(join(tmpdir(), 'emberwatch-score-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function settingsFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('score CLI', () => {
  for (const set of loadGoldenSets()) {
    test(`${set.name}: one JSON line per input line, matching the golden vectors`, async () => {
      const run = await runScore([], `${set.input.join('\n')}\n`);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      const lines = outputLines(run);
      assert.equal(lines.length, set.input.length);
      const failures: string[] = [];
      lines.forEach((line, i) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          failures.push(`line ${i + 1} is not JSON: ${line.slice(0, 80)}`);
          return;
        }
        assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), `line ${i + 1}`);
        const diffs = diffRecords(JSON.parse(set.expected[i] as string), parsed);
        if (diffs.length > 0) failures.push(`line ${i + 1}: ${diffs.join('; ')}`);
      });
      assert.deepEqual(failures.slice(0, 10), []);
    });
  }

  test('the output holds the contract fields and nothing else', async () => {
    const run = await runScore([], `${JSON.stringify(quietMessage())}\n`);
    const [line] = outputLines(run);
    assert.deepEqual(Object.keys(JSON.parse(line as string)), [
      'device_id',
      'idx',
      'timestamp',
      'status_bits',
      'alarm_status',
      'risk_indicators',
      'validation',
      'rule_based_risk',
      'status_risk',
      'pattern_risk',
      'risk_modifier',
      'risk_score',
      'risk_level',
      'confidence',
      'alert_type',
    ]);
  });

  test('blank lines, CRLF and a last line without newline each get their answer', async () => {
    const good = JSON.stringify(quietMessage());
    const run = await runScore([], `${good}\r\n\r\n   \n${good}`);
    assert.equal(run.code, 0);
    const lines = outputLines(run).map((l) => JSON.parse(l) as { error?: { code: string } });
    assert.equal(lines.length, 4);
    assert.equal(lines[0]?.error, undefined);
    assert.equal(lines[1]?.error?.code, 'INVALID_JSON');
    assert.equal(lines[2]?.error?.code, 'INVALID_JSON');
    assert.equal(lines[3]?.error, undefined);
  });

  test('empty input gives empty output', async () => {
    const run = await runScore([], '');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
  });

  test('--config: the settings file’s "scoring" key overrides the defaults', async () => {
    const hot = `${JSON.stringify(quietMessage({ pcbTemp: 65 }))}\n`;
    const plain = JSON.parse(outputLines(await runScore([], hot))[0] as string);
    assert.equal(plain.risk_indicators.temperature_risk, 'CRITICAL');
    const file = settingsFile('tuned.json', { port: 5780, scoring: { thresholds: { temperatureC: { critical: 70 } } } });
    const tuned = await runScore(['--config', file], hot);
    assert.equal(tuned.code, 0, tuned.stderr);
    assert.equal(JSON.parse(outputLines(tuned)[0] as string).risk_indicators.temperature_risk, 'HIGH');
    const inline = await runScore([`--config=${file}`], hot);
    assert.equal(JSON.parse(outputLines(inline)[0] as string).risk_indicators.temperature_risk, 'HIGH');
  });

  test('--config without a "scoring" key keeps the defaults', async () => {
    const file = settingsFile('other.json', { port: 5780 });
    const run = await runScore(['--config', file], `${JSON.stringify(quietMessage({ pcbTemp: 65 }))}\n`);
    assert.equal(JSON.parse(outputLines(run)[0] as string).risk_indicators.temperature_risk, 'CRITICAL');
  });

  test('a bad settings file stops with exit code 2, the field named on stderr, nothing on stdout', async () => {
    const bad = settingsFile('bad.json', { scoring: { thresholds: { coPpm: 'high' }, bogus: 1 } });
    const run = await runScore(['--config', bad], `${JSON.stringify(quietMessage())}\n`);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /scoring\.thresholds\.coPpm must be a finite number/);
    assert.match(run.stderr, /scoring\.bogus is not a known setting/);
    const broken = settingsFile('broken.json', '{"scoring": ');
    const second = await runScore(['--config', broken], '');
    assert.equal(second.code, 2);
    assert.match(second.stderr, /broken\.json/);
    const missing = await runScore(['--config', join(dir, 'nope.json')], '');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json/);
  });

  test('--language adds recommendations (and the alert text when HIGH or CRITICAL)', async () => {
    const input = `${JSON.stringify(quietMessage({ voc: 450 }))}\n`;
    const en = JSON.parse(outputLines(await runScore(['--language', 'en'], input))[0] as string);
    assert.deepEqual(en.recommendations, ['Ventilate immediately', 'Find the source of the gas']);
    assert.equal(en.alert_message, undefined);
    const ko = JSON.parse(outputLines(await runScore(['--language=ko'], input))[0] as string);
    assert.deepEqual(ko.recommendations, ['즉시 환기 실시', '가스 누출원 확인']);
  });

  test('bad arguments: exit code 2 and usage on stderr', async () => {
    for (const args of [['--language', 'fr'], ['--bogus'], ['--config']]) {
      const run = await runScore(args, '');
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /usage: score/);
    }
    const help = await runScore(['--help'], '');
    assert.equal(help.code, 0);
    assert.equal(help.stdout, '');
    assert.match(help.stderr, /--config FILE/);
  });
});
