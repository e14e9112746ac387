import { chatteringPoints } from '../../../shared/alarms/chattering';
import type { AlarmConfig } from '../../../shared/alarms/config';
import { floodStatus } from '../../../shared/alarms/flood';
import { isAudible } from '../../../shared/alarms/record';
import { stationSound } from '../../../shared/alarms/silence';
import type { AlarmsStatus } from '../../../shared/protocol';
import type { AlarmMemory } from './alarm-memory';
import type { AlarmServiceDeps } from './alarm-service-deps';
import { toChatteringView, toFloodView, toStationSoundView } from './alarm-views';
import type { StationRegistry } from './station-registry';

// The room's status beside the alarm list: flood, chattering alarms and what each live station
// sounds. Pushed only when it changed, and worked out at most every STATUS_MIN_INTERVAL_MS under
// a burst because the flood sweep is not free.

const STATUS_MIN_INTERVAL_MS = 50;

export class AlarmStatusBoard {
  private lastStatusJson = '';
  private lastStatusAt = 0;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private chatteringIds: ReadonlySet<string> = new Set();
  private stopped = false;

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now' | 'emit'>,
    private readonly config: AlarmConfig,
    private readonly memory: AlarmMemory,
    private readonly stations: StationRegistry,
  ) {}

  stop(): void {
    this.stopped = true;
    if (this.statusTimer !== null) clearTimeout(this.statusTimer);
    this.statusTimer = null;
  }

  /** Whether the alarm was chattering when the status was last worked out. */
  isChattering(id: string): boolean {
    return this.chatteringIds.has(id);
  }

  status(now: number): AlarmsStatus {
    const audible = [...this.memory.records.values()].filter(isAudible);
    const stations: Record<string, ReturnType<typeof toStationSoundView>> = {};
    for (const state of this.stations.all()) {
      if (state.lastSeen === null) continue;
      stations[state.station] = toStationSoundView(stationSound(audible, state.silence, now, this.config));
    }
    const recent = this.memory.recent.all();
    const chattering = chatteringPoints(recent, now, this.config);
    this.chatteringIds = new Set(chattering.map((c) => c.alarm_id));
    return {
      flood: toFloodView(floodStatus(recent, now, this.config)),
      chattering: chattering.map(toChatteringView),
      stations,
    };
  }

  /** Pushes the status when it changed; `force` (the timer tick) works it out whatever the interval. */
  publish(force = false): void {
    const wall = Date.now();
    if (!force && wall - this.lastStatusAt < STATUS_MIN_INTERVAL_MS) {
      if (this.statusTimer === null && !this.stopped) {
        this.statusTimer = setTimeout(() => {
          this.statusTimer = null;
          this.publish(true);
        }, STATUS_MIN_INTERVAL_MS - (wall - this.lastStatusAt));
        this.statusTimer.unref();
      }
      return;
    }
    this.lastStatusAt = wall;
    const status = this.status(this.deps.now());
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.deps.emit('alarms.status', { status });
  }
}
