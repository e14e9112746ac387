import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeviceSummary, HealthResponse } from '../../../shared/protocol/api-types';
import type { ClientMessage } from '../../../shared/protocol/envelope';
import { ProtocolError } from '../../../shared/protocol/errors';
import type { RpcChannel } from '../../../shared/protocol/rpc-client';
import { createRpcClient } from '../../../shared/protocol/rpc-client';

/** A channel whose far end the test plays by hand. */
class FakeChannel implements RpcChannel {
  readonly sent: ClientMessage[] = [];
  closeCalls = 0;
  failSend = false;
  private readonly messageListeners: Array<(data: unknown) => void> = [];
  private readonly closeListeners: Array<(reason: string) => void> = [];

  send(message: ClientMessage): void {
    if (this.failSend) throw new Error('socket not open');
    this.sent.push(message);
  }
  onMessage(listener: (data: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }
  close(): void {
    this.closeCalls += 1;
    this.drop('closed');
  }
  deliver(data: unknown): void {
    for (const listener of this.messageListeners) listener(data);
  }
  drop(reason: string): void {
    for (const listener of this.closeListeners) listener(reason);
  }
  lastRequestId(): number {
    const last = this.sent.at(-1);
    assert.ok(last, 'a request was sent');
    return last.id;
  }
}

const health: HealthResponse = {
  status: 'ok',
  uptime_s: 12,
  version: '0.1.0',
  reasons: [],
  mode: { demo: true, embedded_broker_url: 'mqtt://127.0.0.1:40000' },
  connections: [],
  ingest: { received: 0, scored: 0, duplicates: 0, per_second: 0, late: 0, clock_skew: 0, lost_messages: 0, pending_acks: 0 },
  quarantine: { total: 0, by_reason: {} },
  store: { db_bytes: 0, readings: 0, oldest_reading: null },
  monitoring: { lost: false, reason: null, detail: null, since: '2026-03-01T00:00:00.000Z' },
};

const device: DeviceSummary = {
  device_id: 'dev-001',
  name: 'Board A',
  zone: 'B1/F1',
  online: true,
  last_seen: '2026-03-01T09:00:00.000Z',
  risk_level: null,
  risk_score: null,
  status_bits: 0,
  temperature: 31.5,
  current: 4.2,
};

describe('createRpcClient', () => {
  it('sends a request envelope with a fresh id for every call', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const a = client.request('health.get', {}).catch(() => undefined);
    const b = client.request('device.get', { id: 'dev-001' }).catch(() => undefined);
    assert.deepEqual(channel.sent, [
      { kind: 'request', id: 1, method: 'health.get', params: {} },
      { kind: 'request', id: 2, method: 'device.get', params: { id: 'dev-001' } },
    ]);
    client.close();
    await Promise.all([a, b]);
  });

  it('pairs responses with requests by id, whatever order they come in', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const first = client.request('health.get', {});
    const second = client.request('devices.list', {});
    channel.deliver(JSON.stringify({ kind: 'response', id: 2, ok: true, result: { devices: [device] } }));
    channel.deliver({ kind: 'response', id: 1, ok: true, result: health });
    assert.deepEqual(await second, { devices: [device] });
    assert.deepEqual(await first, health);
  });

  it('rejects with a ProtocolError carrying the code of an error response', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const pending = client.request('device.get', { id: 'nope' });
    channel.deliver({ kind: 'response', id: 1, ok: false, error: { code: 'NOT_FOUND', message: 'no device nope' } });
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof ProtocolError);
      assert.equal(error.code, 'NOT_FOUND');
      assert.equal(error.message, 'no device nope');
      return true;
    });
  });

  it('rejects a request the host does not answer in time, and ignores the late answer', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const pending = client.request('health.get', {}, 20);
    await assert.rejects(pending, (error: unknown) => error instanceof ProtocolError && error.code === 'UNAVAILABLE');
    channel.deliver({ kind: 'response', id: 1, ok: true, result: health });
    const next = client.request('health.get', {});
    channel.deliver({ kind: 'response', id: channel.lastRequestId(), ok: true, result: health });
    assert.deepEqual(await next, health);
  });

  it('uses the default timeout given in the options', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel, { defaultTimeoutMs: 10 });
    await assert.rejects(client.request('overview.get', {}), /no answer within 10 ms/);
  });

  it('rejects every pending request when the channel closes, and later requests at once', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const reasons: string[] = [];
    client.onClose((reason) => reasons.push(reason));
    const a = client.request('health.get', {});
    const b = client.request('devices.list', {});
    channel.drop('host went away');
    await assert.rejects(a, (error: unknown) => error instanceof ProtocolError && error.code === 'UNAVAILABLE');
    await assert.rejects(b, /host went away/);
    await assert.rejects(client.request('health.get', {}), /connection closed/);
    assert.equal(client.isClosed(), true);
    assert.deepEqual(reasons, ['host went away']);
    assert.equal(channel.sent.length, 2, 'nothing is sent once closed');
  });

  it('close() closes the channel once and rejects what is pending', async () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const pending = client.request('health.get', {});
    client.close('switching host');
    client.close();
    await assert.rejects(pending, /switching host/);
    assert.equal(channel.closeCalls, 1);
  });

  it('rejects at once when the channel cannot send', async () => {
    const channel = new FakeChannel();
    channel.failSend = true;
    const client = createRpcClient(channel);
    await assert.rejects(client.request('health.get', {}), /could not send \(socket not open\)/);
  });

  it('dispatches events to the listeners of that event only, until unsubscribed', () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const changed: string[][] = [];
    const removed: string[][] = [];
    const stop = client.on('devices.changed', (payload) => changed.push(payload.devices.map((d) => d.device_id)));
    client.on('devices.removed', (payload) => removed.push([...payload.device_ids]));
    channel.deliver({ kind: 'event', event: 'devices.changed', payload: { devices: [device] } });
    channel.deliver(JSON.stringify({ kind: 'event', event: 'devices.removed', payload: { device_ids: ['dev-009'] } }));
    stop();
    channel.deliver({ kind: 'event', event: 'devices.changed', payload: { devices: [device] } });
    assert.deepEqual(changed, [['dev-001']]);
    assert.deepEqual(removed, [['dev-009']]);
  });

  it('tells hello listeners what the host speaks', () => {
    const channel = new FakeChannel();
    const client = createRpcClient(channel);
    const seen: Array<{ protocol: number; version: string }> = [];
    client.onHello((hello) => seen.push({ protocol: hello.protocol, version: hello.version }));
    channel.deliver('{"kind":"hello","protocol":1,"version":"0.1.0"}');
    assert.deepEqual(seen, [{ protocol: 1, version: '0.1.0' }]);
  });

  it('keeps dispatching when one listener throws', () => {
    const channel = new FakeChannel();
    const errors: unknown[] = [];
    const client = createRpcClient(channel, { onListenerError: (error) => errors.push(error) });
    let reached = false;
    client.on('health.changed', () => {
      throw new Error('listener bug');
    });
    client.on('health.changed', () => {
      reached = true;
    });
    channel.deliver({ kind: 'event', event: 'health.changed', payload: { health } });
    assert.equal(reached, true);
    assert.equal(errors.length, 1);
  });

  it('ignores garbage and reports it, without disturbing pending requests', async () => {
    const channel = new FakeChannel();
    const dropped: unknown[] = [];
    const client = createRpcClient(channel, { onUndecodable: (data) => dropped.push(data) });
    let events = 0;
    client.on('devices.changed', () => {
      events += 1;
    });
    const pending = client.request('health.get', {});
    const garbage: unknown[] = [
      'not json {',
      42,
      null,
      [],
      { kind: 'mystery' },
      { kind: 'response', ok: true, result: health },
      { kind: 'response', id: 1, ok: false, error: { code: 'TEAPOT', message: 'x' } },
      { kind: 'event', event: 'devices.exploded', payload: {} },
      { kind: 'event', event: 'devices.changed', payload: 'not an object' },
      { kind: 'hello', protocol: '1', version: '0.1.0' },
    ];
    for (const data of garbage) channel.deliver(data);
    assert.equal(dropped.length, garbage.length);
    assert.equal(events, 0);
    channel.deliver({ kind: 'response', id: 1, ok: true, result: health });
    assert.deepEqual(await pending, health);
  });
});
