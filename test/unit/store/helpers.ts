import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteDatabase } from '../../../electron/host/store/database';
import { openDatabase } from '../../../electron/host/store/database';
import type { LocalStoreOptions } from '../../../electron/host/store/local-store';
import { LocalStore } from '../../../electron/host/store/local-store';
import type { ScoredReading, ScoringEngine } from '../../../shared/scoring/index';
import { createScoringEngine } from '../../../shared/scoring/index';
import { createSimulation } from '../../../shared/simulator/index';

export const START_MS = Date.UTC(2026, 2, 1, 9, 0, 0);

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'emberwatch-store-')), 'emberwatch.db');
}

export interface OpenedStore {
  readonly file: string;
  readonly db: SqliteDatabase;
  readonly store: LocalStore;
}

export function openStore(file = tempDbFile(), options: LocalStoreOptions = {}): OpenedStore {
  const db = openDatabase(file);
  return { file, db, store: new LocalStore(db, file, options) };
}

export interface TimedReading {
  readonly reading: ScoredReading;
  readonly receivedAtMs: number;
}

/**
 * A deterministic fleet's readings, scored in order by `engine` (a fresh one by default):
 * `seconds` of reports from `devices` devices, received 40 ms after their timestamps.
 */
export function simulatedReadings(options: {
  readonly devices: number;
  readonly seconds: number;
  readonly periodS?: number;
  readonly seed?: number;
  readonly startMs?: number;
  readonly scenario?: string;
  readonly engine?: ScoringEngine;
}): TimedReading[] {
  const startMs = options.startMs ?? START_MS;
  const simulation = createSimulation({
    devices: options.devices,
    zones: Math.max(1, Math.ceil(options.devices / 4)),
    periodS: options.periodS ?? 1,
    seed: options.seed ?? 11,
    startMs,
    scenario: options.scenario ?? 'mix:0.5',
    mixStaggerS: 30,
  });
  const engine = options.engine ?? createScoringEngine();
  const out: TimedReading[] = [];
  for (let s = 0; s <= options.seconds; s++) {
    for (const message of simulation.tick(startMs + s * 1000)) {
      const outcome = engine.scoreMessage(message.payload);
      if (!outcome.ok) throw new Error(`simulated message did not score: ${outcome.error.message}`);
      out.push({ reading: outcome.result, receivedAtMs: outcome.result.timestamp_ms + 40 });
    }
  }
  return out;
}

/** Queues every reading and waits until all are committed. */
export async function writeAll(store: LocalStore, readings: ReadonlyArray<TimedReading>): Promise<void> {
  for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
  await store.writer.settled();
}
