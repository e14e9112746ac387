import { formatIsoMillis } from '../scoring/timestamp';
import type { AlarmSource } from './sources';
import type { AlarmRecord, AlarmState, AlarmValue, Priority } from './types';

/** One alarm as `GET /api/alarms` returns it (DESIGN.md), times as ISO-8601 UTC. */
export interface AlarmView {
  readonly id: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly state: AlarmState;
  readonly message: string;
  readonly value: AlarmValue;
  readonly activated_at: string | null;
  readonly last_change_at: string;
  readonly acked_by: string | null;
  readonly acked_at: string | null;
  readonly comment: string | null;
  readonly shelved_until: string | null;
  readonly late: boolean;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : formatIsoMillis(ms);
}

export function toAlarmView(alarm: AlarmRecord): AlarmView {
  return {
    id: alarm.id,
    device_id: alarm.device_id,
    zone: alarm.zone,
    source: alarm.source,
    priority: alarm.priority,
    state: alarm.state,
    message: alarm.message,
    value: alarm.value,
    activated_at: iso(alarm.activated_at),
    last_change_at: formatIsoMillis(alarm.last_change_at),
    acked_by: alarm.acked_by,
    acked_at: iso(alarm.acked_at),
    comment: alarm.comment,
    shelved_until: iso(alarm.shelved_until),
    late: alarm.late,
  };
}
