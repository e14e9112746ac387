import type { ClientMessage, HelloMessage, RequestMessage, ResponseMessage } from './envelope';
import { decodeServerMessage } from './envelope';
import { ProtocolError, readIssues } from './errors';
import type { EventName, EventPayload } from './events';
import type { MethodName, MethodParams, MethodResult } from './methods';

/**
 * One open connection to the host, whatever carries it (a WebSocket, a MessagePort, a test double).
 * A channel closes once; reconnecting means a new channel and a new client.
 */
export interface RpcChannel {
  send(message: ClientMessage): void;
  /** Raw data as received: a JSON string or an already structured-cloned object. */
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: (reason: string) => void): void;
  close(): void;
}

export interface RpcClient {
  request<M extends MethodName>(method: M, params: MethodParams<M>, timeoutMs?: number): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onHello(listener: (hello: HelloMessage) => void): () => void;
  onClose(listener: (reason: string) => void): () => void;
  isClosed(): boolean;
  /** Closes the channel; every pending request is rejected. */
  close(reason?: string): void;
}

/** The two timer functions every JavaScript host has; typed here so shared/ needs neither DOM nor node types. */
export interface RpcTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RpcClientOptions {
  readonly defaultTimeoutMs?: number;
  readonly timers?: RpcTimers;
  /** Told about every message that decodeServerMessage rejects (the client drops them). */
  readonly onUndecodable?: (data: unknown) => void;
  /** A throwing listener must not stop dispatch to the others; its error goes here. */
  readonly onListenerError?: (error: unknown) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  readonly method: MethodName;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: ProtocolError) => void;
  readonly timer: unknown;
}

type AnyListener = (payload: never) => void;

const globalTimers = globalThis as unknown as RpcTimers;
const defaultTimers: RpcTimers = {
  setTimeout: (callback, delayMs) => globalTimers.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalTimers.clearTimeout(handle),
};

function rethrowLater(error: unknown): void {
  // Surfaces the error as uncaught without interrupting the dispatch loop that caught it.
  defaultTimers.setTimeout(() => {
    throw error;
  }, 0);
}

export function createRpcClient(channel: RpcChannel, options: RpcClientOptions = {}): RpcClient {
  const timers = options.timers ?? defaultTimers;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const onListenerError = options.onListenerError ?? rethrowLater;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<EventName, Set<AnyListener>>();
  const helloListeners = new Set<(hello: HelloMessage) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  let nextId = 1;
  let closedReason: string | null = null;

  function safely<T>(listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (error) {
      onListenerError(error);
    }
  }

  function settle(id: number): Pending | undefined {
    const entry = pending.get(id);
    if (entry === undefined) return undefined;
    pending.delete(id);
    timers.clearTimeout(entry.timer);
    return entry;
  }

  function handleResponse(message: ResponseMessage): void {
    // A response for an id we no longer wait for (timed out, or never sent) is dropped.
    const entry = settle(message.id);
    if (entry === undefined) return;
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new ProtocolError(message.error.code, message.error.message, typeof message.error.reason === 'string' ? message.error.reason : undefined, readIssues(message.error.issues)));
  }

  function handleData(data: unknown): void {
    if (closedReason !== null) return;
    const message = decodeServerMessage(data);
    if (message === null) {
      options.onUndecodable?.(data);
      return;
    }
    switch (message.kind) {
      case 'response':
        handleResponse(message);
        return;
      case 'hello':
        for (const listener of [...helloListeners]) safely(listener, message);
        return;
      case 'event': {
        const listeners = eventListeners.get(message.event);
        if (listeners === undefined) return;
        for (const listener of [...listeners]) safely(listener as (payload: unknown) => void, message.payload);
        return;
      }
    }
  }

  function markClosed(reason: string): void {
    if (closedReason !== null) return;
    closedReason = reason;
    const entries = [...pending.keys()].map(settle);
    for (const entry of entries) {
      entry?.reject(new ProtocolError('UNAVAILABLE', `${entry.method}: connection closed (${reason})`));
    }
    for (const listener of [...closeListeners]) safely(listener, reason);
    closeListeners.clear();
  }

  channel.onMessage(handleData);
  channel.onClose(markClosed);

  return {
    request<M extends MethodName>(method: M, params: MethodParams<M>, timeoutMs?: number): Promise<MethodResult<M>> {
      return new Promise<MethodResult<M>>((resolve, reject) => {
        if (closedReason !== null) {
          reject(new ProtocolError('UNAVAILABLE', `${method}: connection closed (${closedReason})`));
          return;
        }
        const id = nextId++;
        const limit = timeoutMs ?? defaultTimeoutMs;
        const timer = timers.setTimeout(() => {
          settle(id)?.reject(new ProtocolError('UNAVAILABLE', `${method}: no answer within ${limit} ms`));
        }, limit);
        pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
        const message: RequestMessage<M> = { kind: 'request', id, method, params };
        try {
          channel.send(message as unknown as ClientMessage);
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          settle(id)?.reject(new ProtocolError('UNAVAILABLE', `${method}: could not send (${detail})`));
        }
      });
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let listeners = eventListeners.get(event);
      if (listeners === undefined) {
        listeners = new Set();
        eventListeners.set(event, listeners);
      }
      const stored = listener as AnyListener;
      listeners.add(stored);
      return () => {
        listeners.delete(stored);
      };
    },

    onHello(listener: (hello: HelloMessage) => void): () => void {
      helloListeners.add(listener);
      return () => {
        helloListeners.delete(listener);
      };
    },

    onClose(listener: (reason: string) => void): () => void {
      if (closedReason !== null) {
        safely(listener, closedReason);
        return () => {};
      }
      closeListeners.add(listener);
      return () => {
        closeListeners.delete(listener);
      };
    },

    isClosed(): boolean {
      return closedReason !== null;
    },

    close(reason = 'closed by client'): void {
      if (closedReason !== null) return;
      markClosed(reason);
      channel.close();
    },
  };
}
