import type { ProtocolErrorBody } from './errors';
import { isProtocolErrorCode } from './errors';
import type { EventName, EventPayload } from './events';
import { EVENT_NAMES } from './events';
import type { MethodName, MethodParams, MethodResult } from './methods';
import { METHOD_NAMES } from './methods';

/** Bumped when a message shape changes incompatibly; both ends say which they speak on connect. */
export const PROTOCOL_VERSION = 1;

export interface RequestMessage<M extends MethodName = MethodName> {
  readonly kind: 'request';
  readonly id: number;
  readonly method: M;
  readonly params: MethodParams<M>;
}

export type ResponseMessage<M extends MethodName = MethodName> =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly result: MethodResult<M> }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: ProtocolErrorBody };

export interface EventMessage<E extends EventName = EventName> {
  readonly kind: 'event';
  readonly event: E;
  readonly payload: EventPayload<E>;
}

export interface HelloMessage {
  readonly kind: 'hello';
  readonly protocol: number;
  readonly version: string;
}

export type ClientMessage = RequestMessage;
export type ServerMessage = ResponseMessage | EventMessage | HelloMessage;

export type Decoded<T> =
  | { readonly ok: true; readonly message: T }
  | { readonly ok: false; readonly error: ProtocolErrorBody; readonly id: number | null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseMaybeJson(input: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof input !== 'string') return { ok: true, value: input };
  try {
    return { ok: true, value: JSON.parse(input) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Checks a message from a renderer (a JSON string over WebSocket, a structured clone over a
 * MessagePort). Anything malformed becomes an error the transport can answer, never an exception.
 */
export function decodeClientMessage(input: unknown): Decoded<ClientMessage> {
  const parsed = parseMaybeJson(input);
  if (!parsed.ok) return { ok: false, id: null, error: { code: 'BAD_REQUEST', message: 'message is not valid JSON' } };
  const value = parsed.value;
  if (!isRecord(value)) return { ok: false, id: null, error: { code: 'BAD_REQUEST', message: 'message must be an object' } };
  const id = typeof value.id === 'number' && Number.isSafeInteger(value.id) ? value.id : null;
  if (value.kind !== 'request') {
    return { ok: false, id, error: { code: 'BAD_REQUEST', message: `kind must be "request", got ${JSON.stringify(value.kind)}` } };
  }
  if (id === null) return { ok: false, id: null, error: { code: 'BAD_REQUEST', message: 'id must be an integer' } };
  if (typeof value.method !== 'string' || !(METHOD_NAMES as ReadonlyArray<string>).includes(value.method)) {
    return { ok: false, id, error: { code: 'BAD_REQUEST', message: `unknown method ${JSON.stringify(value.method)}` } };
  }
  const params = value.params === undefined ? {} : value.params;
  if (!isRecord(params)) return { ok: false, id, error: { code: 'BAD_REQUEST', message: 'params must be an object' } };
  return {
    ok: true,
    message: { kind: 'request', id, method: value.method as MethodName, params: params as MethodParams<MethodName> },
  };
}

/** Checks a message from the host; the renderer drops (and logs) what it cannot read. */
export function decodeServerMessage(input: unknown): ServerMessage | null {
  const parsed = parseMaybeJson(input);
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const value = parsed.value;
  switch (value.kind) {
    case 'hello':
      return typeof value.protocol === 'number' && typeof value.version === 'string'
        ? { kind: 'hello', protocol: value.protocol, version: value.version }
        : null;
    case 'event':
      return typeof value.event === 'string' && (EVENT_NAMES as ReadonlyArray<string>).includes(value.event) && isRecord(value.payload)
        ? (value as unknown as EventMessage)
        : null;
    case 'response': {
      if (typeof value.id !== 'number') return null;
      if (value.ok === true) return value as unknown as ResponseMessage;
      if (value.ok === false && isRecord(value.error) && isProtocolErrorCode(value.error.code) && typeof value.error.message === 'string') {
        return value as unknown as ResponseMessage;
      }
      return null;
    }
    default:
      return null;
  }
}
