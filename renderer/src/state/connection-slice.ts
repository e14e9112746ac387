import type { StateCreator } from 'zustand';
import type { RpcClient } from '../../../shared/protocol/rpc-client';
import type { ConsoleState } from './console-state';

/**
 * The renderer's link to the host. `stale`: the link is open but the host has been silent too long;
 * `down`: the link is gone and a new one is being sought. Either way the last data stays on screen.
 */
export type LinkState = 'connecting' | 'live' | 'stale' | 'down';

export interface HostIdentity {
  readonly version: string;
  readonly protocol: number;
}

export interface ConnectionSlice {
  readonly link: LinkState;
  /** Console clock (epoch ms) of the last message from the host; refreshed about once a second. */
  readonly lastMessageAt: number | null;
  readonly host: HostIdentity | null;
  /** The open channel's client, for requests a view makes itself; null while there is no channel. */
  readonly client: RpcClient | null;
  setLink(link: LinkState): void;
  setClient(client: RpcClient | null): void;
  setLastMessageAt(at: number): void;
  setHost(host: HostIdentity): void;
}

export const createConnectionSlice: StateCreator<ConsoleState, [], [], ConnectionSlice> = (set) => ({
  link: 'connecting',
  lastMessageAt: null,
  host: null,
  client: null,
  setClient: (client) => set((state) => (state.client === client ? state : { client })),
  setLink: (link) => set((state) => (state.link === link ? state : { link })),
  setLastMessageAt: (at) => set((state) => (state.lastMessageAt === at ? state : { lastMessageAt: at })),
  setHost: (host) => set({ host }),
});
