import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson } from '../../../shared/alarms/canonical-json';
import { hmacSha256Hex } from '../../../shared/alarms/crypto/hmac';
import type { StationAction } from '../../../shared/alarms/station-messages';
import {
  STATION_EVENTS_SUBSCRIPTION,
  applyStationMessage,
  encodeStationMessage,
  encodeTopicLevel,
  signStationMessage,
  stationActionFor,
  stationEventsTopic,
  verifyStationMessage,
} from '../../../shared/alarms/station-messages';
import { MINUTE, OPERATOR, SUPERVISOR, T0, WALL, ack, active, alarm, cleared, walk } from './helpers';

const KEY = 'site-key-0123456789abcdef';
const t = (minutes: number): number => T0 + minutes * MINUTE;

function ackMessage(at = t(2), actionId = 'desk-2/17'): StationAction {
  const action = stationActionFor(actionId, 'device:DEV0001:overcurrent', { type: 'acknowledge', at, actor: SUPERVISOR, comment: 'seen' });
  assert.ok(action !== null);
  return action;
}

function publish(action: StationAction, key: string = KEY): { topic: string; payload: string } {
  return { topic: stationEventsTopic(action.alarm_id)!, payload: encodeStationMessage(signStationMessage(action, key)) };
}

describe('topics', () => {
  test('a device alarm goes to its device topic, which the shared subscription matches', () => {
    assert.equal(stationEventsTopic('device:DEV0001:co_alarm'), 'fire-prediction/alerts/DEV0001/events');
    assert.equal(STATION_EVENTS_SUBSCRIPTION, 'fire-prediction/alerts/+/events');
    assert.equal(stationEventsTopic('zone:B1%2FF2:HIGH_RISK_CLUSTER'), 'fire-prediction/alerts/zone:B1%2FF2/events');
    assert.equal(stationEventsTopic('console:host:monitoring_lost'), null, 'console trouble stays local');
    assert.equal(stationEventsTopic('nonsense'), null);
    assert.equal(encodeTopicLevel('a/b+c#d%e'), 'a%2Fb%2Bc%23d%25e');
  });
});

describe('signing and verifying', () => {
  test('a message signed with the site key verifies and becomes the operator action', () => {
    const { topic, payload } = publish(ackMessage());
    const verified = verifyStationMessage(topic, payload, KEY, t(2));
    assert.ok(verified.ok, verified.ok ? '' : verified.message);
    assert.equal(verified.at_ms, t(2));
    assert.deepEqual(verified.message, ackMessage());
  });

  test('the signature is HMAC-SHA256 over the canonical JSON of the other fields', () => {
    const action = ackMessage();
    assert.equal(signStationMessage(action, KEY).sig, hmacSha256Hex(KEY, canonicalJson(action)));
    assert.ok(encodeStationMessage(signStationMessage(action, KEY)).startsWith('{"action":"acknowledge","action_id":'));
  });

  test('unsigned, wrongly keyed, tampered and malformed messages are refused with a reason', () => {
    const { topic, payload } = publish(ackMessage());
    const reason = (p: string, tp = topic): string => {
      const v = verifyStationMessage(tp, p, KEY, t(2));
      return v.ok ? 'ok' : v.reason;
    };
    assert.equal(reason(canonicalJson(ackMessage())), 'UNSIGNED');
    assert.equal(reason(publish(ackMessage(), 'another-key').payload), 'BAD_SIGNATURE');
    assert.equal(reason(payload.replace('"operator":"park"', '"operator":"mallory"')), 'BAD_SIGNATURE');
    assert.equal(reason(payload.replace('"acknowledge"', '"reset"')), 'BAD_SIGNATURE');
    assert.equal(reason('not json'), 'MALFORMED');
    assert.equal(reason('[1]'), 'MALFORMED');
    assert.equal(reason(JSON.stringify({ ...JSON.parse(payload), sig: 5 })), 'MALFORMED');
    assert.equal(reason(payload, 'fire-prediction/alerts/DEV0002/events'), 'TOPIC_MISMATCH');
  });

  test('a correctly signed message with bad fields or an unknown version is still refused', () => {
    const signed = (fields: Record<string, unknown>): string => encodeStationMessage({ ...fields, sig: hmacSha256Hex(KEY, canonicalJson(fields)) } as never);
    const base = { ...ackMessage() } as Record<string, unknown>;
    const topic = stationEventsTopic(ackMessage().alarm_id)!;
    const reason = (fields: Record<string, unknown>): string => {
      const v = verifyStationMessage(topic, signed(fields), KEY, t(2));
      return v.ok ? 'ok' : v.reason;
    };
    assert.equal(reason(base), 'ok');
    assert.equal(reason({ ...base, v: 2 }), 'UNSUPPORTED_VERSION');
    assert.equal(reason({ ...base, action: 'silence' }), 'MALFORMED', 'silence stays local');
    assert.equal(reason({ ...base, role: 'viewer' }), 'MALFORMED');
    assert.equal(reason({ ...base, extra: 1 }), 'MALFORMED');
    assert.equal(reason({ ...base, shelve: { kind: 'timed', minutes: 5 } }), 'MALFORMED');
    assert.equal(reason({ ...base, at: 'yesterday' }), 'MALFORMED');
  });

  test('too old or too far ahead is refused', () => {
    const { topic, payload } = publish(ackMessage(t(0)));
    const at = (now: number): string => {
      const v = verifyStationMessage(topic, payload, KEY, now);
      return v.ok ? 'ok' : v.reason;
    };
    assert.equal(at(t(24 * 60)), 'ok');
    assert.equal(at(t(24 * 60) + 1), 'STALE');
    assert.equal(at(t(-5)), 'ok');
    assert.equal(at(t(-5) - 1), 'FUTURE');
  });

  test('a wall display does not publish; shelve carries its request', () => {
    assert.equal(stationActionFor('w/1', 'device:D:co_alarm', { type: 'acknowledge', at: t(1), actor: WALL }), null);
    const shelve = stationActionFor('d/2', 'device:D:co_alarm', { type: 'shelve', at: t(1), actor: OPERATOR, shelve: { kind: 'timed', minutes: 30 }, comment: 'x' });
    assert.deepEqual(shelve?.shelve, { kind: 'timed', minutes: 30 });
  });
});

describe('applying at another station', () => {
  const raised = (): ReturnType<typeof alarm> => walk(alarm(), [active(t(1))]);

  function received(action: StationAction): { message: StationAction; at_ms: number } {
    const { topic, payload } = publish(action);
    const v = verifyStationMessage(topic, payload, KEY, Date.parse(action.at));
    assert.ok(v.ok);
    return v;
  }

  test('an acknowledgement from another station acknowledges here, in the remote operator name', () => {
    const result = applyStationMessage(raised(), received(ackMessage()), new Set());
    assert.equal(result.kind, 'applied');
    assert.ok(result.kind === 'applied');
    assert.equal(result.alarm.state, 'acknowledged');
    assert.equal(result.alarm.acked_by, 'park');
    assert.equal(result.transition?.station, 'desk-2');
  });

  test('replaying it is idempotent: a known action id is a duplicate', () => {
    const message = received(ackMessage());
    const applied = new Set<string>();
    const first = applyStationMessage(raised(), message, applied);
    assert.equal(first.kind, 'applied');
    applied.add(message.message.action_id);
    assert.deepEqual(applyStationMessage(raised(), message, applied), { kind: 'duplicate' });
  });

  test('an action older than the alarm presentation is superseded, even once its id is forgotten', () => {
    const again = walk(raised(), [ack(t(2)), cleared(t(3)), active(t(4))]);
    assert.deepEqual(applyStationMessage(again, received(ackMessage(t(2))), new Set()), { kind: 'superseded' });
  });

  test('an action already done here (both stations acknowledged) is a no-op with the reason', () => {
    const acked = walk(raised(), [ack(t(2))]);
    const result = applyStationMessage(acked, received(ackMessage(t(3), 'desk-2/18')), new Set());
    assert.equal(result.kind, 'no_op');
    assert.ok(result.kind === 'no_op');
    assert.equal(result.rejection.code, 'ALREADY_ACKNOWLEDGED');
  });

  test('shelve and out-of-service keep their rules: an operator cannot take a point out of service remotely', () => {
    const byOperator = stationActionFor('desk-1/5', 'device:DEV0001:overcurrent', {
      type: 'remove_from_service',
      at: t(2),
      actor: OPERATOR,
      comment: 'maintenance',
    })!;
    const result = applyStationMessage(raised(), received(byOperator), new Set());
    assert.ok(result.kind === 'no_op');
    assert.equal(result.rejection.code, 'SUPERVISOR_REQUIRED');
    const shelve = stationActionFor('desk-1/6', 'device:DEV0001:overcurrent', {
      type: 'shelve',
      at: t(2),
      actor: OPERATOR,
      shelve: { kind: 'timed', minutes: 30 },
      comment: 'chattering',
    })!;
    const shelved = applyStationMessage(raised(), received(shelve), new Set());
    assert.ok(shelved.kind === 'applied');
    assert.equal(shelved.alarm.shelved_until, t(32));
  });
});
