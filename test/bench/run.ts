import { cpus, totalmem } from 'node:os';
import type { BenchSection } from './bench-types';
import { formatSection } from './format';
import { runScoringBench } from './scoring.bench';

// `npm run bench`: every section measures its own baseline in the same run, so the ratios hold on a
// noisy machine; the absolute figures are for reading, not for asserting.

const SECTIONS: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<BenchSection> }> = [
  { name: 'scoring', run: runScoringBench },
  { name: 'analytics', run: async () => (await import('./analytics.bench')).runAnalyticsBench() },
  { name: 'store', run: async () => (await import('./store.bench')).runStoreBench() },
  { name: 'alarms', run: async () => (await import('./alarms.bench')).runAlarmsBench() },
  { name: 'ingest', run: async () => (await import('./ingest.bench')).runIngestBench() },
  { name: 'renderer', run: async () => (await import('./renderer.bench')).runRendererBench() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = only.length === 0 ? SECTIONS : SECTIONS.filter((s) => only.includes(s.name));
  if (chosen.length === 0) {
    process.stderr.write(`unknown section(s) ${only.join(', ')}; choose from ${SECTIONS.map((s) => s.name).join(', ')}\n`);
    process.exit(2);
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`Emberwatch bench — Node ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB\n`);
  for (const section of chosen) process.stdout.write(`${formatSection(await section.run())}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
