import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ProtocolHandlers, ReportFile } from '../../../shared/protocol';
import { PROTOCOL_ERROR_STATUS, ProtocolError } from '../../../shared/protocol';
import type { Logger } from '../log/logger';
import { errorBody } from '../transport/protocol-session';
import type { WebSocketTransport } from '../transport/websocket-transport';
import { WEBSOCKET_PATH } from '../transport/websocket-transport';
import { mergeBody, routeAlarmRequest } from './alarm-routes';
import { routeBackupRequest } from './backup-routes';
import type { SettingsRoute } from './settings-routes';
import { routeSettingsRequest } from './settings-routes';
import { routeRestRequest } from './rest-routes';
import { loadStaticFile } from './static-files';
import { bearerToken, checkWriteAccess } from './write-auth';

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
  /** EMBERWATCH_TOKEN: writes from beyond loopback must present it (null: loopback only). */
  readonly token?: string | null;
}

/** Request bodies (alarm actions) are small; anything larger is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new ProtocolError('BAD_REQUEST', `the body is larger than ${maxBytes} bytes`, 'BODY_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProtocolError('BAD_REQUEST', 'the body is not valid JSON', 'INVALID_JSON');
  }
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

/** A report made by the host (PDF or CSV) goes out as the file itself, to be saved or printed. */
function sendFile(res: ServerResponse, file: ReportFile, head: boolean): void {
  const body = Buffer.from(file.data_base64, 'base64');
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': file.content_type,
    'Content-Length': body.byteLength,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : body);
}

function sendError(res: ServerResponse, error: unknown, head: boolean): void {
  const body = errorBody(error);
  sendJson(res, PROTOCOL_ERROR_STATUS[body.code], { error: body }, head);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, options: HttpServerOptions): Promise<void> {
  const head = req.method === 'HEAD';
  try {
    const route = routeRestRequest(req.method ?? 'GET', url);
    const alarmRoute: SettingsRoute | null = route
      ? null
      : (routeAlarmRequest(req.method ?? 'GET', url) ?? routeBackupRequest(req.method ?? 'GET', url) ?? routeSettingsRequest(req.method ?? 'GET', url));
    if (!route && !alarmRoute) throw new ProtocolError('NOT_FOUND', `no endpoint ${req.method ?? ''} ${url.pathname}`);
    let method = route?.method;
    let params: unknown = route?.params;
    if (alarmRoute) {
      if (alarmRoute.write) checkWriteAccess(req.socket.remoteAddress, bearerToken(req.headers.authorization), options.token ?? null);
      method = alarmRoute.method;
      params = req.method === 'POST' || req.method === 'PUT' ? mergeBody(alarmRoute, await readJsonBody(req, alarmRoute.maxBodyBytes)) : alarmRoute.params;
    }
    const handler = options.handlers[method as keyof ProtocolHandlers] as (params: unknown) => Promise<unknown>;
    const result = await handler(params);
    if (method === 'report.file') sendFile(res, result as ReportFile, head);
    else sendJson(res, 200, result, head);
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
