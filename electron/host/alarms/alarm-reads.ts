import type { AlarmConfig } from '../../../shared/alarms/config';
import { PRIORITY_RANK, compareByUrgency } from '../../../shared/alarms/ordering';
import type { AlarmStateFilter } from '../../../shared/alarms/record';
import { isStanding, isUnacknowledged, matchesStateFilter } from '../../../shared/alarms/record';
import type { AlarmRecord, Priority } from '../../../shared/alarms/types';
import type { AlarmItem, AlarmsSnapshot, AlertSummary } from '../../../shared/protocol';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmPushes } from './alarm-pushes';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmStatusBoard } from './alarm-status';
import { toAlertSummary } from './alarm-views';
import type { AlarmWriter } from './alarm-writer';
import type { OperatorDirectory } from './operator-directory';
import { stationName } from './request-params';
import type { StationRegistry } from './station-registry';
import type { StationSharing } from './station-sharing';

// The live picture as screens and the REST API read it: the list in the order an operator works
// it (priority, then what needs attention, then newest), one alarm, a station's whole snapshot,
// the seed's `recent_alerts`, and the counts health reports.

function sortAlarms(a: AlarmRecord, b: AlarmRecord): number {
  return compareByUrgency(a, b, (alarm) => alarm.activated_at ?? alarm.last_change_at);
}

export interface AlarmReadSources {
  readonly deps: Pick<AlarmServiceDeps, 'now'>;
  readonly config: AlarmConfig;
  readonly memory: AlarmMemory;
  readonly pushes: AlarmPushes;
  readonly statusBoard: AlarmStatusBoard;
  readonly stations: StationRegistry;
  readonly sharing: StationSharing;
  readonly directory: OperatorDirectory;
  readonly writer: AlarmWriter;
}

export class AlarmReads {
  constructor(private readonly sources: AlarmReadSources) {}

  list(filter?: AlarmStateFilter, deviceId?: string): ReadonlyArray<AlarmRecord> {
    const out: AlarmRecord[] = [];
    for (const record of this.sources.memory.records.values()) {
      if (deviceId !== undefined && record.device_id !== deviceId) continue;
      if (filter === undefined ? record.state === 'normal' : !matchesStateFilter(record, filter)) continue;
      out.push(record);
    }
    return out.sort(sortAlarms);
  }

  get(id: string): AlarmItem | null {
    const record = this.sources.memory.records.get(id);
    return record === undefined ? null : this.sources.pushes.item(record);
  }

  snapshot(stationParam: unknown): AlarmsSnapshot {
    const { config, pushes } = this.sources;
    const name = stationName(stationParam);
    // The status first: it decides which alarms are marked chattering in the items.
    const status = this.sources.statusBoard.status(this.sources.deps.now());
    const items = this.list().map((r) => pushes.item(r));
    return {
      alarms: items,
      status,
      station: this.sources.stations.view(name),
      sharing: this.sources.sharing.view(),
      operators: this.sources.directory.listed(),
      config: {
        shelve_max_minutes: config.shelve.maxMinutes,
        supervisor_shelve_max_minutes: config.shelve.supervisorMaxMinutes,
        resound_minutes: config.silence.resoundMs / 60_000,
        escalation_minutes: config.escalation.afterMs / 60_000,
      },
    };
  }

  /** `recent_alerts`: the newest presentations of device and zone alarms, in the seed's alert shape. */
  recentAlerts(limit: number, deviceId?: string): ReadonlyArray<AlertSummary> {
    const { memory } = this.sources;
    const out: AlarmRecord[] = [];
    for (const record of memory.records.values()) {
      if (record.scope === 'console' || record.activated_at === null) continue;
      if (deviceId !== undefined && record.device_id !== deviceId) continue;
      out.push(record);
    }
    out.sort((a, b) => (b.activated_at as number) - (a.activated_at as number) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]);
    return out.slice(0, limit).map((r) => toAlertSummary(r, r.device_id === null ? null : memory.alertTypeOf(r.device_id)));
  }

  counts(): { readonly standing: number; readonly unacknowledged: number; readonly unsaved: number } {
    let standing = 0;
    let unacknowledged = 0;
    for (const record of this.sources.memory.records.values()) {
      if (isStanding(record.state)) standing += 1;
      if (isUnacknowledged(record.state)) unacknowledged += 1;
    }
    return { standing, unacknowledged, unsaved: this.sources.writer.pending.size() };
  }
}
