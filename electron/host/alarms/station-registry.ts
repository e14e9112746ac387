import type { StationSilence } from '../../../shared/alarms/silence';
import { emptySilence } from '../../../shared/alarms/silence';
import type { StationView } from '../../../shared/protocol';
import type { StationRow } from './alarm-tables';
import type { OperatorDirectory } from './operator-directory';

// The stations (screens) this console knows: who is signed in at each, whether it is a wall
// display, its silence and its audio. Known from the database after a restart before any hello.

export interface StationState {
  readonly station: string;
  operator: string | null;
  wallDisplay: boolean;
  silence: StationSilence;
  audioArmed: boolean | null;
  /** Since when the station has said its audio is not armed (raised after AUDIO_GRACE_MS). */
  audioUnarmedSince: number | null;
  /** Console clock of the last hello; null for a station known only from the database. */
  lastSeen: number | null;
}

export class StationRegistry {
  private readonly stations = new Map<string, StationState>();

  constructor(
    private readonly wallDisplays: ReadonlySet<string>,
    private readonly directory: OperatorDirectory,
  ) {}

  restore(rows: Iterable<StationRow>): void {
    for (const row of rows) {
      this.stations.set(row.station, {
        station: row.station,
        operator: row.operator,
        wallDisplay: row.wall_display,
        silence: row.silence,
        audioArmed: null,
        audioUnarmedSince: null,
        lastSeen: null,
      });
    }
  }

  find(name: string): StationState | undefined {
    return this.stations.get(name);
  }

  /** The station by name, known from now on if it was not. */
  station(name: string): StationState {
    let state = this.stations.get(name);
    if (state === undefined) {
      state = {
        station: name,
        operator: null,
        wallDisplay: this.wallDisplays.has(name),
        silence: emptySilence(name),
        audioArmed: null,
        audioUnarmedSince: null,
        lastSeen: null,
      };
      this.stations.set(name, state);
    }
    return state;
  }

  all(): IterableIterator<StationState> {
    return this.stations.values();
  }

  isWallDisplay(name: string): boolean {
    return this.wallDisplays.has(name) || this.stations.get(name)?.wallDisplay === true;
  }

  view(name: string): StationView {
    const state = this.stations.get(name);
    const wall = this.isWallDisplay(name);
    const operator = wall ? null : (state?.operator ?? null);
    return {
      station: name,
      wall_display: wall,
      operator,
      role: wall || operator === null ? 'viewer' : this.directory.role(operator),
      audio_armed: state?.audioArmed ?? null,
    };
  }

  /** The row to write for a station (null: not known). */
  row(name: string, now: number): StationRow | null {
    const s = this.stations.get(name);
    if (s === undefined) return null;
    return { station: s.station, operator: s.operator, wall_display: s.wallDisplay, silence: s.silence, updated_at: now };
  }
}
