import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INGEST_STALL_MS, MonitoringWatch, judgeMonitoring } from '../../../electron/host/service/monitoring-watch';
import { BUCKETS, BUCKET_MS, PipelineMetrics } from '../../../electron/host/service/pipeline-metrics';

const T = Date.parse('2026-03-01T10:00:00Z');

test('monitoring is lost with no connection, with every connection down, or when a reporting fleet stalls', () => {
  assert.deepEqual(judgeMonitoring({ nowMs: T, connections: 0, connected: 0, lastMessageAtMs: null }).lost, true);
  const down = judgeMonitoring({ nowMs: T, connections: 2, connected: 0, lastMessageAtMs: T });
  assert.equal(down.lost && down.reason, 'ALL_CONNECTIONS_DOWN');
  assert.equal(judgeMonitoring({ nowMs: T, connections: 2, connected: 1, lastMessageAtMs: T }).lost, false);
  assert.equal(judgeMonitoring({ nowMs: T + INGEST_STALL_MS, connections: 1, connected: 1, lastMessageAtMs: T }).lost, false);
  const stalled = judgeMonitoring({ nowMs: T + INGEST_STALL_MS + 1, connections: 1, connected: 1, lastMessageAtMs: T });
  assert.equal(stalled.lost && stalled.reason, 'INGEST_STALLED');
  assert.equal(judgeMonitoring({ nowMs: T + 10 * INGEST_STALL_MS, connections: 1, connected: 1, lastMessageAtMs: null }).lost, false, 'a quiet new site is not lost');
});

test('the watch records when the verdict changed', () => {
  const watch = new MonitoringWatch(T);
  assert.equal(watch.update({ nowMs: T + 1000, connections: 1, connected: 1, lastMessageAtMs: T }), false);
  assert.equal(watch.update({ nowMs: T + 2000, connections: 1, connected: 0, lastMessageAtMs: T }), true);
  assert.equal(watch.current().since, new Date(T + 2000).toISOString());
  assert.equal(watch.update({ nowMs: T + 9000, connections: 1, connected: 0, lastMessageAtMs: T }), false);
  assert.equal(watch.current().since, new Date(T + 2000).toISOString(), 'still lost since the first moment');
  assert.equal(watch.update({ nowMs: T + 10_000, connections: 1, connected: 1, lastMessageAtMs: T + 10_000 }), true);
  assert.equal(watch.current().lost, false);
});

test('pipeline metrics: per-second rates per bucket, commit and lag figures, one hour kept', () => {
  const m = new PipelineMetrics();
  for (let i = 0; i < 50; i += 1) m.count('received', T + i);
  m.count('scored', T, 40);
  m.commit(4, 30, T);
  m.commit(8, 10, T);
  m.lag(200, T);
  m.lag(600, T);
  const first = m.snapshot(T).points[0];
  assert.equal(first?.received_per_s, 5);
  assert.equal(first?.scored_per_s, 4);
  assert.equal(first?.stored_per_s, 4);
  assert.equal(first?.commit_ms_avg, 6);
  assert.equal(first?.commit_ms_max, 8);
  assert.equal(first?.lag_ms_avg, 400);
  for (let i = 1; i <= BUCKETS + 20; i += 1) m.count('received', T + i * BUCKET_MS);
  const snap = m.snapshot(T + (BUCKETS + 20) * BUCKET_MS);
  assert.equal(snap.points.length, BUCKETS);
  assert.equal(snap.points.at(-1)?.received_per_s, 0.1);
});
