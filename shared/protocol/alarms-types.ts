/**
 * The alarm system's requests, answers and pushed events (issue 7): `GET /api/alarms`, the actions
 * of `POST /api/alarms/:id/…`, station silence and sign-in, the journal and the EEMUA 191 figures.
 * The REST shapes are DESIGN.md's; the renderer gets the same alarms with a few more fields
 * (`AlarmItem`) so it can sound and sort them without asking again.
 */

import type { AlarmView } from '../alarms/api-view';
import type { ChainVerification, JournalEntry } from '../alarms/journal';
import type { AlarmKpis } from '../alarms/kpi';
import type { AlarmStateFilter } from '../alarms/record';
import type { AlarmSource, PointScope } from '../alarms/sources';
import type { OperatorRole, Priority, ShelveKind, SoundClass, TransitionCause } from '../alarms/types';
import type { AlarmState } from '../alarms/types';

export type { AlarmView } from '../alarms/api-view';
export type { ChainVerification, JournalEntry } from '../alarms/journal';
export type { AlarmKpis } from '../alarms/kpi';
export type { AlarmStateFilter } from '../alarms/record';

/** One alarm as the console's screens get it: the REST view and what sounding and sorting need. */
export interface AlarmItem extends AlarmView {
  readonly scope: PointScope;
  readonly target: string;
  readonly sound: SoundClass;
  readonly latching: boolean;
  readonly condition_active: boolean;
  readonly risk_score: number | null;
  readonly shelve_kind: ShelveKind | null;
  readonly shelved_by: string | null;
  readonly suppressed: boolean;
  readonly out_of_service: boolean;
  /** Latched, acknowledged, condition cleared: waiting for a reset. */
  readonly awaits_reset: boolean;
  /** 3 or more activations in the last minute: the console suggests shelving it. */
  readonly chattering: boolean;
  /** This presentation was sent beyond the room (SNS, webhook). */
  readonly escalated: boolean;
}

/** What one station should sound now (shared/alarms `stationSound`), times ISO-8601. */
export interface StationSoundView {
  readonly sound: SoundClass;
  /** Alarm ids sounding at this station, loudest first. */
  readonly sounding: ReadonlyArray<string>;
  readonly silenced: ReadonlyArray<string>;
  /** When a silenced alarm sounds again, if one will. */
  readonly next_change_at: string | null;
}

export interface FloodView {
  readonly flooding: boolean;
  /** Live alarms presented in the last window (10 minutes). */
  readonly in_window: number;
  readonly started_at: string | null;
  /** The oldest alarm of the flood, the likeliest cause. */
  readonly first_out: { readonly alarm_id: string; readonly at: string } | null;
  readonly alarms: number;
}

export interface ChatteringView {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly activations: number;
  readonly last_at: string;
}

/** A station (a screen at this console) as the host knows it. */
export interface StationView {
  readonly station: string;
  /** A wall display (kiosk) or a station named in settings as one: read-only. */
  readonly wall_display: boolean;
  /** The operator signed in here, or null. */
  readonly operator: string | null;
  /** The signed-in operator's role; viewer for a wall display or when nobody is signed in. */
  readonly role: OperatorRole;
  readonly audio_armed: boolean | null;
}

export interface SharingView {
  readonly enabled: boolean;
  /** Why sharing is off, in words (no site key file, unreadable key …); null when on. */
  readonly reason: string | null;
  readonly published: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly quarantined: number;
}

/** The whole alarm picture for one station, pushed as `alarms.status` and answered by `alarms.snapshot`. */
export interface AlarmsStatus {
  readonly flood: FloodView;
  readonly chattering: ReadonlyArray<ChatteringView>;
  /** Sound per known station (every station of this console gets the same event and picks its own). */
  readonly stations: Readonly<Record<string, StationSoundView>>;
}

export interface AlarmsSnapshot {
  readonly alarms: ReadonlyArray<AlarmItem>;
  readonly status: AlarmsStatus;
  readonly station: StationView;
  readonly sharing: SharingView;
  /** Operators named in settings (for the sign-in list); PINs never leave the host. */
  readonly operators: ReadonlyArray<{ readonly name: string; readonly role: OperatorRole; readonly has_pin: boolean }>;
  readonly config: {
    readonly shelve_max_minutes: number;
    readonly supervisor_shelve_max_minutes: number;
    readonly resound_minutes: number;
    readonly escalation_minutes: number;
  };
}

export interface AlarmsListParams {
  readonly state?: AlarmStateFilter;
  readonly device?: string;
}

/** Every write carries who acts, from which station, and (beyond loopback, over the protocol) the console token. */
export interface ActionParams {
  readonly operator?: string;
  readonly station?: string;
  readonly comment?: string | null;
  /** The operator's PIN, for a script acting as an operator who has one without signing in. */
  readonly pin?: string;
  /** EMBERWATCH_TOKEN, for a session from beyond loopback (REST uses the Authorization header). */
  readonly token?: string;
}

export interface AlarmActionParams extends ActionParams {
  readonly id: string;
}

export interface ShelveParams extends AlarmActionParams {
  /** A timed shelve, up to the site maximum (a supervisor: beyond it). */
  readonly minutes?: number;
  /** Until the condition clears. */
  readonly one_shot?: boolean;
}

export interface AckAllParams extends ActionParams {
  /** The alarms the station shows; absent: every alarm waiting for an acknowledgement. */
  readonly ids?: ReadonlyArray<string>;
}

export interface AckAllResult {
  readonly acknowledged: ReadonlyArray<AlarmView>;
  readonly rejected: ReadonlyArray<{ readonly alarm_id: string; readonly code: string; readonly message: string }>;
}

export interface StationParams extends ActionParams {
  readonly station: string;
}

export interface StationHelloParams {
  readonly station: string;
  /** The screen runs as a wall display (kiosk): read-only. */
  readonly kiosk?: boolean;
  /** Whether the station's audio can be heard; false raises its `audio_not_armed` trouble alarm. */
  readonly audio_armed?: boolean | null;
}

export interface SignInParams extends StationParams {
  readonly operator: string;
  readonly pin?: string;
}

export interface SilenceResult {
  readonly station: string;
  readonly sound: StationSoundView;
}

export interface AlarmTransitionView {
  readonly alarm_id: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly cause: TransitionCause;
  readonly at: string;
  readonly operator: string | null;
  readonly station: string | null;
  readonly comment: string | null;
  readonly condition_active: boolean;
  readonly late: boolean;
}

export interface AlarmHistoryParams {
  /** ISO-8601 or epoch ms; default: 24 hours before `until`. */
  readonly since?: string | number;
  readonly until?: string | number;
  readonly device?: string;
  /** Newest first, at most this many (default 500, at most 5000). */
  readonly limit?: number;
}

export interface AlarmHistoryResponse {
  readonly transitions: ReadonlyArray<AlarmTransitionView>;
}

export interface JournalParams {
  /** ISO-8601 or epoch ms: entries at or after. */
  readonly since?: string | number;
  readonly device?: string;
  readonly limit?: number;
}

export interface JournalResponse {
  readonly entries: ReadonlyArray<JournalEntry>;
}

export type JournalVerifyResponse = ChainVerification;

export interface KpiParams {
  readonly from?: string | number;
  readonly to?: string | number;
}

/** The EEMUA 191 figures of a period, with the stations' shares of the operator actions. */
export interface KpiResponse extends AlarmKpis {
  readonly stations: ReadonlyArray<{ readonly station: string; readonly actions: number; readonly acknowledgements: number }>;
}

/** What `/api/health` says about the alarm system. */
export interface AlarmHealth {
  readonly standing: number;
  readonly unacknowledged: number;
  readonly sharing: SharingView;
  readonly escalation: {
    readonly webhook: boolean;
    readonly sns_topics: ReadonlyArray<string>;
    readonly outbox_pending: number;
    readonly last_error: string | null;
  };
  /** Alarm records and transitions waiting for the store (non-zero only while it fails). */
  readonly unsaved: number;
}

/** Methods that change something: they need an operator, and beyond loopback the token. */
export const WRITE_METHODS: ReadonlySet<string> = new Set([
  'alarm.ack',
  'alarm.shelve',
  'alarm.unshelve',
  'alarm.reset',
  'alarm.remove_from_service',
  'alarm.return_to_service',
  'alarms.ack_all',
  'station.silence',
  'station.sign_in',
  'station.sign_out',
  // issue 11: a backup writes a file on the console's disk
  'backup.create',
  // issue 8: the settings screen changes settings.json and the device registry
  'settings.update',
  'registry.import',
]);
