import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import type { AnalyticsEvent } from '../../../shared/analytics';
import type { DeviceDetailResponse, DevicesResponse, HealthResponse, ZoneDetailResponse, ZonesResponse } from '../../../shared/protocol';
import { createAnalyticsRunner } from '../../../electron/host/analytics/analytics-runner';
import { routeRestRequest } from '../../../electron/host/serve/rest-routes';
import type { RunningServe } from '../../../electron/host/serve/start-serve';
import { startServe } from '../../../electron/host/serve/start-serve';
import { getJson, waitFor } from '../../support/serve-process';
import { quietMessage } from '../scoring/message-builder';
import { feed, MINUTE, reading, SECOND, series } from './helpers';

// The analytics inside the host: the runner the ingest feeds, the REST routes, and a real serve
// (in this process, with the demo fleet on its embedded broker) answering /api/zones,
// /api/zone/:id and /api/device/:id with the new fields, and pushing analytics.event.

describe('analytics runner', () => {
  test('hands every event to onEvent, keeps the newest, and answers queries', () => {
    const seen: AnalyticsEvent[] = [];
    const runner = createAnalyticsRunner({ onEvent: (e) => seen.push(e), timer: false, registry: [{ id: 'DEV-A', name: 'A', zone: 'Z1', position: null }] });
    runner.observe(reading({ at: 0, voltage: 300 }), reading({ at: 0 }).timestamp_ms);
    runner.observe(reading({ at: 10 * SECOND, voltage: 300, co: 30 }), reading({ at: 10 * SECOND }).timestamp_ms);
    assert.deepEqual(seen.map((e) => e.event), ['RANGE_VIOLATION', 'RANGE_VIOLATION']);
    assert.deepEqual(runner.recentEvents(1), [seen[1]]);
    assert.equal(runner.counters().events, 2);
    assert.equal(runner.counters().devices, 1);
    assert.ok(runner.counters().memory_bytes > 0);
    assert.equal(runner.device('DEV-A')?.anomalies.active.length, 2);
    assert.equal(runner.zones().zones[0]?.zone, 'Z1');
    assert.equal(runner.zone('Z1')?.members[0]?.device_id, 'DEV-A');
    assert.equal(runner.device('nope'), null);
    runner.stop();
  });

  test('a failing listener is reported, and does not stop the analytics', () => {
    const errors: Array<string | null> = [];
    const runner = createAnalyticsRunner({
      onEvent: () => {
        throw new Error('renderer gone');
      },
      onError: (_e, device) => errors.push(device),
      timer: false,
    });
    runner.observe(reading({ at: 0, voltage: 300 }), reading({ at: 0 }).timestamp_ms);
    runner.observe(reading({ at: SECOND, co: 30 }), reading({ at: SECOND }).timestamp_ms);
    assert.deepEqual(errors, ['DEV-A', 'DEV-A']);
    assert.equal(runner.counters().errors, 2);
    assert.equal(runner.device('DEV-A')?.aggregates.five_minute?.record_count, 2);
  });

  test('the periodic work computes periodicity without a reading', () => {
    const runner = createAnalyticsRunner({ onEvent: () => {}, timer: false });
    for (const spec of series(0, 20 * MINUTE, 30 * SECOND, () => ({}))) runner.observe(reading(spec), reading(spec).timestamp_ms);
    runner.runPeriodic();
    assert.equal(runner.device('DEV-A')?.trend.periodicity.points, 20);
  });

  test('the runner is the shared analytics: the same readings give the same views', async () => {
    const { createStreamAnalytics } = await import('../../../shared/analytics');
    const shared = createStreamAnalytics();
    const runner = createAnalyticsRunner({ onEvent: () => {}, timer: false });
    const specs = series(0, 6 * MINUTE, 10 * SECOND, (at) => ({ temp: 40 + at / MINUTE }));
    feed(shared, specs);
    for (const spec of specs) runner.observe(reading(spec), reading(spec).timestamp_ms);
    assert.deepEqual(runner.device('DEV-A')?.aggregates, shared.device('DEV-A')?.aggregates);
  });
});

describe('REST routes for zones', () => {
  const u = (path: string): URL => new URL(path, 'http://localhost');
  test('/api/zones and /api/zone/:id map onto zones.list and zone.get', () => {
    assert.deepEqual(routeRestRequest('GET', u('/api/zones')), { method: 'zones.list', params: {} });
    assert.deepEqual(routeRestRequest('GET', u('/api/zones/')), { method: 'zones.list', params: {} });
    assert.deepEqual(routeRestRequest('GET', u('/api/zone/B1-F2')), { method: 'zone.get', params: { id: 'B1-F2' } });
    assert.deepEqual(routeRestRequest('GET', u('/api/zone/B1%20F2')), { method: 'zone.get', params: { id: 'B1 F2' } });
    assert.equal(routeRestRequest('GET', u('/api/zone/a/b')), null);
    assert.equal(routeRestRequest('POST', u('/api/zones')), null);
  });
});

describe('serve with the demo fleet', () => {
  let serve: RunningServe;
  let dataDir: string;
  const pushed: AnalyticsEvent[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-analytics-'));
    serve = await startServe({
      argv: ['--port', '0', '--data-dir', dataDir, '--demo-devices', '12', '--demo-period', '1'],
      env: {},
      rendererRoot: null,
    });
    serve.core.hub.subscribe((event, payload) => {
      if (event === 'analytics.event') pushed.push((payload as { event: AnalyticsEvent }).event);
    });
  });

  after(async () => {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('GET /api/zones lists the registry’s zones with zone risk and the fleet distribution', async () => {
    const zones = await waitFor('zones with devices', async () => {
      const { status, body } = await getJson<ZonesResponse>(`${serve.url}/api/zones`);
      assert.equal(status, 200);
      const devices = body.zones.reduce((n, z) => n + z.devices, 0);
      return devices === 12 && body.zones.every((z) => z.zone !== 'unassigned') ? body : undefined;
    });
    assert.ok(zones.zones.length > 1);
    for (const zone of zones.zones) {
      assert.equal(zone.correlated, true);
      assert.equal(typeof zone.high_or_above, 'number');
      assert.equal(typeof zone.high_risk_cluster, 'boolean');
      assert.ok('temperature_trend_correlation' in zone);
    }
    assert.equal(zones.fleet.total_devices, 12);
    assert.equal(Object.values(zones.fleet.risk_distribution).reduce((a, b) => a + b, 0), zones.fleet.active_devices);

    const first = zones.zones[0];
    assert.ok(first);
    const { status, body } = await getJson<ZoneDetailResponse>(`${serve.url}/api/zone/${encodeURIComponent(first.zone)}`);
    assert.equal(status, 200);
    assert.equal(body.zone, first.zone);
    assert.equal(body.members.length, first.devices);
    assert.ok(Array.isArray(body.correlations));
    const missing = await getJson<{ error: { code: string } }>(`${serve.url}/api/zone/no-such-zone`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
  });

  test('GET /api/device/:id carries aggregates, anomalies, arc pattern, trend and prediction', async () => {
    const { body: list } = await getJson<DevicesResponse>(`${serve.url}/api/devices`);
    const id = list.devices[0]?.device_id;
    assert.ok(id);
    const detail = await waitFor('a device with two readings', async () => {
      const { body } = await getJson<DeviceDetailResponse>(`${serve.url}/api/device/${encodeURIComponent(id)}`);
      return (body.aggregates?.five_minute?.record_count ?? 0) >= 2 ? body : undefined;
    });
    assert.ok(detail.device_info);
    assert.equal(detail.aggregates?.five_minute?.window_minutes, 5);
    assert.ok((detail.aggregates?.windows.length ?? 0) >= 1);
    assert.ok(Array.isArray(detail.anomalies?.active));
    assert.ok(['NONE', 'LOW', 'MODERATE', 'HIGH_FREQUENCY'].includes(detail.arc_pattern?.arc_pattern ?? ''));
    assert.ok(detail.trend && 'periodicity' in detail.trend);
    assert.equal(detail.prediction?.temperature.threshold, 60);
    assert.equal(detail.prediction?.current.threshold, 100);
    assert.equal(detail.prediction?.leakage_current.threshold, 8);
  });

  test('a reading that breaks a range is pushed as analytics.event', async () => {
    const { body: health } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    const brokerUrl = health.mode.embedded_broker_url;
    assert.ok(brokerUrl);
    const client = await mqtt.connectAsync(brokerUrl);
    try {
      const message = quietMessage({ deviceId: 'PROBE-1', volt: 300, voltLow: 299, pwr: 1.425, timestamp: new Date().toISOString() });
      await client.publishAsync('fire-prediction/device/PROBE-1/data', JSON.stringify(message), { qos: 1 });
    } finally {
      await client.endAsync();
    }
    const event = await waitFor('the pushed event', async () => pushed.find((e) => 'device_id' in e && e.device_id === 'PROBE-1'));
    assert.equal(event.event, 'RANGE_VIOLATION');
    assert.equal(event.values.sensor, 'voltage');
    const { body } = await getJson<DeviceDetailResponse>(`${serve.url}/api/device/PROBE-1`);
    assert.deepEqual(body.anomalies?.recent_events.map((e) => e.event), ['RANGE_VIOLATION']);
  });
});
