import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createScoringEngine, serializeContractOutcome } from '../../shared/scoring/index';
import type { BenchFigure, BenchSection } from './bench-types';

// Scoring throughput on one core. The input is the golden hour of 22 devices, replayed hour after
// hour with timestamps shifted, so every device's ring holds a full hour as in live operation.
// A bare JSON.parse of the same lines, measured in the same run, is the yardstick the machine
// sets; the ratio to it says how much the scoring costs on top of reading the line at all.

const HOURS = 24;
const RUNS = 5;

function goldenInputLines(): ReadonlyArray<string> {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'golden', 'scoring-input.jsonl.gz');
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((line) => line.length > 0);
}

function timeOf(value: unknown): number {
  return typeof value === 'number' ? value : Date.parse(String(value));
}

/** The golden hour repeated `hours` times, each copy shifted past the previous one. */
export function replicatedLines(hours: number): ReadonlyArray<string> {
  const messages = goldenInputLines().map((line) => JSON.parse(line) as Record<string, unknown>);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const m of messages) {
    const t = timeOf(m['timestamp']);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const span = last - first + 5_000;
  const out: string[] = [];
  for (let h = 0; h < hours; h++) {
    const shift = h * span;
    for (const m of messages) {
      const original = m['timestamp'];
      const shifted = timeOf(original) + shift;
      out.push(JSON.stringify({ ...m, timestamp: typeof original === 'number' ? shifted : new Date(shifted).toISOString() }));
    }
  }
  return out;
}

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

type Work = (lines: ReadonlyArray<string>) => number;

/**
 * Lines per second of each kind of work: every kind once per round, rounds repeated, median
 * taken; interleaving keeps a busy machine from favouring whichever kind ran in a quiet moment.
 */
function rates(lines: ReadonlyArray<string>, works: ReadonlyArray<Work>): ReadonlyArray<number> {
  for (const work of works) work(lines);
  const samples: number[][] = works.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    works.forEach((work, i) => {
      const start = performance.now();
      const n = work(lines);
      const seconds = (performance.now() - start) / 1000;
      (samples[i] as number[]).push(n / seconds);
    });
  }
  return samples.map(median);
}

let sink = 0;

export async function runScoringBench(): Promise<BenchSection> {
  const lines = replicatedLines(HOURS);

  const parseOnly: Work = (all) => {
    for (const line of all) sink += (JSON.parse(line) as { idx: number }).idx;
    return all.length;
  };
  const stateless: Work = (all) => {
    const engine = createScoringEngine({ history: false });
    for (const line of all) if (engine.scoreLine(line).ok) sink++;
    return all.length;
  };
  const withHistory: Work = (all) => {
    const engine = createScoringEngine();
    for (const line of all) if (engine.scoreLine(line).ok) sink++;
    return all.length;
  };
  const serialized: Work = (all) => {
    const engine = createScoringEngine();
    for (const line of all) sink += serializeContractOutcome(engine.scoreLine(line)).length;
    return all.length;
  };
  const [parseRate, statelessRate, historyRate, serializedRate] = rates(lines, [parseOnly, stateless, withHistory, serialized]) as [
    number,
    number,
    number,
    number,
  ];

  // Ring sizes after a day: what one hour of each device needs.
  const engine = createScoringEngine();
  const devices = new Set<string>();
  for (const line of lines) {
    const outcome = engine.scoreLine(line);
    if (outcome.ok) devices.add(outcome.result.device_id);
  }
  let largestRing = 0;
  for (const id of devices) largestRing = Math.max(largestRing, engine.historySize(id));

  const figures: BenchFigure[] = [
    { label: 'JSON.parse baseline', value: Math.round(parseRate), unit: 'lines/s' },
    { label: 'scored, stateless (history off)', value: Math.round(statelessRate), unit: 'readings/s' },
    { label: 'scored, with history (22 devices, 1-hour rings)', value: Math.round(historyRate), unit: 'readings/s' },
    { label: 'scored with history + contract JSON line', value: Math.round(serializedRate), unit: 'readings/s' },
    { label: 'stateless / JSON.parse', value: Number((statelessRate / parseRate).toFixed(3)), unit: 'ratio' },
    { label: 'with history / JSON.parse', value: Number((historyRate / parseRate).toFixed(3)), unit: 'ratio' },
    { label: 'largest ring after 24 h', value: largestRing, unit: 'readings' },
  ];
  return {
    name: 'scoring',
    figures,
    notes: [
      `${lines.length} lines: the golden hour (5,099 messages, 22 devices) replayed ${HOURS} times with shifted timestamps`,
      `each figure is the median of ${RUNS} interleaved runs after a warm-up, on one thread (node ${process.version})`,
      'scored = scoreLine(): JSON.parse, normalize, score, history; the target with history is 300,000 readings/s',
    ],
  };
}

function printSection(section: BenchSection): void {
  process.stdout.write(`${section.name}\n`);
  for (const f of section.figures) process.stdout.write(`  ${f.label.padEnd(50)} ${String(f.value).padStart(12)} ${f.unit}\n`);
  for (const note of section.notes ?? []) process.stdout.write(`  · ${note}\n`);
  if (sink === -1) process.stdout.write('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScoringBench().then(printSection, (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
