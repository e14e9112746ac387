import { formatIsoMillis, parseIsoTimestamp } from '../scoring/timestamp';
import { canonicalJson } from './canonical-json';
import type { AlarmConfig } from './config';
import { DEFAULT_ALARM_CONFIG } from './config';
import { constantTimeEqual } from './crypto/bytes';
import { hmacSha256Hex } from './crypto/hmac';
import { parseAlarmPointId } from './points';
import { applyAlarmEvent } from './state-machine';
import type { AlarmEvent, AlarmRecord, AlarmRejection, AlarmTransition, OperatorActionType, OperatorRole, ShelveRequest } from './types';

// Stations watching one fleet share what their operators do, over MQTT on
// `fire-prediction/alerts/{deviceId}/events`. Each message is signed with the site key (HMAC-SHA256
// over its canonical JSON) so that a device or a stranger on the broker cannot acknowledge an
// alarm; it is applied at most once per action id, and never to an alarm presentation that began
// after the action was taken, so a replay, however late, changes nothing. Silence stays local.

export const STATION_MESSAGE_VERSION = 1;
export const STATION_EVENTS_SUBSCRIPTION = 'fire-prediction/alerts/+/events';

export const STATION_ACTIONS = Object.freeze([
  'acknowledge',
  'shelve',
  'unshelve',
  'reset',
  'remove_from_service',
  'return_to_service',
] as const satisfies ReadonlyArray<OperatorActionType>);
export type StationActionType = (typeof STATION_ACTIONS)[number];

export interface StationAction {
  readonly v: typeof STATION_MESSAGE_VERSION;
  /** Unique per action across the site; `{station}/{journal seq}` is a good choice. */
  readonly action_id: string;
  readonly action: StationActionType;
  readonly alarm_id: string;
  /** ISO-8601 UTC with milliseconds: when the operator acted. */
  readonly at: string;
  readonly operator: string;
  readonly station: string;
  readonly role: Exclude<OperatorRole, 'viewer'>;
  readonly comment: string | null;
  /** For `shelve` only. */
  readonly shelve: ShelveRequest | null;
}

export interface SignedStationMessage extends StationAction {
  /** HMAC-SHA256 (hex) with the site key over the canonical JSON of every other field. */
  readonly sig: string;
}

/** Escapes what MQTT gives meaning to in a topic level (/, +, #, NUL) and the escape character. */
export function encodeTopicLevel(text: string): string {
  return text.replace(/[%/+#\u0000]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The topic an alarm's shared actions go to; zone alarms use `zone:{zone}` in the device's place.
 * Null for the console's own alarms, which are each station's own business.
 */
export function stationEventsTopic(alarmId: string): string | null {
  const point = parseAlarmPointId(alarmId);
  if (point === null || point.scope === 'console') return null;
  const level = point.scope === 'zone' ? `zone:${encodeTopicLevel(point.target)}` : encodeTopicLevel(point.target);
  return `fire-prediction/alerts/${level}/events`;
}

export type StationEvent = Extract<AlarmEvent, { readonly type: StationActionType }>;

/** The message to publish for an operator's action at this station (before signing). */
export function stationActionFor(actionId: string, alarmId: string, event: StationEvent): StationAction | null {
  if (event.actor.role === 'viewer') return null;
  return {
    v: STATION_MESSAGE_VERSION,
    action_id: actionId,
    action: event.type,
    alarm_id: alarmId,
    at: formatIsoMillis(event.at),
    operator: event.actor.operator,
    station: event.actor.station,
    role: event.actor.role,
    comment: event.comment ?? null,
    shelve: event.type === 'shelve' ? event.shelve : null,
  };
}

function signatureOf(fields: object, key: string | Uint8Array): string {
  return hmacSha256Hex(key, canonicalJson(fields));
}

export function signStationMessage(action: StationAction, key: string | Uint8Array): SignedStationMessage {
  return { ...action, sig: signatureOf(action, key) };
}

/** The payload to publish: canonical JSON, so every station signs and checks the same bytes. */
export function encodeStationMessage(message: SignedStationMessage): string {
  return canonicalJson(message);
}

export type StationMessageRefusal =
  | 'MALFORMED'
  | 'UNSIGNED'
  | 'BAD_SIGNATURE'
  | 'UNSUPPORTED_VERSION'
  | 'TOPIC_MISMATCH'
  | 'STALE'
  | 'FUTURE';

export type StationVerification =
  | { readonly ok: true; readonly message: StationAction; readonly at_ms: number }
  | { readonly ok: false; readonly reason: StationMessageRefusal; readonly message: string };

function refuse(reason: StationMessageRefusal, message: string): StationVerification {
  return { ok: false, reason, message };
}

function isShelveRequest(value: unknown): value is ShelveRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kind === 'one_shot') return Object.keys(v).length === 1;
  return v.kind === 'timed' && Object.keys(v).length === 2 && typeof v.minutes === 'number' && Number.isFinite(v.minutes) && v.minutes > 0;
}

const FIELDS = ['v', 'action_id', 'action', 'alarm_id', 'at', 'operator', 'station', 'role', 'comment', 'shelve'];

function fieldProblem(m: Record<string, unknown>): string | null {
  for (const key of Object.keys(m)) if (!FIELDS.includes(key)) return `unknown field ${key}`;
  for (const key of ['action_id', 'alarm_id', 'at', 'operator', 'station'] as const) {
    if (typeof m[key] !== 'string' || (m[key] as string).trim() === '') return `${key} must be a non-empty string`;
  }
  if (!(STATION_ACTIONS as ReadonlyArray<unknown>).includes(m.action)) return `action must be one of ${STATION_ACTIONS.join(', ')}`;
  if (m.role !== 'operator' && m.role !== 'supervisor') return 'role must be operator or supervisor';
  if (m.comment !== null && typeof m.comment !== 'string') return 'comment must be a string or null';
  if (m.action === 'shelve' ? !isShelveRequest(m.shelve) : m.shelve !== null) {
    return m.action === 'shelve' ? 'shelve must be {kind: "timed", minutes} or {kind: "one_shot"}' : 'shelve must be null';
  }
  if (parseAlarmPointId(m.alarm_id as string) === null) return 'alarm_id is not an alarm point id';
  return null;
}

/**
 * Checks a message received on `topic`: JSON, signed, signature good (in constant time), known
 * version and fields, addressed to the topic it came on, and neither older than the configured
 * maximum age nor from further in the future than the clock-skew allowance. The host quarantines
 * a refusal with its reason.
 */
export function verifyStationMessage(
  topic: string,
  payload: string,
  key: string | Uint8Array,
  now: number,
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): StationVerification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return refuse('MALFORMED', 'payload is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse('MALFORMED', 'payload is not a JSON object');
  const { sig, ...fields } = parsed as Record<string, unknown>;
  if (sig === undefined) return refuse('UNSIGNED', 'message carries no signature');
  if (typeof sig !== 'string') return refuse('MALFORMED', 'sig must be a string');
  let expected: string;
  try {
    expected = signatureOf(fields, key);
  } catch {
    return refuse('MALFORMED', 'payload holds a value JSON cannot carry exactly');
  }
  if (!constantTimeEqual(sig.toLowerCase(), expected)) return refuse('BAD_SIGNATURE', 'signature does not match the site key');
  if (fields.v !== STATION_MESSAGE_VERSION) return refuse('UNSUPPORTED_VERSION', `version ${String(fields.v)} is not ${STATION_MESSAGE_VERSION}`);
  const problem = fieldProblem(fields);
  if (problem !== null) return refuse('MALFORMED', problem);
  const message = fields as unknown as StationAction;
  if (stationEventsTopic(message.alarm_id) !== topic) return refuse('TOPIC_MISMATCH', `alarm ${message.alarm_id} does not belong on ${topic}`);
  const time = parseIsoTimestamp(message.at);
  if (!time.ok) return refuse('MALFORMED', `at: ${time.reason}`);
  if (now - time.ms > config.stationMessages.maxAgeMs) return refuse('STALE', `action of ${message.at} is too old to apply`);
  if (time.ms - now > config.clockSkewMs) return refuse('FUTURE', `action of ${message.at} is ahead of this console's clock`);
  return { ok: true, message, at_ms: time.ms };
}

/** The state-machine event a verified message stands for. */
export function stationMessageEvent(message: StationAction, atMs: number): StationEvent {
  const actor = { operator: message.operator, station: message.station, role: message.role };
  switch (message.action) {
    case 'shelve':
      return { type: 'shelve', at: atMs, actor, shelve: message.shelve as ShelveRequest, comment: message.comment ?? '' };
    case 'remove_from_service':
      return { type: 'remove_from_service', at: atMs, actor, comment: message.comment ?? '' };
    default:
      return { type: message.action, at: atMs, actor, comment: message.comment };
  }
}

export type StationApplyResult =
  | { readonly kind: 'applied'; readonly alarm: AlarmRecord; readonly transition: AlarmTransition | null }
  /** Seen before: nothing to do. */
  | { readonly kind: 'duplicate' }
  /** Taken before the alarm's current presentation began: it was about an earlier one. */
  | { readonly kind: 'superseded' }
  /** The alarm is already where the action would take it, or the action does not apply here. */
  | { readonly kind: 'no_op'; readonly rejection: AlarmRejection };

/**
 * Applies a verified message to the alarm it names, at most once: `applied` answers whether its
 * action id has been applied here before (the host keeps the ids, with the journal). Record the id
 * for every result but `duplicate`, so a replay is answered without touching the alarm again.
 */
export function applyStationMessage(
  alarm: AlarmRecord,
  verified: { readonly message: StationAction; readonly at_ms: number },
  applied: { has(actionId: string): boolean },
  config: AlarmConfig = DEFAULT_ALARM_CONFIG,
): StationApplyResult {
  const { message, at_ms } = verified;
  if (applied.has(message.action_id)) return { kind: 'duplicate' };
  if (alarm.activated_at !== null && at_ms < alarm.activated_at) return { kind: 'superseded' };
  const outcome = applyAlarmEvent(alarm, stationMessageEvent(message, at_ms), config);
  if (!outcome.ok) return { kind: 'no_op', rejection: outcome.rejection };
  return { kind: 'applied', alarm: outcome.alarm, transition: outcome.transition };
}
