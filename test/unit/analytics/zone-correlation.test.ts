import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStreamAnalytics, ZONE_EVENT_TYPES } from '../../../shared/analytics';
import type { StreamAnalytics, ZoneAnalyticsEvent } from '../../../shared/analytics';
import type { RegistryEntry } from '../../../shared/fleet/registry';
import type { ReadingSpec } from './helpers';
import { feed, MINUTE, named, SECOND } from './helpers';

// MULTI_DEVICE_CORRELATION within a zone only: two neighbours heating together make a cluster,
// a device in another zone does not count, and the zone's events fire at onset and re-arm.

function entry(id: string, zone: string): RegistryEntry {
  return { id, name: id, zone, position: null };
}

const REGISTRY: ReadonlyArray<RegistryEntry> = [entry('A', 'B1-F1'), entry('B', 'B1-F1'), entry('C', 'B1-F2'), entry('D', 'B1-F1')];

function analytics(registry: ReadonlyArray<RegistryEntry> = REGISTRY): StreamAnalytics {
  return createStreamAnalytics({ registry });
}

function zoneEvents(events: ReadonlyArray<{ event: string }>): ReadonlyArray<ZoneAnalyticsEvent & { index: number }> {
  return events.filter((e) => (ZONE_EVENT_TYPES as ReadonlyArray<string>).includes(e.event)) as unknown as ReadonlyArray<ZoneAnalyticsEvent & { index: number }>;
}

/** Devices heating together: one reading each every 20 s, temperature and risk rising with time. */
function heating(devices: ReadonlyArray<string>, minutes: number, riskAt: (minute: number) => number): ReadingSpec[] {
  const out: ReadingSpec[] = [];
  for (let at = 0; at < minutes * MINUTE; at += 20 * SECOND) {
    devices.forEach((device, k) => {
      const minute = at / MINUTE;
      out.push({ device, at: at + k * SECOND, temp: 40 + minute * 1.2 + k * 0.3, risk: riskAt(minute) });
    });
  }
  return out;
}

describe('HIGH_RISK_CLUSTER', () => {
  test('two neighbours heating together form a cluster; a third in another zone does not count', () => {
    const a = analytics();
    const specs = heating(['A', 'B', 'C'], 20, (minute) => Math.min(0.95, 0.2 + minute * 0.04));
    const events = zoneEvents(feed(a, specs));
    const clusters = named(events, 'HIGH_RISK_CLUSTER') as ReadonlyArray<ZoneAnalyticsEvent & { index: number }>;
    assert.equal(clusters.length, 1, JSON.stringify(clusters));
    const cluster = clusters[0] as ZoneAnalyticsEvent & { index: number };
    assert.deepEqual(Object.keys(cluster).filter((k) => k !== 'index'), ['event', 'zone', 'at', 'severity', 'values']);
    assert.equal(cluster.zone, 'B1-F1');
    assert.equal(cluster.severity, 'CRITICAL');
    assert.deepEqual(cluster.values.devices, ['A', 'B']);
    assert.equal(cluster.values.trigger_device, 'B');
    // The onset is B's first reading above 0.7 (A crossed one second earlier).
    const first = specs.findIndex((s) => s.device === 'B' && (s.risk as number) > 0.7);
    assert.equal(cluster.index, first);
    assert.equal(cluster.at, new Date(Date.parse('2026-03-01T00:00:00.000Z') + (specs[first] as ReadingSpec).at).toISOString());

    const zones = a.zones();
    assert.deepEqual(zones.zones.map((z) => [z.zone, z.devices, z.high_or_above, z.high_risk_cluster]), [
      ['B1-F1', 2, 2, true],
      ['B1-F2', 1, 1, false],
    ]);
    const f1 = a.zone('B1-F1');
    assert.ok(f1);
    assert.ok((f1.temperature_trend_correlation ?? 0) > 0.99, `correlation ${f1.temperature_trend_correlation}`);
    assert.equal(f1.rising_devices, 2);
    assert.deepEqual(f1.members.map((m) => m.device_id), ['A', 'B']);
    assert.ok(f1.members.every((m) => m.temperature_trend !== null && m.temperature_trend > 1.1 && m.temperature_trend < 1.3));
    assert.deepEqual(f1.correlations.map((c) => c.correlation_type), ['HIGH_RISK_CLUSTER']);
    assert.deepEqual(f1.recent_events.map((e) => e.event), ['HIGH_RISK_CLUSTER']);
    assert.equal(a.zone('B1-F2')?.temperature_trend_correlation, null);
  });

  test('both must be above 0.7: exactly 0.7 is not', () => {
    assert.deepEqual(zoneEvents(feed(analytics(), [{ device: 'A', at: 0, risk: 0.8 }, { device: 'B', at: SECOND, risk: 0.7 }])), []);
    assert.equal(zoneEvents(feed(analytics(), [{ device: 'A', at: 0, risk: 0.8 }, { device: 'B', at: SECOND, risk: 0.71 }])).length, 1);
  });

  test('within 2 minutes of each other: exactly 2 minutes apart counts, a second more does not', () => {
    assert.equal(zoneEvents(feed(analytics(), [{ device: 'A', at: 0, risk: 0.8 }, { device: 'B', at: 2 * MINUTE, risk: 0.8 }])).length, 1);
    assert.deepEqual(zoneEvents(feed(analytics(), [{ device: 'A', at: 0, risk: 0.8 }, { device: 'B', at: 2 * MINUTE + SECOND, risk: 0.8 }])), []);
  });

  test('the cluster fires once while it holds, re-arms when it breaks, fires again when it re-forms', () => {
    const events = zoneEvents(
      feed(analytics(), [
        { device: 'A', at: 0, risk: 0.8 },
        { device: 'B', at: 10 * SECOND, risk: 0.8 }, // onset
        { device: 'A', at: 20 * SECOND, risk: 0.85 },
        { device: 'D', at: 25 * SECOND, risk: 0.9 }, // a third member joins: no new event
        { device: 'B', at: 30 * SECOND, risk: 0.8 },
        { device: 'A', at: 40 * SECOND, risk: 0.3 },
        { device: 'D', at: 45 * SECOND, risk: 0.3 }, // only B left above 0.7: broken, re-armed
        { device: 'A', at: 50 * SECOND, risk: 0.8 }, // re-forms
      ]),
    );
    assert.deepEqual(events.map((e) => [e.index, e.event]), [[1, 'HIGH_RISK_CLUSTER'], [7, 'HIGH_RISK_CLUSTER']]);
    assert.deepEqual(events[1]?.values.devices, ['A', 'B']);
  });

  test('devices in no registered zone (`unassigned`) are not neighbours: no cluster', () => {
    const a = createStreamAnalytics();
    assert.deepEqual(zoneEvents(feed(a, [{ device: 'X', at: 0, risk: 0.9 }, { device: 'Y', at: SECOND, risk: 0.9 }])), []);
    const unassigned = a.zones().zones[0];
    assert.equal(unassigned?.zone, 'unassigned');
    assert.equal(unassigned?.correlated, false);
    assert.equal(unassigned?.devices, 2);
  });

  test('a registry update moves a device: it stops counting for its old zone', () => {
    const a = analytics();
    feed(a, [{ device: 'A', at: 0, risk: 0.8 }]);
    a.applyRegistry([entry('A', 'B1-F2')]);
    assert.equal(a.zoneOf('A'), 'B1-F2');
    assert.deepEqual(zoneEvents(feed(a, [{ device: 'B', at: SECOND, risk: 0.8 }])), []);
    const moved = zoneEvents(feed(a, [{ device: 'C', at: 2 * SECOND, risk: 0.8 }]));
    assert.deepEqual(moved.map((e) => [e.zone, e.values.devices]), [['B1-F2', ['A', 'C']]]);
  });
});

describe('TEMP_DIVERGENCE', () => {
  test('neighbours more than 20 °C apart, one of them above risk 0.5, within 2 minutes', () => {
    const edge = zoneEvents(feed(analytics(), [{ device: 'A', at: 0, temp: 70, risk: 0.6 }, { device: 'B', at: SECOND, temp: 50, risk: 0.1 }]));
    assert.deepEqual(edge, []);
    const events = zoneEvents(feed(analytics(), [{ device: 'A', at: 0, temp: 70, risk: 0.6 }, { device: 'B', at: SECOND, temp: 49.9, risk: 0.1 }]));
    assert.equal(events.length, 1);
    const e = events[0] as ZoneAnalyticsEvent;
    assert.equal(e.event, 'TEMP_DIVERGENCE');
    assert.equal(e.severity, 'MEDIUM');
    assert.equal(e.values.device1, 'A');
    assert.equal(e.values.device2, 'B');
    assert.ok(Math.abs((e.values.temp_diff as number) - 20.1) < 1e-9);
  });

  test('the query’s WHERE: when neither is above risk 0.5, a 30 °C difference is not reported', () => {
    assert.deepEqual(zoneEvents(feed(analytics(), [{ device: 'A', at: 0, temp: 70, risk: 0.5 }, { device: 'B', at: SECOND, temp: 40, risk: 0.1 }])), []);
  });

  test('a device in another zone is not compared', () => {
    assert.deepEqual(zoneEvents(feed(analytics(), [{ device: 'A', at: 0, temp: 75, risk: 0.6 }, { device: 'C', at: SECOND, temp: 30, risk: 0.1 }])), []);
  });

  test('fires once while it holds and again after the zone was even for a reading', () => {
    const events = zoneEvents(
      feed(analytics(), [
        { device: 'A', at: 0, temp: 72, risk: 0.6 },
        { device: 'B', at: 10 * SECOND, temp: 40, risk: 0.1 }, // onset
        { device: 'A', at: 20 * SECOND, temp: 73, risk: 0.6 },
        { device: 'B', at: 30 * SECOND, temp: 60, risk: 0.1 }, // 13 °C apart: re-armed
        { device: 'B', at: 40 * SECOND, temp: 41, risk: 0.1 }, // apart again
      ]),
    );
    assert.deepEqual(events.map((e) => [e.index, e.event]), [[1, 'TEMP_DIVERGENCE'], [4, 'TEMP_DIVERGENCE']]);
  });
});
