import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionHealth, MetricsPoint } from '../../../shared/protocol/api-types';
import { connectionLoad, loadLevel, loadShare } from '../../../renderer/src/model/connection-limits';
import { latestLagMs, pipelineSeries, reasonsByCount } from '../../../renderer/src/views/health/health-model';

const T0 = Date.parse('2026-11-22T02:00:00.000Z');

function point(atMs: number, over: Partial<MetricsPoint> = {}): MetricsPoint {
  return {
    at: new Date(atMs).toISOString(), received_per_s: 10, scored_per_s: 10, quarantined_per_s: 0, duplicates_per_s: 0, stored_per_s: 10,
    commits: 2, commit_ms_avg: 4, commit_ms_max: 6, lag_ms_avg: 120, lag_ms_max: 300, ...over,
  };
}

describe('the Health view model', () => {
  it('warns before a limit (AWS IoT: 100 publishes/s, 50 subscriptions) and says when it is reached', () => {
    assert.equal(loadLevel(50, 100), 'ok');
    assert.equal(loadLevel(80, 100), 'near');
    assert.equal(loadLevel(100, 100), 'over');
    assert.equal(loadLevel(5000, null), 'none');
    assert.equal(loadShare(150, 100), 1);
    assert.equal(loadShare(3, null), null);
    const aws: ConnectionHealth = { id: 'aws', url: 'mqtts://x.iot.ap-northeast-2.amazonaws.com', state: 'connected', messages: 0, rate_per_s: 20, limit_per_s: 100, last_error: null, subscriptions: 45, subscription_limit: 50 };
    assert.deepEqual(connectionLoad(aws), { rate: 'ok', subscriptions: 'near', worst: 'near' });
    assert.deepEqual(connectionLoad({ ...aws, subscriptions: undefined, subscription_limit: undefined, limit_per_s: null }), { rate: 'none', subscriptions: 'none', worst: 'none' });
  });

  it('charts the metrics as aligned series and reads the newest lag of the last minute', () => {
    const metrics = { bucket_s: 10, points: [point(T0), point(T0 + 10_000, { commit_ms_avg: null, lag_ms_avg: null })] };
    const series = pipelineSeries(metrics);
    assert.deepEqual(series.t, [T0 / 1000, T0 / 1000 + 10]);
    assert.deepEqual(series.commitMs, [4, null]);
    assert.equal(latestLagMs(metrics, T0 + 20_000), 120, 'the newest bucket with readings');
    assert.equal(latestLagMs(metrics, T0 + 5 * 60_000), null, 'nothing in the last minute');
    assert.deepEqual(pipelineSeries(null).t, []);
  });

  it('lists quarantine reasons largest first', () => {
    assert.deepEqual(reasonsByCount({ INVALID_JSON: 2, TOPIC_MISMATCH: 7, MISSING_FIELD: 0 }), [{ reason: 'TOPIC_MISMATCH', count: 7 }, { reason: 'INVALID_JSON', count: 2 }]);
  });
});
