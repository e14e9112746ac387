import type { DeviceFilter } from './device-filter';
import { isAlarmFilter, NO_FILTER } from './device-filter';
import type { RiskBadgeLevel } from './risk';

const RISK_LEVELS: ReadonlyArray<RiskBadgeLevel> = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NORMAL', 'UNSCORED'];

/** `zone=B1-F2&risk=HIGH,CRITICAL&alarm=alarmed&q=DEV00` → a filter; anything unreadable is ignored. */
export function filterFromParams(params: Readonly<Record<string, string>>): DeviceFilter {
  const risks = new Set<RiskBadgeLevel>();
  for (const part of (params.risk ?? '').split(',')) {
    const level = part.trim().toUpperCase();
    if ((RISK_LEVELS as ReadonlyArray<string>).includes(level)) risks.add(level as RiskBadgeLevel);
  }
  const zone = params.zone?.trim() ?? '';
  return {
    zone: zone === '' ? null : zone,
    risks,
    alarm: isAlarmFilter(params.alarm) ? params.alarm : NO_FILTER.alarm,
    text: params.q ?? '',
  };
}

export function filterToParams(filter: DeviceFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.zone !== null) params.zone = filter.zone;
  if (filter.risks.size > 0) params.risk = RISK_LEVELS.filter((l) => filter.risks.has(l)).join(',');
  if (filter.alarm !== 'all') params.alarm = filter.alarm;
  if (filter.text !== '') params.q = filter.text;
  return params;
}
