import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodName, MethodParams, MethodResult } from '../../../shared/protocol/methods';
import { useConsoleStore } from '../state/store';

export interface HostQuery<T> {
  readonly data: T | null;
  readonly error: string | null;
  /** True until the first answer (or error) for the current parameters. */
  readonly loading: boolean;
  /** Console clock of the last answer. */
  readonly updatedAt: number | null;
  refresh(): void;
}

export interface HostQueryOptions {
  /** Ask again this often while the view is open; null: only when the parameters or the link change. */
  readonly refreshMs?: number | null;
  /** Skip the request (e.g. a device id not known yet). */
  readonly enabled?: boolean;
  /**
   * Keep showing the previous answer while one for new parameters is on its way (a time window
   * that moves each minute); only where the parameters cannot change to another subject.
   */
  readonly keepPrevious?: boolean;
}

/**
 * Asks the host for something over the protocol and keeps the answer: on mount, when the parameters
 * change, whenever a new channel opens (the host restarted), and every `refreshMs`. A failed refresh
 * keeps the last answer on screen and says why.
 */
export function useHostQuery<M extends MethodName>(method: M, params: MethodParams<M>, options: HostQueryOptions = {}): HostQuery<MethodResult<M>> {
  const client = useConsoleStore((state) => state.client);
  const key = JSON.stringify(params);
  const enabled = options.enabled ?? true;
  const refreshMs = options.refreshMs ?? null;
  const [state, setState] = useState<{ key: string; data: MethodResult<M> | null; error: string | null; updatedAt: number | null }>({
    key,
    data: null,
    error: null,
    updatedAt: null,
  });
  const [tick, setTick] = useState(0);
  const paramsRef = useRef(params);
  paramsRef.current = params;

  useEffect(() => {
    if (!enabled || client === null) return undefined;
    let cancelled = false;
    client.request(method, paramsRef.current).then(
      (data) => {
        if (!cancelled) setState({ key, data, error: null, updatedAt: Date.now() });
      },
      (error: unknown) => {
        if (cancelled) return;
        const message = error instanceof Error ? error.message : String(error);
        setState((previous) => ({ key, data: previous.key === key ? previous.data : null, error: message, updatedAt: previous.updatedAt }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, method, key, enabled, tick]);

  useEffect(() => {
    if (refreshMs === null || !enabled) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, enabled]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === key || options.keepPrevious === true;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: state.key !== key || (state.data === null && state.error === null),
    updatedAt: current ? state.updatedAt : null,
    refresh,
  };
}
