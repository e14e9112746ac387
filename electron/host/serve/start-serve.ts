import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostStartOptions } from '../host-api';
import type { HostCore } from '../host-core';
import { createHostCore } from '../host-core';
import { createWebSocketTransport } from '../transport/websocket-transport';
import { createHttpServer } from './http-server';

export interface RunningServe {
  readonly core: HostCore;
  /** e.g. http://127.0.0.1:5780 */
  readonly url: string;
  stop(): Promise<void>;
}

/** Finds out/renderer from the repository root, whether running from source or from a bundle. */
export function defaultRendererRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../../out/renderer'), resolve(here, '../../out/renderer'), resolve(process.cwd(), 'out/renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Serve mode: the host, the REST API, the WebSocket protocol and the renderer on one port. */
export async function startServe(options: HostStartOptions & { readonly rendererRoot?: string | null }): Promise<RunningServe> {
  const core = await createHostCore(options);
  const { config } = core;
  if (!isLoopback(config.host) && config.token === null) {
    await core.stop();
    throw new Error(`listening on ${config.host} (beyond loopback) needs EMBERWATCH_TOKEN for write endpoints; set it or use --host 127.0.0.1`);
  }
  const websocket = createWebSocketTransport(
    core.handlers,
    core.hub,
    core.version,
    (error) => core.log.error('renderer request failed', { error: String(error) }),
    config.token,
  );
  const staticRoot = options.rendererRoot === undefined ? defaultRendererRoot() : options.rendererRoot;
  if (staticRoot === null) core.log.warn('the renderer is not built (out/renderer): only the API is served');
  const server: Server = createHttpServer({ handlers: core.handlers, websocket, staticRoot, log: core.log, token: config.token });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    await core.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${config.port} on ${config.host} is in use: stop the other program or choose --port`);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    core,
    url: `http://${shownHost}:${address.port}`,
    async stop(): Promise<void> {
      await websocket.close();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await core.stop();
    },
  };
}
