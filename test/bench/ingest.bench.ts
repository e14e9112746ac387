import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync } from 'mqtt';
import type { ConnectionSettings } from '../../electron/host/config/settings';
import { FleetState } from '../../electron/host/fleet/fleet-state';
import { IngestPipeline } from '../../electron/host/ingest/ingest-pipeline';
import { MqttConnection } from '../../electron/host/ingest/mqtt-connection';
import { QuarantineLog } from '../../electron/host/ingest/quarantine';
import { createLogger } from '../../electron/host/log/logger';
import { openDatabase } from '../../electron/host/store/database';
import { LocalStore } from '../../electron/host/store/local-store';
import type { ScoredReading } from '../../shared/scoring';
import { createScoringEngine } from '../../shared/scoring';
import { startMosquitto } from '../support/mosquitto';
import type { BenchFigure, BenchSection } from './bench-types';

// The console's lifeline measured end to end against a real Mosquitto, with the publisher in a
// separate process: a bare mqtt.js subscriber's receive rate (the yardstick, same QoS, same broker,
// same run) against the console's full pipeline (receive → parse → validate → score → commit →
// PUBACK), with the broker's in-flight window at its default (20) and raised (1,000).

const MESSAGES = 60_000;
const PUBLISHER = join(dirname(fileURLToPath(import.meta.url)), 'support', 'publisher.ts');

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
}

async function publish(url: string, count: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PUBLISHER, url, String(count), '4', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited with ${code}`))));
  });
}

async function bareSubscriber(url: string): Promise<number> {
  const client = await connectAsync(url, { clientId: 'bench-bare', clean: true });
  let received = 0;
  let first = 0;
  let last = 0;
  client.on('message', () => {
    if (received === 0) first = Date.now();
    received += 1;
    last = Date.now();
  });
  await client.subscribeAsync('fire-prediction/device/+/data', { qos: 1 });
  await publish(url, MESSAGES);
  while (received < MESSAGES) await new Promise((r) => setTimeout(r, 50));
  await client.endAsync();
  return received / Math.max(0.001, (last - first) / 1000);
}

interface PipelineRun {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
}

async function consolePipeline(url: string): Promise<PipelineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'emberwatch-bench-ingest-'));
  const db = openDatabase(join(dir, 'emberwatch.db'));
  const store = new LocalStore(db, join(dir, 'emberwatch.db'));
  const fleet = new FleetState<ScoredReading>();
  const ingest = new IngestPipeline(createScoringEngine(), fleet, new QuarantineLog(), {}, store.writer);
  const latencies: number[] = [];
  let stored = 0;
  let first = 0;
  let last = 0;
  const settings: ConnectionSettings = { id: 'bench', url, topics: ['fire-prediction/device/+/data'], qos: 1, protocol_version: 5, clean_session: true };
  const connection = new MqttConnection(settings, 'bench-console', (id, topic, payload, at, ack) => {
    if (first === 0) first = at;
    ingest.handle(id, topic, payload, at, (error) => {
      if (error !== null) return;
      ack();
      const now = Date.now();
      const published = (JSON.parse(Buffer.from(payload).toString()) as { timestamp: number }).timestamp;
      latencies.push(now - published);
      stored += 1;
      last = now;
    });
  }, createLogger(null, { stderr: false }));
  connection.start();
  while (!connection.isConnected()) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  await publish(url, MESSAGES);
  while (stored < MESSAGES) await new Promise((r) => setTimeout(r, 50));
  await connection.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { rate: stored / Math.max(0.001, (last - first) / 1000), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

export async function runIngestBench(): Promise<BenchSection> {
  const figures: BenchFigure[] = [];
  for (const window of [20, 1000]) {
    const broker = await startMosquitto({ config: [`max_inflight_messages ${window}`, 'max_queued_messages 0'] });
    try {
      const bare = await bareSubscriber(broker.url);
      const pipeline = await consolePipeline(broker.url);
      figures.push(
        { label: `window ${window}: bare mqtt.js subscriber`, value: bare, unit: 'messages/s' },
        { label: `window ${window}: console, receive → stored`, value: pipeline.rate, unit: 'messages/s' },
        { label: `window ${window}: console / bare`, value: pipeline.rate / bare, unit: 'ratio' },
        { label: `window ${window}: publish → stored p50`, value: pipeline.p50, unit: 'ms' },
        { label: `window ${window}: publish → stored p99`, value: pipeline.p99, unit: 'ms' },
      );
    } finally {
      await broker.stop();
    }
  }
  return {
    name: 'ingest (real Mosquitto, QoS 1, publisher in another process)',
    figures,
    notes: [
      `${MESSAGES.toLocaleString('en-US')} messages per run from 4 publisher connections, 1,000 devices; PUBACK only after the commit`,
      'latency counts from the publisher stamping the message to its commit; both processes share this machine\'s cores',
      'targets (DESIGN.md): ≥ 30,000 messages/s and ≥ 40 % of the bare rate with the raised window',
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatSection } = await import('./format');
  process.stdout.write(`${formatSection(await runIngestBench())}\n`);
}
