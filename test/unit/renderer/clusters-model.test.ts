import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ZoneSummaryView } from '../../../shared/analytics/types';
import { DEFAULT_CLUSTER_OPTIONS, layoutClusters, zoneColumns } from '../../../renderer/src/model/cluster-layout';
import { isZoneHeating, zonesAtRisk } from '../../../renderer/src/model/overview';
import { alignZoneHistories, zonePanel } from '../../../renderer/src/model/zone-trends';
import { DEFAULT_SCORING_VIEW } from '../../../renderer/src/state/scoring-slice';

const BANDS = DEFAULT_SCORING_VIEW.thresholds.temperatureC;

const opts = { ...DEFAULT_CLUSTER_OPTIONS, width: 1200, height: 600, gap: 10, titleHeight: 30, padding: 10 };

describe('cluster layout', () => {
  it('chooses columns so the boxes come closest to a room\'s shape', () => {
    assert.equal(zoneColumns(1, opts), 1);
    assert.equal(zoneColumns(4, opts), 2);
    assert.equal(zoneColumns(6, { ...opts, width: 1800 }), 3);
  });

  it('fills the area with the zones, in natural order, and keeps every device inside its zone', () => {
    const devices = [
      { device_id: 'D1', zone: 'Z10', position: { x: 0, y: 0 } },
      { device_id: 'D2', zone: 'Z10', position: { x: 10, y: 5 } },
      { device_id: 'D3', zone: 'Z2', position: null },
      { device_id: 'D4', zone: 'Z2' },
      { device_id: 'D5', zone: 'Z10', position: null },
    ];
    const layout = layoutClusters(devices, opts);
    assert.deepEqual(layout.zones.map((z) => z.zone), ['Z2', 'Z10']);
    assert.ok(Math.abs(layout.width - 1200) < 1e-9 && Math.abs(layout.height - 600) < 1e-9);
    for (const d of devices) {
      const placed = layout.devices.get(d.device_id);
      const box = layout.zones.find((z) => z.zone === d.zone);
      assert.ok(placed && box);
      assert.ok(placed.x >= box.inner.x - 1e-9 && placed.x <= box.inner.x + box.inner.width + 1e-9, `${d.device_id} x inside`);
      assert.ok(placed.y >= box.inner.y - 1e-9 && placed.y <= box.inner.y + box.inner.height + 1e-9, `${d.device_id} y inside`);
    }
  });

  it('keeps the room\'s proportions: positions scale by one factor on both axes', () => {
    const layout = layoutClusters([
      { device_id: 'A', zone: 'Z', position: { x: 0, y: 0 } },
      { device_id: 'B', zone: 'Z', position: { x: 10, y: 0 } },
      { device_id: 'C', zone: 'Z', position: { x: 0, y: 5 } },
    ], opts);
    const a = layout.devices.get('A');
    const b = layout.devices.get('B');
    const c = layout.devices.get('C');
    assert.ok(a && b && c);
    assert.ok(Math.abs((b.x - a.x) / (c.y - a.y) - 2) < 1e-9);
  });

  it('grows past the area rather than shrink boxes below their minimum', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ device_id: `D${i}`, zone: `Z${i}` }));
    const layout = layoutClusters(many, { ...opts, width: 600, height: 400, minBoxWidth: 200, minBoxHeight: 150 });
    assert.ok(layout.zones.every((z) => z.width >= 200 && z.height >= 150));
  });
});

function zone(name: string, overrides: Partial<ZoneSummaryView> = {}): ZoneSummaryView {
  return {
    zone: name, devices: 6, correlated: true, high_or_above: 0, max_risk_score: 0.1, mean_risk_score: 0.05,
    high_risk_cluster: false, temp_divergence: false, temperature_trend_correlation: null, rising_devices: 0, ...overrides,
  };
}

describe('zones at risk', () => {
  it('lists flagged zones first, then by devices at high, then by risk; quiet zones not at all', () => {
    const list = zonesAtRisk([
      zone('A', { high_or_above: 3, max_risk_score: 0.7 }),
      zone('B'),
      zone('C', { high_or_above: 1, temp_divergence: true }),
      zone('D', { high_or_above: 2, high_risk_cluster: true }),
      zone('E', { high_or_above: 3, max_risk_score: 0.9 }),
    ]);
    assert.deepEqual(list.map((z) => z.zone), ['D', 'C', 'E', 'A']);
  });

  it('calls a zone heating when its mean is at the high band or most of its devices are rising', () => {
    assert.equal(isZoneHeating(52, null, BANDS), true);
    assert.equal(isZoneHeating(42, zone('Z', { rising_devices: 3 }), BANDS), true);
    assert.equal(isZoneHeating(30, zone('Z', { rising_devices: 6 }), BANDS), false, 'boards warming up at room temperature');
    assert.equal(isZoneHeating(42, zone('Z', { rising_devices: 2 }), BANDS), false);
    assert.equal(isZoneHeating(42, zone('Z', { rising_devices: 5, correlated: false }), BANDS), false, 'unassigned devices are no room');
    assert.equal(isZoneHeating(null, null, BANDS), false);
  });
});

describe('zone temperature overlay', () => {
  it('aligns the members\' histories on their shared buckets, with gaps where one is missing', () => {
    const p = (timestamp: string, temperature_max: number): { timestamp: string; temperature_max: number } => ({ timestamp, temperature_max });
    const data = alignZoneHistories([
      { points: [p('2026-03-01T10:00:00.000Z', 30), p('2026-03-01T10:00:20.000Z', 31)] },
      { points: [p('2026-03-01T10:00:20.000Z', 60), p('2026-03-01T10:00:40.000Z', 62)] },
    ] as never);
    const t0 = Date.parse('2026-03-01T10:00:00.000Z') / 1000;
    assert.deepEqual(data[0], [t0, t0 + 20, t0 + 40]);
    assert.deepEqual(data.slice(1), [[30, 31, null], [null, 60, 62]]);
    assert.equal(zonePanel(3, DEFAULT_SCORING_VIEW).series.length, 3);
    assert.deepEqual(zonePanel(3, DEFAULT_SCORING_VIEW).thresholds.map((t) => t.value), [60, 50]);
  });
});
