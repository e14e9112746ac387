import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analyticsCondition,
  backlogUpdates,
  conditionEvent,
  consoleCondition,
  deriveReadingConditions,
  livenessCondition,
  rearmedAnalytics,
} from '../../../shared/alarms/derive';
import { createScoringEngine } from '../../../shared/scoring/index';
import type { ScoredReading } from '../../../shared/scoring/index';
import { STATUS_BIT_NAMES } from '../../../shared/scoring/status-bits';
import { QUIET_TIME, isoAfter, quietMessage } from '../scoring/message-builder';

function scored(overrides: Readonly<Record<string, unknown>> = {}): ScoredReading {
  const outcome = createScoringEngine().scoreMessage(quietMessage(overrides));
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  return outcome.result;
}

function byPoint(reading: ScoredReading, context = {}): Map<string, ReturnType<typeof deriveReadingConditions>[number]> {
  return new Map(deriveReadingConditions(reading, context).map((u) => [u.point.source, u]));
}

describe('conditions from a scored reading', () => {
  test('a quiet reading decides every reading-derived point, all cleared', () => {
    const updates = deriveReadingConditions(scored());
    assert.deepEqual(
      updates.map((u) => u.point.source),
      [...STATUS_BIT_NAMES, 'communication_loss', 'risk_high', 'risk_critical', 'validation_error'],
    );
    assert.ok(updates.every((u) => !u.active));
    assert.ok(updates.every((u) => u.at === Date.parse(QUIET_TIME) && u.device_id === 'TEST001'));
  });

  test('each status bit sets its own point with the measurement it is about', () => {
    const co = byPoint(scored({ status: 256, co: 85 })).get('co_alarm')!;
    assert.equal(co.active, true);
    assert.equal(co.value, 85);
    assert.equal(co.message, 'Carbon monoxide: 85.0 ppm');
    assert.equal(co.point.id, 'device:TEST001:co_alarm');
    const pcb = byPoint(scored({ status: 64, pcbTemp: 71.25 })).get('pcb_temp_alarm')!;
    assert.equal(pcb.active, true);
    assert.equal(pcb.value, 71.25);
    for (let bit = 0; bit < 12; bit++) {
      const points = byPoint(scored({ status: 1 << bit }));
      const on = [...points.values()].filter((u) => u.active && STATUS_BIT_NAMES.includes(u.point.source as never));
      assert.deepEqual(on.map((u) => u.point.source), [STATUS_BIT_NAMES[bit]]);
    }
  });

  test('communication error (status ≥ 4096) is communication loss', () => {
    assert.equal(byPoint(scored({ status: 4096 })).get('communication_loss')?.active, true);
  });

  test('risk HIGH raises the HIGH point; CRITICAL raises both, like H under HH', () => {
    // The risk modifier needs five readings of history before a hot device reaches CRITICAL.
    const engine = createScoringEngine();
    let hot = scored();
    for (let i = 0; i < 5; i++) {
      const outcome = engine.scoreMessage(
        quietMessage({ pcbTemp: 95, sensorTemp: 95, status: 0xfff, aArc: 20, co: 200, voc: 2000, ct: 90, zct: 60, timestamp: isoAfter(i * 10) }),
      );
      assert.ok(outcome.ok);
      hot = outcome.result;
      if (i === 0) {
        assert.equal(hot.risk_level, 'HIGH');
        const first = byPoint(hot);
        assert.equal(first.get('risk_high')?.active, true);
        assert.equal(first.get('risk_critical')?.active, false);
      }
    }
    assert.equal(hot.risk_level, 'CRITICAL');
    const points = byPoint(hot, { zone: 'B1' });
    assert.equal(points.get('risk_critical')?.active, true);
    assert.equal(points.get('risk_high')?.active, true);
    assert.equal(points.get('risk_critical')?.value, hot.risk_score);
    assert.equal(points.get('risk_critical')?.risk_score, hot.risk_score);
    assert.equal(points.get('risk_critical')?.zone, 'B1');
  });

  test('validation errors and clock skew are data-quality conditions', () => {
    const bad = byPoint(scored({ volt: 500 })).get('validation_error')!;
    assert.equal(bad.active, true);
    assert.match(String(bad.value), /VOLTAGE_OUT_OF_RANGE/);
    const at = Date.parse(QUIET_TIME);
    assert.equal(byPoint(scored(), { receivedAt: at - 5 * 60_000 }).get('clock_skew')?.active, false, 'exactly 5 minutes ahead is allowed');
    const skew = byPoint(scored(), { receivedAt: at - 5 * 60_000 - 1 }).get('clock_skew')!;
    assert.equal(skew.active, true);
    assert.equal(skew.value, 300);
  });

  test('the updates become state-machine events', () => {
    const co = byPoint(scored({ status: 256, co: 85 })).get('co_alarm')!;
    assert.deepEqual(conditionEvent(co), {
      type: 'condition_active',
      at: co.at,
      value: 85,
      message: co.message,
      risk_score: co.risk_score,
      zone: null,
    });
    assert.equal(conditionEvent({ ...co, active: false }).type, 'condition_cleared');
    assert.equal((conditionEvent({ ...co, late: true }) as { late?: boolean }).late, true);
  });
});

describe('backlog readings', () => {
  test('only conditions active then and cleared now come through, marked late', () => {
    const old = deriveReadingConditions(scored({ status: 256 + 2048 }));
    const activeNow = new Set(['device:TEST001:arc_alarm']);
    const late = backlogUpdates(old, activeNow);
    assert.deepEqual(late.map((u) => [u.point.source, u.late]), [['co_alarm', true]]);
  });
});

describe('other condition sources', () => {
  test('analytics events set a point on their device or zone; re-arming clears it', () => {
    const spike = analyticsCondition({ event: 'TEMPERATURE_CRITICAL', device_id: 'DEV9', at: 5, values: { temperature: 68.2, risk_score: 0.8 } })!;
    assert.equal(spike.point.id, 'device:DEV9:TEMPERATURE_CRITICAL');
    assert.equal(spike.active, true);
    assert.equal(spike.value, 68.2);
    assert.equal(spike.risk_score, 0.8);
    const cluster = analyticsCondition({ event: 'HIGH_RISK_CLUSTER', zone: 'B1/F2', at: 5, active: false })!;
    assert.equal(cluster.point.id, 'zone:B1%2FF2:HIGH_RISK_CLUSTER');
    assert.equal(cluster.active, false);
    assert.equal(cluster.zone, 'B1/F2');
    assert.equal(analyticsCondition({ event: 'HIGH_RISK_CLUSTER', device_id: 'DEV9', at: 5 }), null, 'a zone event needs a zone');
    const arc = analyticsCondition({ event: 'ARC_PATTERN', device_id: 'D', at: 1, values: { arc_pattern: 'HIGH_FREQUENCY', total_arcs_10min: 14 } })!;
    assert.equal(arc.message, 'Arc pattern HIGH_FREQUENCY: 14.00');
  });

  test('takes the analytics events as shared/analytics writes them (ISO time); a bad time gives nothing', () => {
    const event = { event: 'RISK_EMERGENCY', device_id: 'D1', at: '2026-03-01T09:00:05.000Z', severity: 'CRITICAL', values: { risk_change: 0.55 } } as const;
    const condition = analyticsCondition(event)!;
    assert.equal(condition.at, Date.parse('2026-03-01T09:00:05.000Z'));
    assert.equal(condition.value, 0.55);
    assert.equal(analyticsCondition({ ...event, at: 'soon' }), null);
  });

  test('re-armed rules clear their points; the ones still active are left alone', () => {
    const cleared = rearmedAnalytics({ device_id: 'D1', zone: 'B1' }, ['ARC_PATTERN'], 5);
    assert.equal(cleared.length, 9);
    assert.ok(cleared.every((u) => !u.active && u.point.scope === 'device' && u.zone === 'B1'));
    assert.ok(!cleared.some((u) => u.point.source === 'ARC_PATTERN'));
    assert.deepEqual(rearmedAnalytics({ zone: 'B1' }, [], 5).map((u) => u.point.id), ['zone:B1:HIGH_RISK_CLUSTER', 'zone:B1:TEMP_DIVERGENCE']);
  });

  test('liveness and console trouble', () => {
    const silent = livenessCondition('DEV3', true, 10, 'B2');
    assert.equal(silent.point.id, 'device:DEV3:communication_loss');
    assert.equal(silent.active, true);
    assert.equal(consoleCondition('monitoring_lost', true, 10).point.id, 'console:host:monitoring_lost');
    assert.equal(consoleCondition('audio_not_armed', true, 10, { target: 'wall-1' }).point.id, 'console:wall-1:audio_not_armed');
  });
});
