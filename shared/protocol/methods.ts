import type {
  DeviceDetailResponse,
  DevicesResponse,
  HealthResponse,
  MetricsResponse,
  OverviewResponse,
  QuarantineResponse,
  RealtimeResponse,
  ZoneDetailResponse,
  ZonesResponse,
} from './api-types';
import type { DeviceHistoryParams, DeviceHistoryResponse } from './history-types';
import type { BackupCreateParams, BackupCreateResult, BackupsListResponse } from './backup-types';
import type { IncidentsParams, IncidentsResponse, ReportFileParams, ReportFile } from './reports-types';
import type { RegistryImportParams, RegistryImportResult, SettingsSnapshot, SettingsUpdateParams, SettingsUpdateResult } from './settings-types';
import type {
  AckAllParams,
  AckAllResult,
  AlarmActionParams,
  AlarmHistoryParams,
  AlarmHistoryResponse,
  AlarmItem,
  AlarmsListParams,
  AlarmsSnapshot,
  AlarmView,
  JournalParams,
  JournalResponse,
  JournalVerifyResponse,
  KpiParams,
  KpiResponse,
  ShelveParams,
  SignInParams,
  SilenceResult,
  StationHelloParams,
  StationParams,
  StationView,
} from './alarms-types';

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
  /** The pipeline's figures over the last hour (the seed's Lambda and Kinesis cards). */
  readonly 'metrics.get': { readonly params: Record<string, never>; readonly result: MetricsResponse };
  readonly 'quarantine.list': { readonly params: { readonly limit?: number }; readonly result: QuarantineResponse };
  readonly 'zones.list': { readonly params: Record<string, never>; readonly result: ZonesResponse };
  readonly 'zone.get': { readonly params: { readonly id: string }; readonly result: ZoneDetailResponse };
  // ---- alarms (issue 7) ----
  /** `GET /api/alarms?state=`: DESIGN.md's shape. */
  readonly 'alarms.list': { readonly params: AlarmsListParams; readonly result: { readonly alarms: ReadonlyArray<AlarmView> } };
  /** Everything a station shows: its alarms, sound, flood and chattering, sign-in and sharing state. */
  readonly 'alarms.snapshot': { readonly params: { readonly station?: string }; readonly result: AlarmsSnapshot };
  readonly 'alarms.history': { readonly params: AlarmHistoryParams; readonly result: AlarmHistoryResponse };
  readonly 'alarms.kpis': { readonly params: KpiParams; readonly result: KpiResponse };
  readonly 'alarm.get': { readonly params: { readonly id: string }; readonly result: AlarmItem };
  readonly 'alarm.ack': { readonly params: AlarmActionParams; readonly result: AlarmView };
  readonly 'alarm.shelve': { readonly params: ShelveParams; readonly result: AlarmView };
  readonly 'alarm.unshelve': { readonly params: AlarmActionParams; readonly result: AlarmView };
  readonly 'alarm.reset': { readonly params: AlarmActionParams; readonly result: AlarmView };
  /** A supervisor takes a point out of service (maintenance), with a reason. */
  readonly 'alarm.remove_from_service': { readonly params: AlarmActionParams; readonly result: AlarmView };
  readonly 'alarm.return_to_service': { readonly params: AlarmActionParams; readonly result: AlarmView };
  /** Acknowledge every alarm given (what the station shows), or every one waiting. */
  readonly 'alarms.ack_all': { readonly params: AckAllParams; readonly result: AckAllResult };
  /** Stops the sound at one station only; silence is not acknowledgement. */
  readonly 'station.silence': { readonly params: StationParams; readonly result: SilenceResult };
  /** A station says it is there (again): wall display or not, audio armed or not. */
  readonly 'station.hello': { readonly params: StationHelloParams; readonly result: StationView };
  readonly 'station.sign_in': { readonly params: SignInParams; readonly result: StationView };
  readonly 'station.sign_out': { readonly params: StationParams; readonly result: StationView };
  /** `GET /api/journal?since=&device=`. */
  readonly 'journal.list': { readonly params: JournalParams; readonly result: JournalResponse };
  /** Checks the journal's hash chain from its first entry. */
  readonly 'journal.verify': { readonly params: Record<string, never>; readonly result: JournalVerifyResponse };
  // ---- operation (issue 11) ----
  /** `POST /api/backups`: an online backup of the database now, checked; needs an operator. */
  readonly 'backup.create': { readonly params: BackupCreateParams; readonly result: BackupCreateResult };
  /** `GET /api/backups`: the backups kept, newest first. */
  readonly 'backups.list': { readonly params: Record<string, never>; readonly result: BackupsListResponse };
  // ---- reports (issue 10) ----
  /** `GET /api/incidents?from=&to=&device=&zone=&priority=&state=`: alarm episodes, newest first. */
  readonly 'incidents.list': { readonly params: IncidentsParams; readonly result: IncidentsResponse };
  /** `GET /api/incidents/:id/report.pdf|csv`, `GET /api/reports/shift.pdf|csv?from=&to=`. */
  readonly 'report.file': { readonly params: ReportFileParams; readonly result: ReportFile };
  // ---- settings screen (issue 8) ----
  /** `GET /api/settings`: the settings in effect; secrets only as `has_password` / `has_pin`. */
  readonly 'settings.get': { readonly params: Record<string, never>; readonly result: SettingsSnapshot };
  /** `PUT /api/settings/:section`: a supervisor changes one section, journaled; saved atomically. */
  readonly 'settings.update': { readonly params: SettingsUpdateParams; readonly result: SettingsUpdateResult };
  /** `POST /api/registry/import`: devices, names and zones from CSV or JSON; all rows or none. */
  readonly 'registry.import': { readonly params: RegistryImportParams; readonly result: RegistryImportResult };
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
  'metrics.get',
  'quarantine.list',
  'zones.list',
  'zone.get',
  'alarms.list',
  'alarms.snapshot',
  'alarms.history',
  'alarms.kpis',
  'alarm.get',
  'alarm.ack',
  'alarm.shelve',
  'alarm.unshelve',
  'alarm.reset',
  'alarm.remove_from_service',
  'alarm.return_to_service',
  'alarms.ack_all',
  'station.silence',
  'station.hello',
  'station.sign_in',
  'station.sign_out',
  'journal.list',
  'journal.verify',
  'backup.create',
  'backups.list',
  'incidents.list',
  'report.file',
  'settings.get',
  'settings.update',
  'registry.import',
];

/** What the host implements once and both faces (protocol, REST) call. */
export type ProtocolHandlers = {
  readonly [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};
