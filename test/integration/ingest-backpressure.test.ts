import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { ConnectionSettings } from '../../electron/host/config/settings';
import { FleetState } from '../../electron/host/fleet/fleet-state';
import type { FlowControl } from '../../electron/host/ingest/flow-control';
import { UNBOUNDED_FLOW, storeFlowControl } from '../../electron/host/ingest/flow-control';
import { IngestPipeline } from '../../electron/host/ingest/ingest-pipeline';
import { MqttConnection } from '../../electron/host/ingest/mqtt-connection';
import { QuarantineLog } from '../../electron/host/ingest/quarantine';
import { createLogger } from '../../electron/host/log/logger';
import type { ScoredReading } from '../../shared/scoring';
import { createScoringEngine } from '../../shared/scoring';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import { waitFor } from '../support/serve-process';
import { openStore } from '../unit/store/helpers';

// Slow storage slows the broker; it does not grow the console's memory. The broker here has no
// in-flight window at all (max_inflight_messages 0), so only the console's own flow control can
// bound what waits for the store, and each commit is made slow on purpose.

const PUBLISHER = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'support', 'publisher.ts');
const MESSAGES = 6_000;
const PAUSE_AT = 400;
const RESUME_AT = 100;

async function publish(url: string, count: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PUBLISHER, url, String(count), '2', '200'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited with ${code}`))));
  });
}

interface Outcome {
  readonly maxBacklog: number;
  readonly storedRows: number;
}

async function ingestThroughSlowStore(broker: Mosquitto, clientId: string, flowFor: (writer: ReturnType<typeof openStore>['store']['writer']) => FlowControl): Promise<Outcome> {
  const { db, store } = openStore(undefined, {
    writer: {
      // A slow disk: every commit of readings takes at least 15 ms.
      beforeCommit: () => {
        const until = performance.now() + 15;
        while (performance.now() < until) { /* the disk is busy */ }
      },
    },
  });
  const ingest = new IngestPipeline(createScoringEngine(), new FleetState<ScoredReading>(), new QuarantineLog(), {}, store.writer);
  let maxBacklog = 0;
  let acked = 0;
  const settings: ConnectionSettings = { id: 'slow', url: broker.url, topics: ['fire-prediction/device/+/data'], qos: 1, protocol_version: 5, clean_session: true };
  const connection = new MqttConnection(settings, clientId, (id, topic, payload, at, ack) => {
    ingest.handle(id, topic, payload, at, (error) => {
      if (error !== null) return;
      acked += 1;
      ack();
    });
    maxBacklog = Math.max(maxBacklog, store.writer.backlog());
  }, createLogger(null, { stderr: false }), () => {}, flowFor(store.writer));
  try {
    connection.start();
    await waitFor('connected', async () => (connection.isConnected() ? true : undefined), 10_000);
    await publish(broker.url, MESSAGES);
    await waitFor('every message stored and acknowledged', async () => (acked >= MESSAGES ? true : undefined), 120_000);
    await store.writer.settled();
    const storedRows = (db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
    return { maxBacklog, storedRows };
  } finally {
    await connection.stop();
    store.close();
  }
}

describe('backpressure from the store to the broker', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;

  before(async () => {
    broker = await startMosquitto({ config: ['max_inflight_messages 0', 'max_queued_messages 0'] });
  });

  after(async () => {
    await broker?.stop();
  });

  test('without flow control this broker floods a slow store (the setting the next test guards against)', async () => {
    const outcome = await ingestThroughSlowStore(broker, 'backpressure-unbounded', () => UNBOUNDED_FLOW);
    assert.equal(outcome.storedRows, MESSAGES);
    assert.ok(outcome.maxBacklog > PAUSE_AT, `the backlog reached only ${outcome.maxBacklog}: this test setup proves nothing`);
  });

  test('with flow control the backlog never passes the pause mark, and every message is stored once', async () => {
    const outcome = await ingestThroughSlowStore(broker, 'backpressure-bounded', (writer) => storeFlowControl(writer, PAUSE_AT, RESUME_AT));
    assert.equal(outcome.storedRows, MESSAGES);
    assert.ok(outcome.maxBacklog <= PAUSE_AT + 1, `the backlog reached ${outcome.maxBacklog} rows; the pause mark is ${PAUSE_AT}`);
  });
});
