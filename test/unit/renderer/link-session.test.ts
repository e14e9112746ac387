import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionHealth, DeviceSummary, HealthResponse } from '../../../shared/protocol/api-types';
import type { ClientMessage, HelloMessage } from '../../../shared/protocol/envelope';
import type { AnalyticsEvent } from '../../../shared/analytics/types';
import type { RpcChannel, RpcClient } from '../../../shared/protocol/rpc-client';
import type { LinkState } from '../../../renderer/src/state/connection-slice';
import type { ChannelSource } from '../../../renderer/src/transport/channel-source';
import type { LinkSessionOptions, LinkSink, SessionClock } from '../../../renderer/src/transport/link-session';
import { startLinkSession } from '../../../renderer/src/transport/link-session';
import { device, health } from './fixtures';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class ManualClock implements SessionClock {
  time = 1_000_000;
  private tasks: Array<{ every: number; next: number; task: () => void }> = [];
  now(): number {
    return this.time;
  }
  every(intervalMs: number, task: () => void): () => void {
    const entry = { every: intervalMs, next: this.time + intervalMs, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      this.time = due.next;
      due.next += due.every;
      due.task();
    }
    this.time = end;
  }
}

/** The host's end of one channel, played by the test. */
class HostEnd implements RpcChannel {
  readonly requests: ClientMessage[] = [];
  closed = false;
  private readonly messageListeners: Array<(data: unknown) => void> = [];
  private readonly closeListeners: Array<(reason: string) => void> = [];
  send(message: ClientMessage): void {
    this.requests.push(message);
  }
  onMessage(listener: (data: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }
  close(): void {
    this.drop('closed by console');
  }
  drop(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener(reason);
  }
  push(data: unknown): void {
    for (const listener of this.messageListeners) listener(data);
  }
  methods(): string[] {
    return this.requests.map((r) => r.method);
  }
  /** Answers the oldest unanswered request for `method`. */
  answer(method: string, result: unknown): void {
    const index = this.requests.findIndex((r) => r.method === method && !this.answered.has(r.id));
    const request = this.requests[index];
    assert.ok(request, `a ${method} request is waiting`);
    this.answered.add(request.id);
    this.push({ kind: 'response', id: request.id, ok: true, result });
  }
  fail(method: string): void {
    const request = this.requests.find((r) => r.method === method && !this.answered.has(r.id));
    assert.ok(request);
    this.answered.add(request.id);
    this.push({ kind: 'response', id: request.id, ok: false, error: { code: 'INTERNAL', message: 'store busy' } });
  }
  private readonly answered = new Set<number>();
}

class HandSource implements ChannelSource {
  readonly reopensOnClose: boolean;
  private onChannel: ((channel: RpcChannel) => void) | null = null;
  stopped = false;
  constructor(reopensOnClose: boolean) {
    this.reopensOnClose = reopensOnClose;
  }
  start(onChannel: (channel: RpcChannel) => void): () => void {
    this.onChannel = onChannel;
    return () => {
      this.stopped = true;
    };
  }
  open(): HostEnd {
    const host = new HostEnd();
    assert.ok(this.onChannel);
    this.onChannel(host);
    return host;
  }
}

class RecordingSink implements LinkSink {
  links: LinkState[] = [];
  snapshots: ReadonlyArray<DeviceSummary>[] = [];
  changes: ReadonlyArray<DeviceSummary>[] = [];
  removals: ReadonlyArray<string>[] = [];
  healths: HealthResponse[] = [];
  connections: ReadonlyArray<ConnectionHealth>[] = [];
  hellos: HelloMessage[] = [];
  lastMessageAt: number | null = null;
  get link(): LinkState | undefined {
    return this.links.at(-1);
  }
  setLink(link: LinkState): void {
    if (this.links.at(-1) !== link) this.links.push(link);
  }
  setLastMessageAt(at: number): void {
    this.lastMessageAt = at;
  }
  setHello(hello: HelloMessage): void {
    this.hellos.push(hello);
  }
  replaceDevices(devices: ReadonlyArray<DeviceSummary>): void {
    this.snapshots.push(devices);
  }
  changeDevices(devices: ReadonlyArray<DeviceSummary>): void {
    this.changes.push(devices);
  }
  removeDevices(deviceIds: ReadonlyArray<string>): void {
    this.removals.push(deviceIds);
  }
  setHealth(value: HealthResponse): void {
    this.healths.push(value);
  }
  setConnections(value: ReadonlyArray<ConnectionHealth>): void {
    this.connections.push(value);
  }
}

function start(reopensOnClose = true, options: LinkSessionOptions = {}) {
  const clock = new ManualClock();
  const source = new HandSource(reopensOnClose);
  const sink = new RecordingSink();
  const stop = startLinkSession(source, sink, {
    clock,
    heartbeatMs: 5_000,
    staleAfterMs: 12_000,
    closeSilentAfterMs: reopensOnClose ? 30_000 : null,
    ...options,
  });
  return { clock, source, sink, stop };
}

async function openLive(source: HandSource): Promise<HostEnd> {
  const host = source.open();
  host.push({ kind: 'hello', protocol: 1, version: '0.1.0' });
  host.answer('devices.list', { devices: [device('dev-1'), device('dev-2')] });
  host.answer('health.get', health);
  await settle();
  return host;
}

describe('startLinkSession', () => {
  it('fetches the fleet and the console health on a new channel, then reports the link live', async () => {
    const { source, sink, stop } = start();
    assert.equal(sink.link, 'connecting');
    const host = source.open();
    assert.deepEqual(host.methods().sort(), ['devices.list', 'health.get']);
    host.push({ kind: 'hello', protocol: 1, version: '0.1.0' });
    host.answer('devices.list', { devices: [device('dev-1')] });
    host.answer('health.get', health);
    await settle();
    assert.deepEqual(sink.snapshots.map((s) => s.map((d) => d.device_id)), [['dev-1']]);
    assert.deepEqual(sink.healths, [health]);
    assert.deepEqual(sink.hellos, [{ kind: 'hello', protocol: 1, version: '0.1.0' }]);
    assert.equal(sink.link, 'live');
    stop();
  });

  it('passes pushed events on', async () => {
    const { source, sink, stop } = start();
    const host = await openLive(source);
    const changed = device('dev-1', { temperature: 66 });
    const connections: ConnectionHealth[] = [
      { id: 'site', url: 'mqtt://broker', state: 'connected', messages: 3, rate_per_s: 1, limit_per_s: 100, last_error: null },
    ];
    host.push({ kind: 'event', event: 'devices.changed', payload: { devices: [changed] } });
    host.push({ kind: 'event', event: 'devices.removed', payload: { device_ids: ['dev-2'] } });
    host.push({ kind: 'event', event: 'health.changed', payload: { health: { ...health, status: 'degraded' } } });
    host.push({ kind: 'event', event: 'connections.changed', payload: { connections } });
    assert.deepEqual(sink.changes, [[changed]]);
    assert.deepEqual(sink.removals, [['dev-2']]);
    assert.equal(sink.healths.at(-1)?.status, 'degraded');
    assert.deepEqual(sink.connections, [connections]);
    stop();
  });

  it('reports the link down when the channel closes, keeps the data, and fetches afresh on the next channel', async () => {
    const { source, sink, stop } = start();
    const first = await openLive(source);
    first.drop('host restarting');
    assert.equal(sink.link, 'down');
    assert.equal(sink.snapshots.length, 1, 'the last fleet is not thrown away');

    const second = source.open();
    assert.equal(sink.link, 'connecting');
    assert.deepEqual(second.methods().sort(), ['devices.list', 'health.get']);
    second.answer('devices.list', { devices: [device('dev-3')] });
    second.answer('health.get', health);
    await settle();
    assert.deepEqual(sink.snapshots.at(-1)?.map((d) => d.device_id), ['dev-3']);
    assert.deepEqual(sink.links, ['connecting', 'live', 'down', 'connecting', 'live']);
    stop();
  });

  it('marks the link stale when the host falls silent, and live again when it speaks', async () => {
    const { clock, source, sink, stop } = start(false);
    const host = await openLive(source);
    clock.advance(11_000);
    assert.equal(sink.link, 'live');
    clock.advance(2_000);
    assert.equal(sink.link, 'stale');
    assert.equal(host.closed, false, 'a port is not closed for silence: only the shell can replace it');
    clock.advance(60_000);
    assert.equal(host.closed, false);
    host.push({ kind: 'event', event: 'devices.changed', payload: { devices: [] } });
    clock.advance(1_000);
    assert.equal(sink.link, 'live');
    assert.equal(sink.lastMessageAt, clock.now() - 1_000);
    stop();
  });

  it('closes a silent socket so the source can redial it', async () => {
    const { clock, source, sink, stop } = start(true);
    const host = await openLive(source);
    clock.advance(30_000);
    assert.equal(host.closed, true);
    assert.equal(sink.link, 'down');
    stop();
  });

  it('heartbeats with health.get and keeps the health current', async () => {
    const { clock, source, sink, stop } = start();
    const host = await openLive(source);
    const before = host.methods().length;
    clock.advance(5_000);
    assert.deepEqual(host.methods().slice(before), ['health.get']);
    host.answer('health.get', { ...health, uptime_s: 99 });
    await settle();
    assert.equal(sink.healths.at(-1)?.uptime_s, 99);
    clock.advance(1_000);
    assert.equal(sink.link, 'live', 'the heartbeat answer counts as a message');
    stop();
  });

  it('retries a failed fleet fetch on the next heartbeat, and stays connecting until it succeeds', async () => {
    const { clock, source, sink, stop } = start();
    const host = source.open();
    host.fail('devices.list');
    host.answer('health.get', health);
    await settle();
    assert.equal(sink.link, 'connecting');
    clock.advance(5_000);
    assert.ok(host.methods().filter((m) => m === 'devices.list').length === 2, 'asked again');
    host.answer('devices.list', { devices: [device('dev-9')] });
    await settle();
    assert.equal(sink.link, 'live');
    stop();
  });

  it('lets a newer channel replace the current one without reporting the link down', async () => {
    const { source, sink, stop } = start(false);
    const first = await openLive(source);
    const second = source.open();
    assert.equal(first.closed, true);
    assert.ok(!sink.links.includes('down'));
    first.push({ kind: 'event', event: 'devices.changed', payload: { devices: [device('ghost')] } });
    assert.equal(sink.changes.length, 0, 'the replaced channel is no longer heard');
    second.answer('devices.list', { devices: [] });
    second.answer('health.get', health);
    await settle();
    assert.equal(sink.link, 'live');
    stop();
  });

  it('stops the source and closes the channel when stopped', async () => {
    const { source, stop } = start();
    const host = await openLive(source);
    stop();
    assert.equal(source.stopped, true);
    assert.equal(host.closed, true);
  });
});

describe('startLinkSession: the client and analytics events for the views', () => {
  class ClientSink extends RecordingSink {
    clients: Array<RpcClient | null> = [];
    events: AnalyticsEvent[] = [];
    setClient(client: RpcClient | null): void {
      this.clients.push(client);
    }
    analyticsEvent(event: AnalyticsEvent): void {
      this.events.push(event);
    }
  }

  it('hands over the channel\'s client, replaces it with the next one, and withdraws it when the channel goes', async () => {
    const source = new HandSource(true);
    const sink = new ClientSink();
    const stop = startLinkSession(source, sink, { clock: new ManualClock() });
    const first = source.open();
    assert.equal(sink.clients.length, 1);
    assert.ok(sink.clients[0] !== null, 'a client as soon as the channel is there');
    const second = source.open();
    assert.equal(first.closed, true);
    assert.equal(sink.clients.length, 2);
    assert.notEqual(sink.clients[1], sink.clients[0]);
    second.drop('host went away');
    assert.equal(sink.clients.at(-1), null);
    stop();
  });

  it('a view can ask the host through the client, and analytics events are passed on', async () => {
    const source = new HandSource(true);
    const sink = new ClientSink();
    const stop = startLinkSession(source, sink, { clock: new ManualClock() });
    const host = source.open();
    const client = sink.clients[0];
    assert.ok(client);
    const answer = client.request('zones.list', {});
    host.answer('zones.list', { zones: [], fleet: null });
    assert.deepEqual(await answer, { zones: [], fleet: null });
    const event: AnalyticsEvent = { event: 'TEMP_DIVERGENCE', zone: 'B1-F4', at: '2026-03-01T10:00:00.000Z', severity: 'HIGH', values: { temp_diff: 24 } };
    host.push({ kind: 'event', event: 'analytics.event', payload: { event } });
    assert.deepEqual(sink.events, [event]);
    stop();
    assert.equal(sink.clients.at(-1), null);
  });
});
