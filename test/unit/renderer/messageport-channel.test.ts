import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PORT_HANDOFF_MESSAGE, createMessagePortChannel, createMessagePortSource } from '../../../renderer/src/transport/messageport-channel';
import type { RpcChannel } from '../../../shared/protocol/rpc-client';
import { createRpcClient } from '../../../shared/protocol/rpc-client';
import { health } from './fixtures';

/** Stands in for the window the desktop shell's preload posts to. */
class FakeWindow {
  private readonly listeners = new Set<(event: MessageEvent) => void>();
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }
  post(data: unknown, ports: MessagePort[], source: unknown = this): void {
    const event = { data, ports, source } as unknown as MessageEvent;
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** Answers health.get on the host's end of the port, with structured clones as the host does. */
function serveHealth(port: MessagePort): void {
  port.addEventListener('message', (event: MessageEvent) => {
    const request = event.data as { id: number };
    port.postMessage({ kind: 'response', id: request.id, ok: true, result: health });
  });
  port.start();
}

describe('MessagePort transport', () => {
  it('carries requests and structured-clone responses', async () => {
    const { port1, port2 } = new MessageChannel();
    serveHealth(port2);
    const client = createRpcClient(createMessagePortChannel(port1));
    assert.deepEqual(await client.request('health.get', {}), health);
    client.close();
    port2.close();
  });

  it('accepts JSON strings on the port too', async () => {
    const { port1, port2 } = new MessageChannel();
    port2.addEventListener('message', (event: MessageEvent) => {
      const request = event.data as { id: number };
      port2.postMessage(JSON.stringify({ kind: 'response', id: request.id, ok: true, result: health }));
    });
    port2.start();
    const client = createRpcClient(createMessagePortChannel(port1));
    assert.deepEqual(await client.request('health.get', {}), health);
    client.close();
    port2.close();
  });

  it('takes the port handed over by the shell, ignores other messages, and lets a newer port replace the old', () => {
    const target = new FakeWindow();
    const source = createMessagePortSource(target as unknown as Window);
    const channels: RpcChannel[] = [];
    const stop = source.start((channel) => channels.push(channel));
    const first = new MessageChannel();
    const second = new MessageChannel();

    target.post('something else', [first.port1]);
    target.post(PORT_HANDOFF_MESSAGE, []);
    target.post(PORT_HANDOFF_MESSAGE, [first.port1], { notTheWindow: true });
    assert.equal(channels.length, 0);

    target.post(PORT_HANDOFF_MESSAGE, [first.port1]);
    assert.equal(channels.length, 1);
    const closed: string[] = [];
    channels[0]?.onClose((reason) => closed.push(reason));
    target.post(PORT_HANDOFF_MESSAGE, [second.port1]);
    assert.equal(channels.length, 2);
    assert.equal(closed.length, 1, 'the replaced channel is closed');

    stop();
    for (const port of [first.port2, second.port2]) port.close();
  });
});
