import type { AlarmPoint } from './points';
import type { AlarmSource, PointScope } from './sources';

// Data shapes of the alarm system. Times are epoch milliseconds (event time for conditions, the
// console's clock for operator actions); the API view formats them as ISO-8601 (see api-view.ts).

export const ALARM_STATES = Object.freeze([
  'normal',
  'unacknowledged',
  'acknowledged',
  'rtn_unacknowledged',
  'shelved',
  'suppressed',
  'out_of_service',
] as const);
/** ISA-18.2 / IEC 62682 alarm states; `rtn_unacknowledged` is "returned to normal, unacknowledged". */
export type AlarmState = (typeof ALARM_STATES)[number];

export const PRIORITIES = Object.freeze(['critical', 'high', 'medium', 'low'] as const);
export type Priority = (typeof PRIORITIES)[number];

export const SOUND_CLASSES = Object.freeze(['temporal-3', 'temporal-4', 'chime', 'none'] as const);
/** What a station plays for an alarm: fire (temporal-3), CO (temporal-4), a chime, or nothing. */
export type SoundClass = (typeof SOUND_CLASSES)[number];

/** Sign-in roles. A viewer (a wall display) sees everything and may do nothing. */
export type OperatorRole = 'operator' | 'supervisor' | 'viewer';

/** Who did something, and where. */
export interface Actor {
  readonly operator: string;
  readonly station: string;
  readonly role: OperatorRole;
}

export type ShelveKind = 'timed' | 'one_shot';

export type AlarmValue = number | string | null;

/**
 * One alarm point's record. `state` is what the operator sees; the three flags say why an alarm is
 * out of view, and `state` follows them in the order out of service > suppressed > shelved.
 */
export interface AlarmRecord {
  readonly id: string;
  readonly scope: PointScope;
  /** The device id, zone or console target the point belongs to. */
  readonly target: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly sound: SoundClass;
  /** Latching alarms stay until reset after acknowledgement (critical ones, by default). */
  readonly latching: boolean;
  readonly state: AlarmState;
  /** Whether the condition holds now; shelved, suppressed and out-of-service points still track it. */
  readonly condition_active: boolean;
  readonly message: string;
  readonly value: AlarmValue;
  /** The reading's risk score when the condition was last evaluated from one. */
  readonly risk_score: number | null;
  /** When the current presentation to the operator began (activation, or return from out of view). */
  readonly activated_at: number | null;
  readonly last_change_at: number;
  readonly acked_by: string | null;
  readonly acked_at: number | null;
  /** The last operator comment on this alarm. */
  readonly comment: string | null;
  readonly shelve_kind: ShelveKind | null;
  readonly shelved_until: number | null;
  readonly shelved_by: string | null;
  readonly suppressed: boolean;
  readonly out_of_service: boolean;
  /** Raised from a backlog whose condition had already cleared: recorded, never sounded. */
  readonly late: boolean;
}

export type ShelveRequest = { readonly kind: 'timed'; readonly minutes: number } | { readonly kind: 'one_shot' };

interface ConditionFields {
  readonly at: number;
  readonly value?: AlarmValue;
  readonly message?: string;
  readonly risk_score?: number | null;
  /** The device's zone as the registry knows it now (kept on the record for display). */
  readonly zone?: string | null;
}

export type AlarmEvent =
  | (ConditionFields & {
      readonly type: 'condition_active';
      /** From a backlog reading whose condition a newer reading already shows cleared. */
      readonly late?: boolean;
    })
  | (ConditionFields & { readonly type: 'condition_cleared' })
  | { readonly type: 'acknowledge'; readonly at: number; readonly actor: Actor; readonly comment?: string | null }
  | {
      readonly type: 'shelve';
      readonly at: number;
      readonly actor: Actor;
      readonly shelve: ShelveRequest;
      readonly comment: string;
    }
  | { readonly type: 'unshelve'; readonly at: number; readonly actor: Actor; readonly comment?: string | null }
  | { readonly type: 'shelve_expired'; readonly at: number }
  | { readonly type: 'reset'; readonly at: number; readonly actor: Actor; readonly comment?: string | null }
  | { readonly type: 'remove_from_service'; readonly at: number; readonly actor: Actor; readonly comment: string }
  | { readonly type: 'return_to_service'; readonly at: number; readonly actor: Actor; readonly comment?: string | null }
  | { readonly type: 'suppress'; readonly at: number; readonly reason: string }
  | { readonly type: 'unsuppress'; readonly at: number; readonly reason: string };

export type AlarmEventType = AlarmEvent['type'];

/** Operator actions: the events that carry an actor and go into the journal. */
export type OperatorActionType = Extract<AlarmEvent, { readonly actor: Actor }>['type'];

/** What caused a transition: the event's type, or a one-shot shelve ending because its condition cleared. */
export type TransitionCause = AlarmEventType | 'one_shot_cleared';

/** One change of an alarm, as persisted and as the KPIs read it. */
export interface AlarmTransition {
  readonly alarm_id: string;
  readonly source: AlarmSource;
  readonly priority: Priority;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly cause: TransitionCause;
  readonly at: number;
  readonly operator: string | null;
  readonly station: string | null;
  readonly comment: string | null;
  /** The condition after the transition. */
  readonly condition_active: boolean;
  readonly late: boolean;
}

export type RejectionCode =
  | 'OPERATOR_REQUIRED'
  | 'COMMENT_REQUIRED'
  | 'INVALID_DURATION'
  | 'READ_ONLY'
  | 'SUPERVISOR_REQUIRED'
  | 'NOTHING_TO_ACKNOWLEDGE'
  | 'ALREADY_ACKNOWLEDGED'
  | 'NOT_SHELVED'
  | 'SHELVE_NOT_DUE'
  | 'CONDITION_NOT_ACTIVE'
  | 'CONDITION_ACTIVE'
  | 'NOT_ACKNOWLEDGED'
  | 'NOT_LATCHED'
  | 'NOTHING_TO_RESET'
  | 'SHELVED'
  | 'SUPPRESSED'
  | 'OUT_OF_SERVICE'
  | 'NOT_OUT_OF_SERVICE';

/**
 * Why an action was refused. `http_status`: 400 for a bad request (missing operator or comment,
 * impossible duration), 403 for a role that may not do it, 409 for an action that does not apply in
 * the alarm's state.
 */
export interface AlarmRejection {
  readonly code: RejectionCode;
  readonly http_status: 400 | 403 | 409;
  readonly message: string;
  readonly alarm_id: string;
  readonly state: AlarmState;
}

export type TransitionOutcome =
  | {
      readonly ok: true;
      readonly alarm: AlarmRecord;
      /** Null when nothing the operator could see changed (a repeated condition, a new value). */
      readonly transition: AlarmTransition | null;
    }
  | { readonly ok: false; readonly rejection: AlarmRejection };

/** A condition evaluated for one point at one time: what the host feeds into the state machine. */
export interface ConditionUpdate {
  readonly point: AlarmPoint;
  readonly active: boolean;
  readonly at: number;
  readonly value: AlarmValue;
  readonly message: string;
  readonly risk_score: number | null;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly late?: boolean;
}
