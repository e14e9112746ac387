import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ProtocolHandlers } from '../../../shared/protocol';
import type { EventHub } from '../service/event-hub';
import { sessionWriteGuard } from '../serve/write-auth';
import { openProtocolSession } from './protocol-session';

export const WEBSOCKET_PATH = '/ws';
/** A renderer that stops reading must not make the host buffer without bound; it is dropped instead. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const MAX_INCOMING_BYTES = 1024 * 1024;

export interface WebSocketTransport {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  close(): Promise<void>;
}

/** Serve mode's transport: the same protocol as JSON text frames on `/ws`. */
export function createWebSocketTransport(
  handlers: ProtocolHandlers,
  hub: EventHub,
  version: string,
  onInternalError: (error: unknown) => void,
  /** EMBERWATCH_TOKEN: writes from a peer beyond loopback carry it as their `token` parameter. */
  token: string | null = null,
): WebSocketTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_BYTES });
  wss.on('connection', (socket, request: IncomingMessage) => {
    const session = openProtocolSession(
      handlers,
      hub,
      (message) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.terminate();
          return;
        }
        socket.send(JSON.stringify(message));
      },
      version,
      onInternalError,
      sessionWriteGuard(request.socket.remoteAddress, token),
    );
    socket.on('message', (data, isBinary) => session.receive(isBinary ? null : data.toString()));
    socket.on('close', () => session.close());
    socket.on('error', () => session.close());
  });
  return {
    handleUpgrade(request, socket, head): void {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
