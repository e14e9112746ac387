import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ProtocolHandlers } from '../../../shared/protocol';
import { PROTOCOL_ERROR_STATUS, ProtocolError } from '../../../shared/protocol';
import type { Logger } from '../log/logger';
import { errorBody } from '../transport/protocol-session';
import type { WebSocketTransport } from '../transport/websocket-transport';
import { WEBSOCKET_PATH } from '../transport/websocket-transport';
import { routeRestRequest } from './rest-routes';
import { loadStaticFile } from './static-files';

/** Nothing is loaded from anywhere but this host: the console must work in a room without internet. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface HttpServerOptions {
  readonly handlers: ProtocolHandlers;
  readonly websocket: WebSocketTransport;
  /** The renderer's build (out/renderer); null serves the API only. */
  readonly staticRoot: string | null;
  readonly log: Logger;
}

function sendJson(res: ServerResponse, status: number, body: unknown, head: boolean): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : text);
}

function sendError(res: ServerResponse, error: unknown, head: boolean): void {
  const body = errorBody(error);
  sendJson(res, PROTOCOL_ERROR_STATUS[body.code], { error: body }, head);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, options: HttpServerOptions): Promise<void> {
  const head = req.method === 'HEAD';
  try {
    const route = routeRestRequest(req.method ?? 'GET', url);
    if (!route) throw new ProtocolError('NOT_FOUND', `no endpoint ${req.method ?? ''} ${url.pathname}`);
    const handler = options.handlers[route.method] as (params: unknown) => Promise<unknown>;
    sendJson(res, 200, await handler(route.params), head);
  } catch (error) {
    if (!(error instanceof ProtocolError)) options.log.error('api request failed', { path: url.pathname, error: String(error) });
    sendError(res, error, head);
  }
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL, root: string | null): Promise<void> {
  const file = root === null ? null : await loadStaticFile(root, url.pathname);
  if (!file) {
    res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(root === null ? 'the renderer is not built: run npm run build:renderer' : 'not found');
    return;
  }
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': file.body.byteLength,
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** Serve mode's HTTP face: the REST API, the WebSocket protocol on /ws, and the built renderer. */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const work = url.pathname.startsWith('/api/') || url.pathname === '/api'
      ? handleApi(req, res, url, options)
      : handleStatic(req, res, url, options.staticRoot);
    work.catch((error: unknown) => {
      options.log.error('http request failed', { path: url.pathname, error: String(error) });
      if (!res.headersSent) sendError(res, error, false);
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WEBSOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    options.websocket.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  return server;
}
