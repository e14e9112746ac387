import type { StateCreator } from 'zustand';
import type { ConnectionHealth, HealthResponse } from '../../../shared/protocol/api-types';
import type { ConsoleState } from './console-state';

export interface HealthSlice {
  readonly health: HealthResponse | null;
  setHealth(health: HealthResponse): void;
  /** `connections.changed` arrives between health reports; it refreshes just that part. */
  setConnections(connections: ReadonlyArray<ConnectionHealth>): void;
}

export const createHealthSlice: StateCreator<ConsoleState, [], [], HealthSlice> = (set) => ({
  health: null,
  setHealth: (health) => set({ health }),
  setConnections: (connections) =>
    set((state) => (state.health === null ? state : { health: { ...state.health, connections } })),
});
