import type { AnalyticsEvent } from '../../../shared/analytics/types';
import type { ConnectionHealth, DeviceSummary, HealthResponse } from '../../../shared/protocol/api-types';
import type { HelloMessage } from '../../../shared/protocol/envelope';
import type { RpcChannel, RpcClient } from '../../../shared/protocol/rpc-client';
import type { ScoringView } from '../../../shared/protocol/scoring-view';
import { createRpcClient } from '../../../shared/protocol/rpc-client';
import type { LinkState } from '../state/connection-slice';
import type { ChannelSource } from './channel-source';

/** Everything the session learns, told to whoever keeps the state (the store, or a test). */
export interface LinkSink {
  setLink(link: LinkState): void;
  setLastMessageAt(at: number): void;
  setHello(hello: HelloMessage): void;
  /** A complete fleet from `devices.list`: it supersedes every change received before it. */
  replaceDevices(devices: ReadonlyArray<DeviceSummary>): void;
  changeDevices(devices: ReadonlyArray<DeviceSummary>): void;
  removeDevices(deviceIds: ReadonlyArray<string>): void;
  setHealth(health: HealthResponse): void;
  setConnections(connections: ReadonlyArray<ConnectionHealth>): void;
  /**
   * The client of the channel in use (null while there is none), for views that ask the host
   * themselves (device detail, zones, history) and for parts that listen to more events.
   */
  setClient?(client: RpcClient | null): void;
  /** A stream-analytics event as the host pushed it. */
  analyticsEvent?(event: AnalyticsEvent): void;
  /** The scoring thresholds in effect, pushed as soon as a supervisor changes settings (health repeats them). */
  setScoring?(scoring: ScoringView): void;
}

export interface SessionClock {
  now(): number;
  /** Calls `task` every `intervalMs` until the returned function is called. */
  every(intervalMs: number, task: () => void): () => void;
}

export interface LinkSessionOptions {
  readonly clock?: SessionClock;
  /** How often the session asks for `health.get`; the answer doubles as proof the host is alive. */
  readonly heartbeatMs?: number;
  readonly staleAfterMs?: number;
  /** Close a channel silent this long, so a source that redials can replace a half-open socket; null: never. */
  readonly closeSilentAfterMs?: number | null;
  readonly requestTimeoutMs?: number;
  readonly onUndecodable?: (data: unknown) => void;
  readonly onProblem?: (what: string, error: unknown) => void;
}

const TICK_MS = 1000;

const browserClock: SessionClock = {
  now: () => Date.now(),
  every: (intervalMs, task) => {
    const handle = setInterval(task, intervalMs);
    return () => clearInterval(handle);
  },
};

interface ActiveChannel {
  readonly client: RpcClient;
  lastMessageAt: number;
  lastHeartbeatAt: number;
  snapshotLoaded: boolean;
  snapshotInFlight: boolean;
}

/**
 * Keeps the renderer's view of the host current over whatever channels the source provides: on
 * every new channel it fetches the fleet and the console health afresh, then applies pushed events;
 * it heartbeats, and reports the link as live, stale (silent too long) or down (no channel).
 */
export function startLinkSession(source: ChannelSource, sink: LinkSink, options: LinkSessionOptions = {}): () => void {
  const clock = options.clock ?? browserClock;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const staleAfterMs = options.staleAfterMs ?? 12_000;
  const closeSilentAfterMs = options.closeSilentAfterMs ?? null;
  const requestTimeoutMs = options.requestTimeoutMs ?? 8_000;
  const onProblem = options.onProblem ?? (() => {});
  let active: ActiveChannel | null = null;
  let lastMessageAt: number | null = null;

  function evaluate(): void {
    if (lastMessageAt !== null) sink.setLastMessageAt(lastMessageAt);
    const current = active;
    if (current === null) return;
    const silentFor = clock.now() - current.lastMessageAt;
    if (closeSilentAfterMs !== null && silentFor >= closeSilentAfterMs) {
      current.client.close(`host silent for ${Math.round(silentFor / 1000)} s`);
      return;
    }
    sink.setLink(!current.snapshotLoaded ? 'connecting' : silentFor >= staleAfterMs ? 'stale' : 'live');
  }

  function loadSnapshot(current: ActiveChannel): void {
    if (current.snapshotInFlight) return;
    current.snapshotInFlight = true;
    // Applied in the very turn the answer arrives: the channel is ordered, so every change already
    // received is older than this list and every change still to come is newer.
    const devices = current.client.request('devices.list', {}, requestTimeoutMs).then((result) => {
      if (active !== current) return;
      sink.replaceDevices(result.devices);
      current.snapshotLoaded = true;
      evaluate();
    });
    const health = current.client.request('health.get', {}, requestTimeoutMs).then((result) => {
      if (active === current) sink.setHealth(result);
    });
    void Promise.allSettled([devices, health]).then((outcomes) => {
      current.snapshotInFlight = false;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected' && !current.client.isClosed()) onProblem('snapshot failed', outcome.reason);
      }
    });
  }

  function heartbeat(current: ActiveChannel): void {
    if (clock.now() - current.lastHeartbeatAt < heartbeatMs) return;
    current.lastHeartbeatAt = clock.now();
    if (!current.snapshotLoaded) {
      loadSnapshot(current);
      return;
    }
    current.client.request('health.get', {}, requestTimeoutMs).then(
      (result) => {
        if (active === current) sink.setHealth(result);
      },
      (error: unknown) => {
        if (!current.client.isClosed()) onProblem('heartbeat failed', error);
      },
    );
  }

  function adopt(channel: RpcChannel): void {
    const previous = active;
    active = null;
    previous?.client.close('replaced by a new channel');

    const client = createRpcClient(channel, {
      defaultTimeoutMs: requestTimeoutMs,
      ...(options.onUndecodable === undefined ? {} : { onUndecodable: options.onUndecodable }),
    });
    const current: ActiveChannel = {
      client,
      lastMessageAt: clock.now(),
      lastHeartbeatAt: clock.now(),
      snapshotLoaded: false,
      snapshotInFlight: false,
    };
    channel.onMessage(() => {
      current.lastMessageAt = clock.now();
      lastMessageAt = current.lastMessageAt;
    });
    client.onHello((hello) => sink.setHello(hello));
    client.on('devices.changed', (payload) => sink.changeDevices(payload.devices));
    client.on('devices.removed', (payload) => sink.removeDevices(payload.device_ids));
    client.on('health.changed', (payload) => sink.setHealth(payload.health));
    client.on('connections.changed', (payload) => sink.setConnections(payload.connections));
    client.on('analytics.event', (payload) => sink.analyticsEvent?.(payload.event));
    client.on('settings.changed', (payload) => sink.setScoring?.(payload.scoring));
    client.onClose(() => {
      if (active !== current) return;
      active = null;
      sink.setClient?.(null);
      sink.setLink('down');
    });

    active = current;
    sink.setClient?.(client);
    sink.setLink('connecting');
    loadSnapshot(current);
  }

  sink.setLink('connecting');
  const stopTicking = clock.every(TICK_MS, () => {
    if (active !== null) heartbeat(active);
    evaluate();
  });
  const stopSource = source.start(adopt);

  return () => {
    stopTicking();
    stopSource();
    const current = active;
    active = null;
    current?.client.close('session stopped');
    sink.setClient?.(null);
  };
}
