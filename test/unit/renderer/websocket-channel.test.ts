import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { RpcChannel } from '../../../shared/protocol/rpc-client';
import { createRpcClient } from '../../../shared/protocol/rpc-client';
import { createWebSocketSource, openWebSocketChannel } from '../../../renderer/src/transport/websocket-channel';
import { health } from './fixtures';

// Node 20 has no WebSocket of its own; `ws` offers the same browser-style interface.
const globals = globalThis as { WebSocket?: unknown };
const hadWebSocket = globals.WebSocket !== undefined;

before(() => {
  if (!hadWebSocket) globals.WebSocket = NodeWebSocket;
});

after(() => {
  if (!hadWebSocket) delete globals.WebSocket;
});

/** A stand-in host: says hello, answers health.get, as JSON text frames. */
function startHost(port = 0): Promise<WebSocketServer> {
  return new Promise((resolve) => {
    const server: WebSocketServer = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws' }, () => resolve(server));
    server.on('connection', (socket) => {
      socket.send(JSON.stringify({ kind: 'hello', protocol: 1, version: 'test' }));
      socket.on('message', (data) => {
        const request = JSON.parse(String(data)) as { id: number };
        socket.send(JSON.stringify({ kind: 'response', id: request.id, ok: true, result: health }));
      });
    });
  });
}

function stopHost(server: WebSocketServer): Promise<void> {
  for (const client of server.clients) client.terminate();
  return new Promise((resolve) => server.close(() => resolve()));
}

function urlOf(server: WebSocketServer): string {
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

function nextChannel(channels: RpcChannel[], count: number, withinMs: number): Promise<RpcChannel> {
  const deadline = Date.now() + withinMs;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const channel = channels[count - 1];
      if (channel !== undefined) resolve(channel);
      else if (Date.now() > deadline) reject(new Error(`no channel #${count} within ${withinMs} ms`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe('WebSocket transport', () => {
  it('speaks the protocol as JSON text frames, and does not lose the hello sent on connect', async () => {
    const server = await startHost();
    const channel = await openWebSocketChannel(urlOf(server));
    const client = createRpcClient(channel);
    const hello = new Promise((resolve) => client.onHello(resolve));
    assert.deepEqual(await client.request('health.get', {}), health);
    assert.deepEqual(await hello, { kind: 'hello', protocol: 1, version: 'test' });
    client.close();
    await stopHost(server);
  });

  it('rejects when nothing listens', async () => {
    const server = await startHost();
    const url = urlOf(server);
    await stopHost(server);
    await assert.rejects(openWebSocketChannel(url), /could not open/);
  });

  it('redials after the host goes away and comes back on the same address', async () => {
    let server = await startHost();
    const url = urlOf(server);
    const port = (server.address() as AddressInfo).port;
    const channels: RpcChannel[] = [];
    const stop = createWebSocketSource(url).start((channel) => channels.push(channel));

    const first = await nextChannel(channels, 1, 2_000);
    const closed = new Promise<string>((resolve) => first.onClose(resolve));
    await stopHost(server);
    assert.match(await closed, /socket closed/);

    server = await startHost(port);
    const second = await nextChannel(channels, 2, 5_000);
    assert.deepEqual(await createRpcClient(second).request('health.get', {}), health);

    stop();
    await stopHost(server);
  });
});
