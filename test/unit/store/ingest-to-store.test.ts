import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import { IngestPipeline } from '../../../electron/host/ingest/ingest-pipeline';
import { QuarantineLog } from '../../../electron/host/ingest/quarantine';
import type { ScoredReading } from '../../../shared/scoring/index';
import { createScoringEngine } from '../../../shared/scoring/index';
import { openStore } from './helpers';

// The ingest path only queues: `handle` returns before anything is written, and the message's
// `settled` callback runs once its reading (or quarantine entry) has been committed, which is
// when a QoS 1 message may be acknowledged.

const TOPIC = 'fire-prediction/device/D1/data';

function payload(seconds: number): Uint8Array {
  return Buffer.from(JSON.stringify({
    deviceId: 'D1', idx: seconds, status: 0, volt: 220, voltLow: 220, ct: 5, zct: 0.5, rzct: 0.3, pwr: 1.04,
    pcbTemp: 35, sensorTemp: 36, co: 5, voc: 50, pFct: 0.95, aArc: 0,
    timestamp: new Date(Date.UTC(2026, 2, 1, 9, 0, seconds)).toISOString(),
  }));
}

test('readings and quarantined messages reach the store; settled runs after their commit', async () => {
  const { db, store } = openStore();
  const ingest = new IngestPipeline(createScoringEngine(), new FleetState<ScoredReading>(), new QuarantineLog(), {}, store.writer);
  const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const settled: Array<{ what: string; error: Error | null; rowsThen: number }> = [];
  const note = (what: string, table: string) => (error: Error | null): void => {
    settled.push({ what, error, rowsThen: count(table) });
  };

  ingest.handle('site', TOPIC, payload(0), Date.UTC(2026, 2, 1, 9, 0, 0, 50), note('reading', 'readings'));
  ingest.handle('site', TOPIC, Buffer.from('{not json'), Date.UTC(2026, 2, 1, 9, 0, 0, 60), note('bad', 'quarantine'));
  ingest.handle('site', TOPIC, payload(0), Date.UTC(2026, 2, 1, 9, 0, 0, 70), note('duplicate', 'readings'));
  assert.equal(count('readings'), 0, 'handle only queues');
  assert.deepEqual(settled.map((s) => s.what), ['duplicate'], 'a duplicate needs no storage: settled at once');

  await store.writer.settled();
  assert.deepEqual(settled.map((s) => s.what), ['duplicate', 'reading', 'bad']);
  for (const s of settled) assert.equal(s.error, null);
  assert.equal(settled[1]?.rowsThen, 1, 'the reading was committed when it settled');
  assert.equal(settled[2]?.rowsThen, 1, 'so was the quarantine entry');
  assert.deepEqual(store.quarantine(10).map((q) => q.reason), ['INVALID_JSON']);
  assert.equal(store.storedReadings(), 1);
  store.close();
  db.close();
});
