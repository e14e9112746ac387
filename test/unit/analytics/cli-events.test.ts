import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseScoreArgs } from '../../../electron/host/cli/score';
import { loadGoldenSets } from '../scoring/golden-fixtures';
import { isoAfter, quietMessage } from '../scoring/message-builder';

// `npm run --silent score -- --events [--registry FILE]`, run as an operator runs it: the event
// lines follow the result line of the reading that caused them, and the result lines stay exactly
// what `score` writes without --events.

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
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'emberwatch-events-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const REGISTRY = file(
  'registry.json',
  JSON.stringify({
    devices: [
      { id: 'A', name: 'Board A', zone: 'B1-F1' },
      { id: 'B', name: 'Board B', zone: 'B1-F1' },
      { id: 'C', name: 'Board C', zone: 'B1-F2' },
    ],
  }),
);

/** Six rounds of hot readings from A, B (one zone) and C (another); scoring puts each above 0.7 from its fifth reading. */
function hotStream(): string {
  const lines: string[] = [];
  for (let round = 0; round < 6; round++) {
    ['A', 'B', 'C'].forEach((deviceId, k) => {
      lines.push(
        JSON.stringify(
          quietMessage({ deviceId, idx: round, timestamp: isoAfter(round * 10 + k), pcbTemp: 70 + round, sensorTemp: 68, aArc: 10, status: 0b111111000000, co: 30, voc: 600 }),
        ),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

interface Line {
  readonly kind: 'result' | 'event';
  readonly body: Record<string, unknown>;
}

function parse(run: Run): ReadonlyArray<Line> {
  assert.equal(run.code, 0, run.stderr);
  return run.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const body = JSON.parse(l) as Record<string, unknown>;
      return { kind: typeof body.event === 'string' ? 'event' : 'result', body };
    });
}

describe('score --events', () => {
  test('event lines follow the result line of the reading that caused them', async () => {
    const lines = parse(await runScore(['--events', '--registry', REGISTRY], hotStream()));
    assert.equal(lines.filter((l) => l.kind === 'result').length, 18);
    let lastResult: Record<string, unknown> | null = null;
    const zoneOf: Record<string, string> = { A: 'B1-F1', B: 'B1-F1', C: 'B1-F2' };
    for (const line of lines) {
      if (line.kind === 'result') {
        lastResult = line.body;
        continue;
      }
      assert.ok(lastResult, 'an event line before any result line');
      const keys = Object.keys(line.body);
      assert.deepEqual(keys, ['event', keys[1] === 'zone' ? 'zone' : 'device_id', 'at', 'severity', 'values']);
      assert.equal(line.body.at, lastResult.timestamp);
      if (keys[1] === 'device_id') assert.equal(line.body.device_id, lastResult.device_id);
      else assert.equal(line.body.zone, zoneOf[lastResult.device_id as string]);
    }
    const kinds = new Set(lines.filter((l) => l.kind === 'event').map((l) => l.body.event));
    for (const expected of ['RANGE_VIOLATION', 'ARC_PATTERN', 'RISK_SPIKE', 'HIGH_RISK_CLUSTER']) assert.ok(kinds.has(expected), expected);
  });

  test('--registry: A and B form a cluster in their zone at B’s first reading above 0.7; C alone does not', async () => {
    const lines = parse(await runScore(['--events', '--registry', REGISTRY], hotStream()));
    const clusters = lines.map((l, i) => ({ ...l, i })).filter((l) => l.body.event === 'HIGH_RISK_CLUSTER');
    assert.equal(clusters.length, 1);
    const cluster = clusters[0] as Line & { i: number };
    assert.equal(cluster.body.zone, 'B1-F1');
    assert.deepEqual((cluster.body.values as Record<string, unknown>).devices, ['A', 'B']);
    const cause = lines.slice(0, cluster.i).reverse().find((l) => l.kind === 'result');
    assert.equal(cause?.body.device_id, 'B');
    assert.equal(cause?.body.idx, 4);
    assert.ok((cause?.body.risk_score as number) > 0.7);
  });

  test('without --registry the devices have no known neighbours: no zone events', async () => {
    const lines = parse(await runScore(['--events'], hotStream()));
    assert.ok(lines.some((l) => l.kind === 'event'));
    assert.ok(lines.every((l) => l.kind === 'result' || typeof l.body.device_id === 'string'));
  });

  test('the result lines are byte for byte those of score without --events (golden input)', async () => {
    const set = loadGoldenSets()[0];
    assert.ok(set);
    const input = `${set.input.join('\n')}\n`;
    const [plain, withEvents] = await Promise.all([runScore([], input), runScore(['--events'], input)]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(withEvents.code, 0, withEvents.stderr);
    const results = withEvents.stdout.split('\n').filter((l) => !l.startsWith('{"event":')).join('\n');
    assert.equal(results, plain.stdout);
    assert.ok(withEvents.stdout.length > plain.stdout.length, 'the golden hour raises some events');
  });

  test('an unusable registry, or --registry without --events, is a usage error (exit 2)', async () => {
    const bad = await runScore(['--events', '--registry', file('bad.json', '{"devices": 3}')], '');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid registry[\s\S]*devices/);
    const missing = await runScore(['--events', '--registry', join(dir, 'nope.json')], '');
    assert.equal(missing.code, 2);
    const alone = await runScore(['--registry', REGISTRY], '');
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--registry is used with --events/);
  });

  test('argument parsing', () => {
    assert.deepEqual(parseScoreArgs(['--events', '--registry=r.json']), {
      ok: true,
      args: { configPath: undefined, language: undefined, events: true, registryPath: 'r.json', help: false },
    });
    assert.equal(parseScoreArgs(['--events=yes']).ok, false);
    assert.equal(parseScoreArgs(['--events', '--registry']).ok, false);
  });
});
