import { toAlarmView } from '../../../shared/alarms/api-view';
import type { ChatteringPoint } from '../../../shared/alarms/chattering';
import type { FloodStatus } from '../../../shared/alarms/flood';
import { awaitsReset } from '../../../shared/alarms/record';
import type { StationSound } from '../../../shared/alarms/silence';
import type { AlarmRecord, Priority } from '../../../shared/alarms/types';
import type { AlarmItem, AlarmTransitionView, AlertSummary, ChatteringView, FloodView, StationSoundView } from '../../../shared/protocol';
import { formatIsoMillis } from '../../../shared/scoring/timestamp';
import type { TransitionRow } from './alarm-tables';

// From the alarm service's records to what the protocol, REST and the overview send.

function iso(ms: number | null): string | null {
  return ms === null ? null : formatIsoMillis(ms);
}

export function toAlarmItem(alarm: AlarmRecord, extra: { readonly chattering: boolean; readonly escalated: boolean }): AlarmItem {
  return {
    ...toAlarmView(alarm),
    scope: alarm.scope,
    target: alarm.target,
    sound: alarm.sound,
    latching: alarm.latching,
    condition_active: alarm.condition_active,
    risk_score: alarm.risk_score,
    shelve_kind: alarm.shelve_kind,
    shelved_by: alarm.shelved_by,
    suppressed: alarm.suppressed,
    out_of_service: alarm.out_of_service,
    awaits_reset: awaitsReset(alarm),
    chattering: extra.chattering,
    escalated: extra.escalated,
  };
}

export function toStationSoundView(sound: StationSound): StationSoundView {
  return { sound: sound.sound, sounding: sound.sounding, silenced: sound.silenced, next_change_at: iso(sound.next_change_at) };
}

export function toFloodView(flood: FloodStatus): FloodView {
  const episode = flood.episode;
  return {
    flooding: flood.flooding,
    in_window: flood.in_window,
    started_at: episode === null ? null : formatIsoMillis(episode.started_at),
    first_out: episode === null ? null : { alarm_id: episode.first_out.alarm_id, at: formatIsoMillis(episode.first_out.at) },
    alarms: episode?.alarms ?? 0,
  };
}

export function toChatteringView(point: ChatteringPoint): ChatteringView {
  return { alarm_id: point.alarm_id, source: point.source, priority: point.priority, activations: point.activations, last_at: formatIsoMillis(point.last_at) };
}

export function toTransitionView(t: TransitionRow): AlarmTransitionView {
  return {
    alarm_id: t.alarm_id,
    device_id: t.device_id,
    zone: t.zone,
    source: t.source,
    priority: t.priority,
    from: t.from,
    to: t.to,
    cause: t.cause,
    at: formatIsoMillis(t.at),
    operator: t.operator,
    station: t.station,
    comment: t.comment,
    condition_active: t.condition_active,
    late: t.late,
  };
}

const SEED_LEVELS: Readonly<Record<Priority, string>> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** The seed's alert types (`determine_alert_type`) for the sources that stand for one. */
const SEED_TYPES: Readonly<Partial<Record<AlarmRecord['source'], string>>> = {
  pcb_temp_alarm: 'TEMPERATURE_CRITICAL',
  sensor_temp_alarm: 'TEMPERATURE_CRITICAL',
  arc_alarm: 'ARC_DETECTED',
  total_leakage: 'ELECTRICAL_LEAKAGE',
  resistive_leakage: 'ELECTRICAL_LEAKAGE',
  overcurrent: 'OVERCURRENT',
  co_alarm: 'GAS_DETECTION',
  voc_alarm: 'GAS_DETECTION',
};

/**
 * An alarm in the seed's Alerts shape (`{device_id, alert_timestamp, alert_level, alert_type,
 * risk_score, message, resolved}`) for `recent_alerts`. Zone alarms use `zone:{zone}` as the
 * device id, as the cloud's Alerts table will; risk alarms carry the reading's own alert type.
 */
export function toAlertSummary(alarm: AlarmRecord, riskAlertType: string | null): AlertSummary {
  const isRisk = alarm.source === 'risk_high' || alarm.source === 'risk_critical';
  return {
    device_id: alarm.device_id ?? `zone:${alarm.target}`,
    alert_timestamp: formatIsoMillis(alarm.activated_at ?? alarm.last_change_at),
    alert_level: SEED_LEVELS[alarm.priority],
    alert_type: (isRisk ? riskAlertType : null) ?? SEED_TYPES[alarm.source] ?? alarm.source,
    risk_score: alarm.risk_score,
    message: alarm.message,
    resolved: alarm.state === 'normal',
  };
}
