import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStreamAnalytics } from '../../shared/analytics/index';
import type { StreamAnalytics } from '../../shared/analytics/index';
import { createScoringEngine } from '../../shared/scoring/index';
import type { ScoringEngine } from '../../shared/scoring/index';
import { createSimulation } from '../../shared/simulator/index';
import type { BenchFigure, BenchSection } from './bench-types';

// Scoring + stream analytics for 10,000 devices reporting every second, on simulated event time.
// The simulator makes each round's ten seconds of messages outside the timed part; the same
// messages then go through scoring alone (the baseline) and through scoring + analytics, each
// with its own engines that live across rounds, so the windows fill as in live operation. The
// periodic work (FFT periodicity, arc-window trimming) runs inside the timed part as the host's
// timer would: a slice of the fleet every five seconds of event time.

const DEVICES = 10_000;
const ZONES = 400;
const ROUND_S = 10;
const WARMUP_ROUNDS = 2;
const ROUNDS = 8;
const PERIODIC_EVERY_S = 5;
const PERIODIC_SLICE = 2_000;
const START_MS = Date.parse('2026-03-01T08:00:00.000Z');

type Gc = () => void;

/** global.gc under `node --expose-gc`; otherwise V8's flag set at run time, which Node allows. */
function findGc(): { readonly gc: Gc | null; readonly how: string } {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (typeof existing === 'function') return { gc: existing, how: 'global.gc (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return { gc: gc as Gc, how: 'gc exposed at run time (v8.setFlagsFromString)' };
  } catch {
    // fall through to the estimate
  }
  return { gc: null, how: 'no gc available' };
}

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

let sink = 0;

export async function runAnalyticsBench(): Promise<BenchSection> {
  const simulation = createSimulation({
    devices: DEVICES,
    zones: ZONES,
    periodS: 1,
    seed: 42,
    scenario: 'mix:0.15',
    mixStaggerS: 60,
    timestamps: 'epoch',
    startMs: START_MS,
  });
  const registry = simulation.registry.devices.map((d) => ({ id: d.id, name: d.name, zone: d.zone, position: null }));

  const baselineEngine: ScoringEngine = createScoringEngine();
  const combinedEngine: ScoringEngine = createScoringEngine();
  let analytics: StreamAnalytics | null = createStreamAnalytics({ registry });
  let events = 0;
  let nextPeriodicMs = START_MS + PERIODIC_EVERY_S * 1000;

  const baseline = (batch: ReadonlyArray<unknown>): void => {
    for (const message of batch) {
      const outcome = baselineEngine.scoreMessage(message);
      if (outcome.ok) sink += outcome.result.idx;
    }
  };
  const combined = (batch: ReadonlyArray<unknown>, lastMs: number): void => {
    const a = analytics as StreamAnalytics;
    for (const message of batch) {
      const outcome = combinedEngine.scoreMessage(message);
      if (outcome.ok) events += a.observe(outcome.result).length;
    }
    while (nextPeriodicMs <= lastMs) {
      a.runPeriodic(PERIODIC_SLICE);
      nextPeriodicMs += PERIODIC_EVERY_S * 1000;
    }
  };

  const baselineRates: number[] = [];
  const combinedRates: number[] = [];
  let readings = 0;
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const batch: unknown[] = [];
    let lastMs = 0;
    for (let s = 0; s < ROUND_S; s++) {
      lastMs = START_MS + (round * ROUND_S + s) * 1000;
      for (const m of simulation.tick(lastMs)) batch.push(m.payload);
    }
    const timeBaseline = (): number => {
      const start = performance.now();
      baseline(batch);
      return batch.length / ((performance.now() - start) / 1000);
    };
    const timeCombined = (): number => {
      const start = performance.now();
      combined(batch, lastMs);
      return batch.length / ((performance.now() - start) / 1000);
    };
    // Alternate the order so neither kind always runs in the other's wake.
    const [b, c] = round % 2 === 0 ? [timeBaseline(), timeCombined()] : [timeCombined(), timeBaseline()].reverse() as [number, number];
    if (round >= WARMUP_ROUNDS) {
      baselineRates.push(b);
      combinedRates.push(c);
      readings += batch.length;
    }
  }
  const baselineRate = median(baselineRates);
  const combinedRate = median(combinedRates);
  const analyticsOnly = 1 / (1 / combinedRate - 1 / baselineRate);

  // The zone list (zone risk with the 15-minute trend correlation of every zone) is computed on request.
  const zonesStart = performance.now();
  const zoneCount = (analytics as StreamAnalytics).zones().zones.length;
  const zonesMs = performance.now() - zonesStart;
  const devices = (analytics as StreamAnalytics).deviceCount();
  const estimatePerDevice = (analytics as StreamAnalytics).memoryFootprint() / devices;
  const { gc, how } = findGc();
  let measuredPerDevice = Number.NaN;
  if (gc !== null) {
    // Typed arrays keep their bytes outside the JS heap: count both.
    const used = (): number => {
      gc();
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const withState = used();
    analytics = null;
    const without = used();
    measuredPerDevice = (withState - without) / devices;
  }

  const figures: BenchFigure[] = [
    { label: 'scoring alone (baseline)', value: Math.round(baselineRate), unit: 'readings/s' },
    { label: 'scoring + analytics', value: Math.round(combinedRate), unit: 'readings/s' },
    { label: 'scoring + analytics / scoring alone', value: Number((combinedRate / baselineRate).toFixed(3)), unit: 'ratio' },
    { label: 'analytics alone (derived)', value: Math.round(analyticsOnly), unit: 'readings/s' },
    { label: 'events raised', value: events, unit: 'events' },
    { label: `zones.list over ${ZONES} zones`, value: Number(zonesMs.toFixed(1)), unit: `ms (${zoneCount} zones)` },
    { label: 'memory per device, measured (heap delta)', value: Number.isFinite(measuredPerDevice) ? Math.round(measuredPerDevice) : Number.NaN, unit: 'bytes' },
    { label: 'memory per device, estimated (array sizes)', value: Math.round(estimatePerDevice), unit: 'bytes' },
  ];
  return {
    name: 'analytics',
    figures,
    notes: [
      `${DEVICES.toLocaleString('en-US')} devices in ${ZONES} zones reporting every second (simulator, scenario mix:0.15), ${readings.toLocaleString('en-US')} readings timed after ${WARMUP_ROUNDS * ROUND_S} s of warm-up`,
      `each rate is the median of ${ROUNDS} rounds of ${ROUND_S} s of event time, on one thread (node ${process.version}); periodic work (${PERIODIC_SLICE} devices every ${PERIODIC_EVERY_S} s) is inside the timed part`,
      `targets: ≥ 100,000 readings/s through scoring + analytics, ≤ 32 KB (32,768 bytes) per device; the hour's buckets are allocated whole at a device's first reading, so the figure holds for a full hour of windows`,
      `memory measured with ${how}: heap + array buffers with the analytics state, minus the same after releasing it, divided by the devices`,
    ],
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAnalyticsBench().then(
    (section) => {
      process.stdout.write(`${section.name}\n`);
      for (const f of section.figures) process.stdout.write(`  ${f.label.padEnd(44)} ${String(f.value).padStart(12)} ${f.unit}\n`);
      for (const note of section.notes ?? []) process.stdout.write(`  · ${note}\n`);
      if (sink === -1) process.stdout.write('\n');
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
