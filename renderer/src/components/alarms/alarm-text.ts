import type { AlarmItem } from '../../../../shared/protocol/alarms-types';
import { formatClockTime } from '../../i18n/formatters';
import type { Language } from '../../i18n/languages';
import type { Messages } from '../../i18n/messages';
import { formatAlarmValue } from '../../state/alarms-model';

/** An alarm in the words the banner, the list and a notification use. */
export interface AlarmText {
  /** What it is about: the device, the zone, or this console. */
  readonly where: string;
  readonly zone: string;
  readonly cause: string;
  readonly value: string | null;
  readonly time: string;
  readonly priority: string;
  readonly state: string;
}

export function alarmText(item: AlarmItem, t: Messages, language: Language): AlarmText {
  const a = t.alarms;
  const at = Date.parse(item.activated_at ?? item.last_change_at);
  return {
    where: item.device_id ?? (item.scope === 'zone' ? `${a.fields.zone} ${item.target}` : item.target),
    zone: item.zone ?? a.banner.zoneNone,
    cause: a.sources[item.source],
    value: formatAlarmValue(item.value),
    time: Number.isFinite(at) ? formatClockTime(at, language) : '',
    priority: a.priorities[item.priority],
    state: a.states[item.state],
  };
}
