import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import type { CloudDeviceState } from '../../../electron/host/fleet/cloud-device';
import type { ReadingView } from '../../../electron/host/fleet/reading-view';
import { ACTIVE_WINDOW_MS } from '../../../electron/host/fleet/liveness';
import { CloudAlertLog, mergedAlertList } from '../../../electron/host/cloud/cloud-alert-log';
import { parseStatusBits } from '../../../shared/scoring';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');

function reading(id: string, atMs: number, risk: ReadingView['risk_level'] = 'NORMAL'): ReadingView {
  return {
    device_id: id, idx: 1, timestamp: new Date(atMs).toISOString(), timestamp_ms: atMs, status_bits: 0, alarm_status: parseStatusBits(0),
    risk_score: 0.1, risk_level: risk, voltage: 220, current: 10, pcb_temperature: 35, sensor_temperature: 38, arc_count: 0,
  };
}

function cloud(id: string, lastSeenMs: number, risk: CloudDeviceState['risk_level'] = 'HIGH'): CloudDeviceState {
  return { device_id: id, last_seen_ms: lastSeenMs, risk_level: risk, risk_score: 0.66, temperature: 57, arc_count: 1, status_bits: 64, idx: 9, total_alarms: 4 };
}

describe('devices from the cloud\'s DeviceState', () => {
  it('a device this console does not stream appears with its cloud risk, marked as cloud, and counts in the overview', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('LOCAL', T0), T0);
    fleet.applyCloudStates([cloud('REMOTE', T0 - 1000)], true);
    const remote = fleet.summary('REMOTE', T0);
    assert.equal(remote?.source, 'cloud');
    assert.equal(remote?.risk_level, 'HIGH');
    assert.equal(remote?.temperature, 57);
    assert.equal(remote?.online, true);
    assert.equal(remote?.last_seen, new Date(T0 - 1000).toISOString());
    assert.equal(fleet.summary('LOCAL', T0)?.source, 'local');
    assert.equal(fleet.info('REMOTE', T0)?.current_risk_level, 'HIGH');
    assert.equal(fleet.info('REMOTE', T0)?.source, 'cloud');
    const counts = fleet.counts(T0);
    assert.equal(counts.total, 2);
    assert.equal(counts.active, 2);
    assert.equal(counts.distribution.HIGH, 1);
    assert.equal(fleet.counts(T0 + ACTIVE_WINDOW_MS + 2000).active, 0);
    assert.deepEqual([...fleet.takeChanged()].sort(), ['LOCAL', 'REMOTE']);
  });

  it('a device streamed here is shown from its own readings while it reports, from the cloud once it is quiet here', () => {
    const fleet = new FleetState();
    fleet.applyReading(reading('D', T0, 'LOW'), T0);
    fleet.applyCloudStates([cloud('D', T0 + 60_000)], true);
    assert.equal(fleet.summary('D', T0 + 60_000)?.source, 'local');
    assert.equal(fleet.summary('D', T0 + 60_000)?.risk_level, 'LOW');
    const later = T0 + ACTIVE_WINDOW_MS + 1000;
    fleet.applyCloudStates([cloud('D', later - 500)], true);
    assert.equal(fleet.summary('D', later)?.source, 'cloud');
    assert.equal(fleet.summary('D', later)?.risk_level, 'HIGH');
  });

  it('an unchanged state is not pushed again; one gone from a complete read is dropped', () => {
    const fleet = new FleetState();
    fleet.applyCloudStates([cloud('A', T0), cloud('B', T0)], true);
    fleet.takeChanged();
    fleet.applyCloudStates([cloud('A', T0), cloud('B', T0)], true);
    assert.deepEqual(fleet.takeChanged(), []);
    fleet.applyCloudStates([cloud('A', T0)], false);
    assert.deepEqual(fleet.takeChanged(), []);
    fleet.applyCloudStates([cloud('A', T0)], true);
    assert.deepEqual(fleet.takeChanged(), ['B']);
    assert.equal(fleet.summary('B', T0)?.source, 'local');
    assert.equal(fleet.summary('B', T0)?.risk_level, null);
  });
});

describe('alerts of other consoles', () => {
  it('join this console\'s alerts newest first, marked as cloud; a newer change of a row replaces it', () => {
    const log = new CloudAlertLog();
    const row = {
      device_id: 'REMOTE', alert_timestamp: '2026-03-01T10:00:01.000001Z', alert_level: 'HIGH', alert_type: 'ARC_ALARM', risk_score: 0.7,
      message: 'arc', resolved: false, source: 'cloud' as const, at_ms: T0 + 1000, alarm_id: 'device:REMOTE:arc_alarm', state: 'unacknowledged',
      acknowledged_by: null, acknowledged_at: null, comment: null, console_id: 'other', console_name: 'B', last_change_ms: T0 + 1000,
    };
    assert.equal(log.merge([row]), 1);
    assert.equal(log.merge([{ ...row, state: 'acknowledged', acknowledged_by: 'lee', last_change_ms: T0 + 5000 }]), 1);
    assert.equal(log.merge([row]), 0, 'an older change does not roll it back');
    assert.equal(log.list()[0]?.acknowledged_by, 'lee');
    const own = { device_id: 'LOCAL', alert_timestamp: '2026-03-01T10:00:00.000Z', alert_level: 'CRITICAL', alert_type: 'GENERAL_RISK', risk_score: 0.9, message: 'm', resolved: false };
    const local = { recent: (_limit: number, deviceId?: string) => (deviceId === undefined || deviceId === 'LOCAL' ? [own] : []) };
    const merged = mergedAlertList(local, log).recent(5);
    assert.deepEqual(merged.map((a) => [a.device_id, a.source ?? 'local']), [['REMOTE', 'cloud'], ['LOCAL', 'local']]);
    assert.deepEqual(mergedAlertList(local, log).recent(5, 'REMOTE').map((a) => a.device_id), ['REMOTE']);
  });
});
