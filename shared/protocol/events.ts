import type { AnalyticsEvent } from '../analytics/types';
import type { ConnectionHealth, DeviceSummary, HealthResponse } from './api-types';
import type { AlarmItem, AlarmsStatus } from './alarms-types';
import type { SettingsChangedEvent } from './scoring-view';

/**
 * Events the host pushes to every connected renderer. Device updates are coalesced by the host
 * (at most a few per second) so a fleet of thousands does not flood the renderer.
 */
export interface ProtocolEvents {
  /** The devices whose summary changed since the last batch (not the whole fleet). */
  readonly 'devices.changed': { readonly devices: ReadonlyArray<DeviceSummary> };
  /** A device left the fleet view (e.g. removed from the registry). */
  readonly 'devices.removed': { readonly device_ids: ReadonlyArray<string> };
  readonly 'connections.changed': { readonly connections: ReadonlyArray<ConnectionHealth> };
  readonly 'health.changed': { readonly health: HealthResponse };
  /** A stream-analytics event as it fires (at onset only; see shared/analytics). */
  readonly 'analytics.event': { readonly event: AnalyticsEvent };
  /** Alarms whose record changed (committed to the store first), as the screens show them. */
  readonly 'alarms.changed': { readonly alarms: ReadonlyArray<AlarmItem> };
  /** Flood, chattering and each station's sound, whenever any of them changes. */
  readonly 'alarms.status': { readonly status: AlarmsStatus };
  /** A supervisor saved a settings section (after it is written, and applied where it can be live). */
  readonly 'settings.changed': SettingsChangedEvent;
}

export type EventName = keyof ProtocolEvents;
export type EventPayload<E extends EventName> = ProtocolEvents[E];

export const EVENT_NAMES: ReadonlyArray<EventName> = [
  'devices.changed',
  'devices.removed',
  'connections.changed',
  'health.changed',
  'analytics.event',
  'alarms.changed',
  'alarms.status',
  'settings.changed',
];
