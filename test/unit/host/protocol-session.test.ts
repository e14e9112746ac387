import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProtocolHandlers, ServerMessage } from '../../../shared/protocol';
import { METHOD_NAMES, PROTOCOL_VERSION, ProtocolError } from '../../../shared/protocol';
import { EventHub } from '../../../electron/host/service/event-hub';
import { openProtocolSession } from '../../../electron/host/transport/protocol-session';

function handlers(): ProtocolHandlers {
  const notUsed = async (): Promise<never> => {
    throw new Error('not used here');
  };
  // Every method the protocol knows, unused here unless named below.
  const unused = Object.fromEntries(METHOD_NAMES.map((m) => [m, notUsed])) as unknown as ProtocolHandlers;
  return {
    ...unused,
    'health.get': notUsed,
    'overview.get': notUsed,
    'devices.list': async () => ({ devices: [] }),
    'device.get': async (params) => {
      throw new ProtocolError('NOT_FOUND', `no device ${params.id}`);
    },
    'realtime.get': async () => {
      throw new TypeError('secret internal detail');
    },
    'quarantine.list': notUsed,
    'device.history': notUsed,
    'zones.list': notUsed,
    'zone.get': notUsed,
  };
}

async function settle(): Promise<void> {
  await new Promise((r) => setImmediate(r));
}

test('a session greets, answers by id, and reports errors without internals', async () => {
  const sent: ServerMessage[] = [];
  const internal: unknown[] = [];
  const hub = new EventHub();
  const session = openProtocolSession(handlers(), hub, (m) => sent.push(m), '1.2.3', (e) => internal.push(e));
  assert.deepEqual(sent[0], { kind: 'hello', protocol: PROTOCOL_VERSION, version: '1.2.3' });

  session.receive(JSON.stringify({ kind: 'request', id: 1, method: 'devices.list', params: {} }));
  session.receive({ kind: 'request', id: 2, method: 'device.get', params: { id: 'X' } });
  session.receive({ kind: 'request', id: 3, method: 'realtime.get', params: { id: 'X' } });
  session.receive({ kind: 'request', id: 4, method: 'nope' });
  session.receive('{not json');
  await settle();

  assert.deepEqual(sent.find((m) => m.kind === 'response' && m.id === 1), { kind: 'response', id: 1, ok: true, result: { devices: [] } });
  assert.deepEqual(sent.find((m) => m.kind === 'response' && m.id === 2), { kind: 'response', id: 2, ok: false, error: { code: 'NOT_FOUND', message: 'no device X' } });
  const three = sent.find((m) => m.kind === 'response' && m.id === 3);
  assert.deepEqual(three, { kind: 'response', id: 3, ok: false, error: { code: 'INTERNAL', message: 'the console could not complete the request' } });
  assert.equal(internal.length, 1, 'the internal error is handed to the log');
  const four = sent.find((m) => m.kind === 'response' && m.id === 4);
  assert.equal(four?.kind === 'response' && !four.ok ? four.error.code : null, 'BAD_REQUEST');
  assert.equal(sent.length, 5, 'bad JSON without an id gets no answer (there is nothing to answer to)');
});

test('events reach every open session, and none after close', () => {
  const hub = new EventHub();
  const a: ServerMessage[] = [];
  const b: ServerMessage[] = [];
  const sa = openProtocolSession(handlers(), hub, (m) => a.push(m), 'v');
  openProtocolSession(handlers(), hub, (m) => b.push(m), 'v');
  hub.emit('devices.removed', { device_ids: ['X'] });
  sa.close();
  hub.emit('devices.removed', { device_ids: ['Y'] });
  assert.equal(a.filter((m) => m.kind === 'event').length, 1);
  assert.equal(b.filter((m) => m.kind === 'event').length, 2);
});

test('a failing sender does not break the hub for others', () => {
  const hub = new EventHub();
  const good: ServerMessage[] = [];
  openProtocolSession(handlers(), hub, () => {
    throw new Error('socket gone');
  }, 'v');
  openProtocolSession(handlers(), hub, (m) => good.push(m), 'v');
  hub.emit('devices.removed', { device_ids: ['X'] });
  assert.equal(good.filter((m) => m.kind === 'event').length, 1);
});
