import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRITICAL_ID, HIGH_ID, MINUTE, OVERCURRENT, OVERCURRENT_ID, SECOND, T0, harness, reading, storedStates } from './helpers';

// The alarm service in the host, fed as ingest, analytics and the liveness poll feed it: which
// alarms rise and clear, what is written (before it is shown), late alarms from a backlog, design
// suppression while monitoring is lost. Clock injected; a real store in a temporary file.

describe('conditions from readings', () => {
  test('a critical reading raises fire risk HIGH and CRITICAL, committed before they are shown', async () => {
    const h = harness();
    try {
      h.service.hello({ station: 'desk-1' });
      h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0 + 40, { zone: 'B1/F2', newestTs: T0 });
      // Shown only after the commit: nothing emitted yet, in this same turn.
      assert.equal(h.emitted.changed.length, 0);
      await h.settle();
      const ids = h.emitted.changed.map((a) => a.id).sort();
      assert.deepEqual(ids, [HIGH_ID, CRITICAL_ID].sort());
      assert.deepEqual(storedStates(h.db), { [CRITICAL_ID]: 'unacknowledged', [HIGH_ID]: 'unacknowledged' });
      const transitions = h.db.prepare('SELECT alarm_id, from_state, to_state, cause, at FROM alarm_transitions ORDER BY id').all();
      assert.equal(transitions.length, 2);
      const critical = h.service.get(CRITICAL_ID);
      assert.ok(critical);
      assert.equal(critical.priority, 'critical');
      assert.equal(critical.sound, 'temporal-3');
      assert.equal(critical.latching, true);
      assert.equal(critical.zone, 'B1/F2');
      assert.equal(h.service.status().stations['desk-1']?.sound, 'temporal-3');
    } finally {
      h.close();
    }
  });

  test('a quiet device costs nothing: no record, no write', async () => {
    const h = harness();
    try {
      for (let i = 0; i < 50; i++) h.service.observeReading(reading({ at: T0 + i * SECOND }), T0 + i * SECOND, { zone: null, newestTs: T0 + i * SECOND });
      await h.settle();
      assert.deepEqual(h.service.allRecords(), []);
      assert.deepEqual(storedStates(h.db), {});
    } finally {
      h.close();
    }
  });

  test('a non-latching alarm returns to normal unacknowledged, and acknowledging it ends it', async () => {
    const h = harness();
    try {
      h.service.observeReading(reading({ at: T0, status: OVERCURRENT }), T0, { zone: null, newestTs: T0 });
      h.service.observeReading(reading({ at: T0 + SECOND }), T0 + SECOND, { zone: null, newestTs: T0 + SECOND });
      await h.settle();
      assert.equal(h.service.get(OVERCURRENT_ID)?.state, 'rtn_unacknowledged');
      // Cleared, it keeps the words and value it was raised with.
      assert.match(h.service.get(OVERCURRENT_ID)?.message ?? '', /^Overcurrent: /);
      await h.service.act('acknowledge', { id: OVERCURRENT_ID, operator: 'kim', station: 'desk-1' });
      assert.equal(storedStates(h.db)[OVERCURRENT_ID], 'normal');
    } finally {
      h.close();
    }
  });

  test('a reading older than the newest raises only what the newest cleared, late and silent', async () => {
    const h = harness();
    try {
      h.service.hello({ station: 'desk-1' });
      h.service.observeReading(reading({ at: T0 + 10 * SECOND }), T0 + 10 * SECOND, { zone: null, newestTs: T0 + 10 * SECOND });
      h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0 + 11 * SECOND, { zone: null, newestTs: T0 + 10 * SECOND });
      await h.settle();
      const critical = h.service.get(CRITICAL_ID);
      assert.ok(critical);
      assert.equal(critical.late, true);
      // Latching: it takes unacknowledged (as one that rose and cleared unseen would), but never sounds.
      assert.equal(critical.state, 'unacknowledged');
      assert.equal(critical.condition_active, false);
      assert.equal(h.service.status().stations['desk-1']?.sound, 'none');
      const late = h.db.prepare('SELECT late FROM alarm_transitions WHERE alarm_id = ?').pluck().all(CRITICAL_ID);
      assert.deepEqual(late, [1]);
    } finally {
      h.close();
    }
  });

  test('communication loss: by status, by silence, and suppressed while monitoring is lost', async () => {
    const h = harness();
    try {
      const comm = 'device:DEV0002:communication_loss';
      h.service.observeReading(reading({ device: 'DEV0001', at: T0, status: 4096 }), T0, { zone: null, newestTs: T0 });
      h.service.observeLiveness([{ deviceId: 'DEV0002', lost: true, zone: 'B2' }]);
      await h.settle();
      assert.equal(h.service.get('device:DEV0001:communication_loss')?.state, 'unacknowledged');
      assert.equal(h.service.get(comm)?.state, 'unacknowledged');
      h.clock.now += MINUTE;
      h.service.setConsoleCondition('monitoring_lost', true, { message: 'Monitoring lost: none of 1 connection is up' });
      await h.settle();
      assert.equal(h.service.get('console:host:monitoring_lost')?.state, 'unacknowledged');
      assert.equal(h.service.get(comm)?.state, 'suppressed');
      // A device that falls silent now is born suppressed: it never calls.
      h.service.observeLiveness([{ deviceId: 'DEV0003', lost: true, zone: null }]);
      await h.settle();
      assert.equal(h.service.get('device:DEV0003:communication_loss')?.state, 'suppressed');
      h.service.setConsoleCondition('monitoring_lost', false);
      await h.settle();
      assert.equal(h.service.get(comm)?.state, 'unacknowledged', 'back in view, presented afresh');
      h.service.observeLiveness([{ deviceId: 'DEV0002', lost: false, zone: 'B2' }]);
      assert.equal(h.service.get(comm)?.state, 'rtn_unacknowledged');
    } finally {
      h.close();
    }
  });

  test('analytics events raise their alarm and clear it when the rule re-arms', async () => {
    const h = harness();
    try {
      h.service.observeAnalytics({ event: 'TEMPERATURE_CRITICAL', device_id: 'DEV0001', at: new Date(T0).toISOString(), severity: 'CRITICAL', values: { temperature: 71.5 } });
      h.service.observeAnalytics({ event: 'HIGH_RISK_CLUSTER', zone: 'B1/F2', at: new Date(T0).toISOString(), severity: 'CRITICAL', values: { avg_risk: 0.8 } });
      const id = 'device:DEV0001:TEMPERATURE_CRITICAL';
      assert.equal(h.service.get(id)?.state, 'unacknowledged');
      assert.equal(h.service.get(id)?.zone, 'B1/F2', 'the device zone, for display');
      assert.equal(h.service.get(id)?.value, 71.5);
      assert.equal(h.service.get('zone:B1%2FF2:HIGH_RISK_CLUSTER')?.state, 'unacknowledged');
      h.service.rearmAnalytics((scope) => (scope === 'device' ? ['THRESHOLD_FORECAST'] : ['HIGH_RISK_CLUSTER']));
      await h.settle();
      const after = h.service.get(id);
      assert.equal(after?.condition_active, false, 're-armed: the condition is over');
      assert.equal(after?.state, 'unacknowledged', 'critical latches until acknowledged and reset');
      assert.equal(after?.value, 71.5, 'the trip value stays');
      assert.equal(h.service.get('zone:B1%2FF2:HIGH_RISK_CLUSTER')?.condition_active, true);
    } finally {
      h.close();
    }
  });

  test('recent alerts come from the alarms, in the seed shape', async () => {
    const h = harness();
    try {
      h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0, { zone: null, newestTs: T0 });
      h.service.observeReading(reading({ device: 'DEV0009', at: T0 + SECOND, status: OVERCURRENT }), T0 + SECOND, { zone: null, newestTs: T0 + SECOND });
      const alerts = h.service.recentAlerts(5);
      assert.deepEqual(Object.keys(alerts[0] ?? {}).sort(), ['alert_level', 'alert_timestamp', 'alert_type', 'device_id', 'message', 'resolved', 'risk_score']);
      assert.equal(alerts[0]?.device_id, 'DEV0009');
      assert.equal(alerts[0]?.alert_type, 'OVERCURRENT');
      const critical = alerts.find((a) => a.alert_level === 'CRITICAL');
      assert.equal(critical?.alert_type, 'TEMPERATURE_CRITICAL', "the reading's own alert type");
      assert.equal(critical?.resolved, false);
      assert.deepEqual(
        h.service.recentAlerts(20, 'DEV0009').map((a) => a.device_id),
        ['DEV0009'],
      );
    } finally {
      h.close();
    }
  });
});
