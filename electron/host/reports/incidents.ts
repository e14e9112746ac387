import type { AlarmTransition, Priority } from '../../../shared/alarms/types';
import { PRIORITIES } from '../../../shared/alarms/types';

// An incident is an alarm episode of one device (or, for zone alarms, of one zone): it opens with
// the first alarm presented while none of that device's alarms stood, takes in every alarm that
// stands up during it, and closes when all of them are back in `normal` — returned to normal and
// acknowledged (ISA-18.2). The incidents are derived from the transitions table on every read, so
// nothing new is stored and a released migration stays untouched.

export interface TransitionInput extends AlarmTransition {
  readonly device_id: string | null;
  readonly zone: string | null;
}

export type IncidentState = 'open' | 'closed';

export interface Incident {
  /** `{scope key}@{start ms}`: stable, as the transitions it is derived from never change. */
  readonly id: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly state: IncidentState;
  /** The first alarm presented: the cause the episode began with. */
  readonly first_out: { readonly alarm_id: string; readonly source: string; readonly priority: Priority };
  readonly alarm_ids: ReadonlyArray<string>;
  readonly highest_priority: Priority;
  readonly start_ms: number;
  /** When the last of its alarms went back to normal; null while open. */
  readonly end_ms: number | null;
  /** First operator acknowledgement within the episode; null if none yet. */
  readonly first_ack_ms: number | null;
  readonly first_ack_by: string | null;
  readonly transitions: ReadonlyArray<TransitionInput>;
  /** How it ended: acknowledged then cleared, cleared then acknowledged, shelved, taken out of service, open. */
  readonly outcome: string;
}

export interface IncidentFilter {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly deviceId?: string;
  readonly zone?: string;
  /** Incidents whose highest priority is this one. */
  readonly priority?: Priority;
  readonly state?: IncidentState;
}

const ACTIVE_STATES: ReadonlySet<string> = new Set(['unacknowledged', 'acknowledged', 'rtn_unacknowledged']);

interface Building {
  readonly key: string;
  readonly device_id: string | null;
  zone: string | null;
  readonly start: AlarmTransition;
  readonly states: Map<string, string>;
  readonly transitions: TransitionInput[];
}

function scopeKey(t: TransitionInput): string {
  if (t.device_id !== null) return `device:${t.device_id}`;
  if (t.zone !== null) return `zone:${t.zone}`;
  return `console:${t.source}`;
}

function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

function outcomeOf(transitions: ReadonlyArray<TransitionInput>, closed: boolean): string {
  if (!closed) {
    const last = transitions[transitions.length - 1];
    if (last?.to === 'shelved') return 'open: shelved';
    if (last?.to === 'out_of_service') return 'open: out of service';
    return 'open';
  }
  const ackIndex = transitions.findIndex((t) => t.cause === 'acknowledge' || (t.operator !== null && t.to === 'acknowledged'));
  const rtnIndex = transitions.findIndex((t) => t.to === 'rtn_unacknowledged');
  if (transitions.some((t) => t.to === 'out_of_service')) return 'closed: returned from service';
  if (transitions[transitions.length - 1]?.cause === 'reset') return 'closed: latched, reset by an operator';
  if (transitions.some((t) => t.to === 'shelved')) return 'closed: after shelving';
  if (rtnIndex >= 0 && (ackIndex < 0 || rtnIndex < ackIndex)) return 'closed: cleared, then acknowledged';
  return 'closed: acknowledged, then cleared';
}

function finish(b: Building, closedAt: number | null): Incident {
  const alarmIds = [...new Set(b.transitions.map((t) => t.alarm_id))];
  let highest: Priority = b.start.priority;
  for (const t of b.transitions) if (priorityRank(t.priority) < priorityRank(highest)) highest = t.priority;
  const ack = b.transitions.find((t) => t.operator !== null && (t.to === 'acknowledged' || (t.from === 'rtn_unacknowledged' && t.to === 'normal')));
  return {
    id: `${b.key}@${b.start.at}`,
    device_id: b.device_id,
    zone: b.zone,
    state: closedAt === null ? 'open' : 'closed',
    first_out: { alarm_id: b.start.alarm_id, source: b.start.source, priority: b.start.priority },
    alarm_ids: alarmIds,
    highest_priority: highest,
    start_ms: b.start.at,
    end_ms: closedAt,
    first_ack_ms: ack?.at ?? null,
    first_ack_by: ack?.operator ?? null,
    transitions: b.transitions,
    outcome: outcomeOf(b.transitions, closedAt !== null),
  };
}

/** Groups transitions (in the order they happened) into incidents, oldest first. */
export function groupIncidents(transitions: Iterable<TransitionInput>): Incident[] {
  const open = new Map<string, Building>();
  const done: Incident[] = [];
  for (const t of transitions) {
    const key = scopeKey(t);
    let b = open.get(key);
    if (!b) {
      // Only a presentation opens an incident; a stray action on a point already normal does not.
      if (!ACTIVE_STATES.has(t.to) || t.from !== 'normal') continue;
      b = { key, device_id: t.device_id, zone: t.zone, start: t, states: new Map(), transitions: [] };
      open.set(key, b);
    }
    if (b.zone === null && t.zone !== null) b.zone = t.zone;
    b.transitions.push(t);
    b.states.set(t.alarm_id, t.to);
    let allNormal = true;
    for (const state of b.states.values()) if (state !== 'normal') allNormal = false;
    if (allNormal) {
      done.push(finish(b, t.at));
      open.delete(key);
    }
  }
  for (const b of open.values()) done.push(finish(b, null));
  return done.sort((a, b) => a.start_ms - b.start_ms || a.id.localeCompare(b.id));
}

export function matchesFilter(incident: Incident, filter: IncidentFilter): boolean {
  if (filter.fromMs !== undefined && (incident.end_ms ?? Number.MAX_SAFE_INTEGER) < filter.fromMs) return false;
  if (filter.toMs !== undefined && incident.start_ms >= filter.toMs) return false;
  if (filter.deviceId !== undefined && incident.device_id !== filter.deviceId) return false;
  if (filter.zone !== undefined && incident.zone !== filter.zone) return false;
  if (filter.priority !== undefined && incident.highest_priority !== filter.priority) return false;
  if (filter.state !== undefined && incident.state !== filter.state) return false;
  return true;
}
