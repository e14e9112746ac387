import type { AlarmTransition, Priority } from '../../../shared/alarms/types';
import { PRIORITIES } from '../../../shared/alarms/types';

// An incident is an alarm episode. Each scope (a device, a zone, the console) has episodes: one opens
// with the first alarm presented while none of that scope's alarms stood, takes in every alarm of
// the scope that stands up during it, and closes when all of them are back in `normal` — returned
// to normal and acknowledged (ISA-18.2).
//
// Zone grouping: a zone's cluster alarm (HIGH_RISK_CLUSTER, TEMP_DIVERGENCE) is about the devices
// of that zone, so a zone episode and every episode of a device in that zone that overlaps it in
// time (each standing at some moment the other stands; touching ends count) are ONE incident. The
// grouping is transitive: a device episode overlapping two episodes of its zone joins all three.
// Device episodes that overlap only each other, with no zone alarm standing, stay separate
// incidents — the console never judged them related. A grouped incident keeps the id of the
// episode that opened it (its first-out), so an id handed out before a zone alarm joined still
// finds it; `episode_ids` lists every episode's own id for the same reason.
//
// The incidents are derived from the transitions table on every read, so nothing new is stored.

export interface TransitionInput extends AlarmTransition {
  readonly device_id: string | null;
  readonly zone: string | null;
}

export type IncidentState = 'open' | 'closed';

export interface Incident {
  /** `{scope key of the first-out episode}@{start ms}`: stable, as the transitions never change. */
  readonly id: string;
  /** The first-out alarm's device; for an incident a zone alarm opened, its first device (or null). */
  readonly device_id: string | null;
  /** Every device whose alarms are in it, in the order they joined. */
  readonly device_ids: ReadonlyArray<string>;
  readonly zone: string | null;
  readonly state: IncidentState;
  /** The first alarm presented: the cause the episode began with. */
  readonly first_out: { readonly alarm_id: string; readonly source: string; readonly priority: Priority };
  readonly alarm_ids: ReadonlyArray<string>;
  /** The ids of the per-scope episodes grouped in it (one, unless a zone alarm joined devices). */
  readonly episode_ids: ReadonlyArray<string>;
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
  /** Incidents with this device's alarms in them. */
  readonly deviceId?: string;
  readonly zone?: string;
  /** Incidents whose highest priority is this one. */
  readonly priority?: Priority;
  readonly state?: IncidentState;
}

const ACTIVE_STATES: ReadonlySet<string> = new Set(['unacknowledged', 'acknowledged', 'rtn_unacknowledged']);

type ScopeKind = 'device' | 'zone' | 'console';

interface Episode {
  readonly key: string;
  readonly kind: ScopeKind;
  readonly device_id: string | null;
  zone: string | null;
  readonly start: number;
  end: number | null;
  readonly states: Map<string, string>;
  /** With their position in the input, so grouped episodes interleave as they happened. */
  readonly transitions: Array<{ readonly seq: number; readonly t: TransitionInput }>;
}

function scopeOf(t: TransitionInput): { readonly key: string; readonly kind: ScopeKind } {
  if (t.device_id !== null) return { key: `device:${t.device_id}`, kind: 'device' };
  if (t.zone !== null) return { key: `zone:${t.zone}`, kind: 'zone' };
  return { key: `console:${t.source}`, kind: 'console' };
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

function episodeId(e: Episode): string {
  return `${e.key}@${e.start}`;
}

/** One incident from episodes already known to belong together (oldest first). */
function incidentOf(episodes: ReadonlyArray<Episode>): Incident {
  const first = episodes[0]!;
  const ordered = episodes.flatMap((e) => e.transitions).sort((a, b) => a.seq - b.seq);
  const transitions = ordered.map((x) => x.t);
  const opening = transitions[0]!;
  const open = episodes.some((e) => e.end === null);
  const end = open ? null : Math.max(...episodes.map((e) => e.end as number));
  let highest: Priority = opening.priority;
  for (const t of transitions) if (priorityRank(t.priority) < priorityRank(highest)) highest = t.priority;
  const ack = transitions.find((t) => t.operator !== null && (t.to === 'acknowledged' || (t.from === 'rtn_unacknowledged' && t.to === 'normal')));
  const deviceIds = [...new Set(transitions.flatMap((t) => (t.device_id === null ? [] : [t.device_id])))];
  const zone = episodes.find((e) => e.kind === 'zone')?.zone ?? first.zone;
  return {
    id: episodeId(first),
    device_id: opening.device_id ?? deviceIds[0] ?? null,
    device_ids: deviceIds,
    zone,
    state: open ? 'open' : 'closed',
    first_out: { alarm_id: opening.alarm_id, source: opening.source, priority: opening.priority },
    alarm_ids: [...new Set(transitions.map((t) => t.alarm_id))],
    episode_ids: episodes.map(episodeId),
    highest_priority: highest,
    start_ms: first.start,
    end_ms: end,
    first_ack_ms: ack?.at ?? null,
    first_ack_by: ack?.operator ?? null,
    transitions,
    outcome: outcomeOf(transitions, !open),
  };
}

function overlaps(a: Episode, b: Episode): boolean {
  return a.start <= (b.end ?? Number.POSITIVE_INFINITY) && b.start <= (a.end ?? Number.POSITIVE_INFINITY);
}

/**
 * Cuts transitions (fed in the order they happened) into per-scope episodes, then groups them into
 * incidents (see the rule at the top). Fed one by one, so a reader can stop once it has what it needs.
 */
export class IncidentGrouper {
  private readonly open = new Map<string, Episode>();
  private readonly episodes: Episode[] = [];
  private seq = 0;

  push(t: TransitionInput): void {
    const scope = scopeOf(t);
    let e = this.open.get(scope.key);
    if (!e) {
      // Only a presentation opens an episode; a stray action on a point already normal does not.
      if (!ACTIVE_STATES.has(t.to) || t.from !== 'normal') return;
      e = { key: scope.key, kind: scope.kind, device_id: t.device_id, zone: t.zone, start: t.at, end: null, states: new Map(), transitions: [] };
      this.open.set(scope.key, e);
      this.episodes.push(e);
    }
    if (e.zone === null && t.zone !== null) e.zone = t.zone;
    e.transitions.push({ seq: this.seq++, t });
    e.states.set(t.alarm_id, t.to);
    for (const state of e.states.values()) if (state !== 'normal') return;
    e.end = t.at;
    this.open.delete(scope.key);
  }

  /** Whether an episode that began before `ms` still stands: a reader past `ms` must read on. */
  openBefore(ms: number): boolean {
    for (const e of this.open.values()) if (e.start < ms) return true;
    return false;
  }

  /** The incidents so far, oldest first. */
  incidents(): Incident[] {
    // Union–find over the episodes: a device episode joins each overlapping episode of its zone.
    const parent = this.episodes.map((_, i) => i);
    const root = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const zoneEpisodes = new Map<string, number[]>();
    this.episodes.forEach((e, i) => {
      if (e.kind === 'zone' && e.zone !== null) zoneEpisodes.set(e.zone, [...(zoneEpisodes.get(e.zone) ?? []), i]);
    });
    this.episodes.forEach((e, i) => {
      if (e.kind !== 'device' || e.zone === null) return;
      for (const z of zoneEpisodes.get(e.zone) ?? []) if (overlaps(e, this.episodes[z]!)) parent[root(i)] = root(z);
    });
    const groups = new Map<number, Episode[]>();
    this.episodes.forEach((e, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), e]));
    return [...groups.values()]
      .map((g) => incidentOf(g.sort((a, b) => a.start - b.start || a.transitions[0]!.seq - b.transitions[0]!.seq)))
      .sort((a, b) => a.start_ms - b.start_ms || a.id.localeCompare(b.id));
  }
}

/** Groups transitions (in the order they happened) into incidents, oldest first. */
export function groupIncidents(transitions: Iterable<TransitionInput>): Incident[] {
  const grouper = new IncidentGrouper();
  for (const t of transitions) grouper.push(t);
  return grouper.incidents();
}

export function matchesFilter(incident: Incident, filter: IncidentFilter): boolean {
  if (filter.fromMs !== undefined && (incident.end_ms ?? Number.MAX_SAFE_INTEGER) < filter.fromMs) return false;
  if (filter.toMs !== undefined && incident.start_ms >= filter.toMs) return false;
  if (filter.deviceId !== undefined && !incident.device_ids.includes(filter.deviceId)) return false;
  if (filter.zone !== undefined && incident.zone !== filter.zone) return false;
  if (filter.priority !== undefined && incident.highest_priority !== filter.priority) return false;
  if (filter.state !== undefined && incident.state !== filter.state) return false;
  return true;
}
