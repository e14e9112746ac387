import type {
  DeviceDetailResponse,
  DevicesResponse,
  HealthResponse,
  OverviewResponse,
  QuarantineResponse,
  RealtimeResponse,
  ZoneDetailResponse,
  ZonesResponse,
} from './api-types';
import type { DeviceHistoryParams, DeviceHistoryResponse } from './history-types';

/**
 * Every request the console's service layer answers, with its parameters and result. Both
 * transports (WebSocket in serve mode, MessagePort in the desktop app) and the REST API call the
 * same handlers, keyed by these names.
 */
export interface ProtocolMethods {
  readonly 'health.get': { readonly params: Record<string, never>; readonly result: HealthResponse };
  readonly 'overview.get': { readonly params: Record<string, never>; readonly result: OverviewResponse };
  readonly 'devices.list': { readonly params: Record<string, never>; readonly result: DevicesResponse };
  readonly 'device.get': { readonly params: { readonly id: string }; readonly result: DeviceDetailResponse };
  /** A device's stored history, downsampled to at most `points` buckets (raw, or 1-minute roll-ups). */
  readonly 'device.history': { readonly params: DeviceHistoryParams; readonly result: DeviceHistoryResponse };
  readonly 'realtime.get': { readonly params: { readonly id: string }; readonly result: RealtimeResponse };
  readonly 'quarantine.list': { readonly params: { readonly limit?: number }; readonly result: QuarantineResponse };
  readonly 'zones.list': { readonly params: Record<string, never>; readonly result: ZonesResponse };
  readonly 'zone.get': { readonly params: { readonly id: string }; readonly result: ZoneDetailResponse };
}

export type MethodName = keyof ProtocolMethods;
export type MethodParams<M extends MethodName> = ProtocolMethods[M]['params'];
export type MethodResult<M extends MethodName> = ProtocolMethods[M]['result'];

export const METHOD_NAMES: ReadonlyArray<MethodName> = [
  'health.get',
  'overview.get',
  'devices.list',
  'device.get',
  'device.history',
  'realtime.get',
  'quarantine.list',
  'zones.list',
  'zone.get',
];

/** What the host implements once and both faces (protocol, REST) call. */
export type ProtocolHandlers = {
  readonly [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};
