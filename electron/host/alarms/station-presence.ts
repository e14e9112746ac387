import type { StationView } from '../../../shared/protocol';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmStatusBoard } from './alarm-status';
import type { AlarmWriter } from './alarm-writer';
import type { ConditionIntake } from './condition-intake';
import { stationName } from './request-params';
import type { StationRegistry, StationState } from './station-registry';

// Which stations are there: each says hello every few seconds (wall display or not, audio armed or
// not). A station whose audio stays unarmed is console trouble; one that stops saying hello is
// gone, and its trouble clears with it.

/** A station that has not said hello for this long is gone: its own trouble (audio) clears. */
export const STATION_GONE_MS = 45_000;
/**
 * A page's audio context starts suspended and runs a moment later where autoplay is allowed: only
 * audio still not armed after this long is trouble (else every page load would raise it).
 */
export const AUDIO_GRACE_MS = 10_000;

export class StationPresence {
  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'now'>,
    private readonly stations: StationRegistry,
    private readonly conditions: ConditionIntake,
    private readonly writer: AlarmWriter,
    private readonly statusBoard: AlarmStatusBoard,
  ) {}

  /** A station says it is there: wall display or not, whether its audio is armed. */
  hello(params: { readonly station?: unknown; readonly kiosk?: unknown; readonly audio_armed?: unknown }): StationView {
    const name = stationName(params.station);
    const state = this.stations.station(name);
    const now = this.deps.now();
    const kiosk = params.kiosk === true;
    if (kiosk && !state.wallDisplay) {
      state.wallDisplay = true;
      state.operator = null;
      this.writer.pending.stations.add(name);
      this.writer.scheduleFlush();
    }
    state.lastSeen = now;
    if (typeof params.audio_armed === 'boolean') {
      state.audioArmed = params.audio_armed;
      if (params.audio_armed) {
        state.audioUnarmedSince = null;
        this.conditions.setConsoleCondition('audio_not_armed', false, { target: name, message: 'Audio armed' });
      } else {
        state.audioUnarmedSince ??= now;
        this.checkAudio(state, now);
      }
    }
    this.statusBoard.publish();
    return this.stations.view(name);
  }

  /** The timer's round: audio trouble past its grace is raised, stations gone are forgotten. */
  sweep(now: number): void {
    for (const state of this.stations.all()) {
      if (state.lastSeen === null) continue;
      if (now - state.lastSeen < STATION_GONE_MS) {
        this.checkAudio(state, now);
        continue;
      }
      state.lastSeen = null;
      this.conditions.setConsoleCondition('audio_not_armed', false, { target: state.station, message: `Station ${state.station} closed` });
      state.audioArmed = null;
      state.audioUnarmedSince = null;
    }
  }

  private checkAudio(state: StationState, now: number): void {
    if (state.audioUnarmedSince === null || now - state.audioUnarmedSince < AUDIO_GRACE_MS) return;
    this.conditions.setConsoleCondition('audio_not_armed', true, {
      target: state.station,
      message: `Audio not armed at station ${state.station}: alarms cannot be heard there`,
    });
  }
}
