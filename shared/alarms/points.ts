import type { AlarmSource, PointScope } from './sources';
import { isAlarmSource, scopeOfSource } from './sources';

/**
 * One alarm point: a source at one device, one zone, or the console itself (target `host`, or a
 * station id for a station's own trouble such as audio not armed).
 */
export interface AlarmPoint {
  readonly id: string;
  readonly scope: PointScope;
  readonly target: string;
  readonly source: AlarmSource;
}

/** The target of console points that belong to the host rather than to one station. */
export const HOST_TARGET = 'host';

/**
 * `scope:target:source`, the target percent-encoded (encodeURIComponent) so that the id splits back
 * without ambiguity whatever a device or zone is called. Stable: the same point always has the same id.
 */
export function alarmPointId(scope: PointScope, target: string, source: AlarmSource): string {
  return `${scope}:${encodeURIComponent(target)}:${source}`;
}

export function alarmPoint(target: string, source: AlarmSource): AlarmPoint {
  const scope = scopeOfSource(source);
  return { id: alarmPointId(scope, target, source), scope, target, source };
}

export function devicePoint(deviceId: string, source: AlarmSource): AlarmPoint {
  return alarmPoint(deviceId, source);
}

/** The point an id names, or null when it is not one (wrong shape, unknown source, wrong scope). */
export function parseAlarmPointId(id: string): AlarmPoint | null {
  const first = id.indexOf(':');
  const last = id.lastIndexOf(':');
  if (first <= 0 || last === first) return null;
  const scope = id.slice(0, first);
  const encoded = id.slice(first + 1, last);
  const source = id.slice(last + 1);
  if (!isAlarmSource(source) || scopeOfSource(source) !== scope || encoded === '') return null;
  let target: string;
  try {
    target = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (encodeURIComponent(target) !== encoded) return null;
  return { id, scope, target, source };
}
