import type { ProtocolHandlers, ResponseMessage, ServerMessage } from '../../../shared/protocol';
import { PROTOCOL_VERSION, ProtocolError, decodeClientMessage } from '../../../shared/protocol';
import type { EventHub } from '../service/event-hub';

export interface ProtocolSession {
  /** Feed one incoming message (JSON text or structured clone). */
  receive(data: unknown): void;
  close(): void;
}

/** Turns anything a handler threw into the protocol's error body; internal details stay in the log. */
export function errorBody(error: unknown): { code: ProtocolError['code']; message: string } {
  if (error instanceof ProtocolError) return error.toBody();
  return { code: 'INTERNAL', message: 'the console could not complete the request' };
}

/**
 * One renderer's conversation with the host, independent of the transport: requests go to the
 * shared handlers, responses and pushed events go out through `send`.
 */
export function openProtocolSession(
  handlers: ProtocolHandlers,
  hub: EventHub,
  send: (message: ServerMessage) => void,
  version: string,
  onInternalError: (error: unknown) => void = () => {},
  /** Throws (a ProtocolError) to refuse a request before it reaches its handler, e.g. a write without the token. */
  guard: (method: string, params: unknown) => void = () => {},
): ProtocolSession {
  let open = true;
  const safeSend = (message: ServerMessage): void => {
    if (!open) return;
    try {
      send(message);
    } catch (error) {
      onInternalError(error);
    }
  };
  const unsubscribe = hub.subscribe((event, payload) => safeSend({ kind: 'event', event, payload }));
  safeSend({ kind: 'hello', protocol: PROTOCOL_VERSION, version });
  return {
    receive(data: unknown): void {
      const decoded = decodeClientMessage(data);
      if (!decoded.ok) {
        if (decoded.id !== null) safeSend({ kind: 'response', id: decoded.id, ok: false, error: decoded.error });
        return;
      }
      const { id, method, params } = decoded.message;
      const handler = handlers[method] as (p: unknown) => Promise<unknown>;
      let answer: Promise<unknown>;
      try {
        guard(method, params);
        answer = handler(params);
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer.then(
        (result) => safeSend({ kind: 'response', id, ok: true, result } as ResponseMessage),
        (error: unknown) => {
          if (!(error instanceof ProtocolError)) onInternalError(error);
          safeSend({ kind: 'response', id, ok: false, error: errorBody(error) });
        },
      );
    },
    close(): void {
      open = false;
      unsubscribe();
    },
  };
}
