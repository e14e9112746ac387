import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeClientMessage, decodeServerMessage } from '../../../shared/protocol/envelope';

function expectError(input: unknown, id: number | null, message: RegExp): void {
  const decoded = decodeClientMessage(input);
  assert.equal(decoded.ok, false);
  if (decoded.ok) return;
  assert.equal(decoded.error.code, 'BAD_REQUEST');
  assert.equal(decoded.id, id);
  assert.match(decoded.error.message, message);
}

describe('decodeClientMessage', () => {
  it('accepts a request as a JSON string and as a structured clone', () => {
    const request = { kind: 'request', id: 7, method: 'device.get', params: { id: 'dev-001' } };
    for (const input of [JSON.stringify(request), request]) {
      assert.deepEqual(decodeClientMessage(input), { ok: true, message: request });
    }
  });

  it('treats missing params as an empty object', () => {
    assert.deepEqual(decodeClientMessage({ kind: 'request', id: 1, method: 'health.get' }), {
      ok: true,
      message: { kind: 'request', id: 1, method: 'health.get', params: {} },
    });
  });

  it('answers bad JSON without an id', () => {
    expectError('{"kind": "request", "id": 1', null, /not valid JSON/);
    expectError('', null, /not valid JSON/);
  });

  it('answers values that are not objects', () => {
    for (const input of ['42', '"text"', 'null', '[1,2]', 42, null, undefined, [{ kind: 'request' }]]) {
      expectError(input, null, /must be an object/);
    }
  });

  it('answers the wrong kind, keeping the id when there is one', () => {
    expectError({ kind: 'response', id: 3, method: 'health.get' }, 3, /kind must be "request"/);
    expectError({ id: 4, method: 'health.get' }, 4, /kind must be "request"/);
    expectError({ kind: 'event', event: 'devices.changed' }, null, /kind must be "request"/);
  });

  it('answers a missing or non-integer id', () => {
    expectError({ kind: 'request', method: 'health.get', params: {} }, null, /id must be an integer/);
    expectError({ kind: 'request', id: '1', method: 'health.get' }, null, /id must be an integer/);
    expectError({ kind: 'request', id: 1.5, method: 'health.get' }, null, /id must be an integer/);
    expectError({ kind: 'request', id: Number.MAX_SAFE_INTEGER + 2, method: 'health.get' }, null, /id must be an integer/);
  });

  it('answers unknown methods, including names inherited from Object', () => {
    expectError({ kind: 'request', id: 5, method: 'devices.delete', params: {} }, 5, /unknown method "devices.delete"/);
    expectError({ kind: 'request', id: 6, method: 'toString', params: {} }, 6, /unknown method/);
    expectError({ kind: 'request', id: 7, params: {} }, 7, /unknown method/);
    expectError({ kind: 'request', id: 8, method: 42 }, 8, /unknown method 42/);
  });

  it('answers params that are not an object', () => {
    for (const params of [null, [], 'id=1', 3, true]) {
      expectError({ kind: 'request', id: 9, method: 'device.get', params }, 9, /params must be an object/);
    }
  });
});

describe('decodeServerMessage', () => {
  it('reads hello, event and both kinds of response, as JSON or clone', () => {
    const messages = [
      { kind: 'hello', protocol: 1, version: '0.1.0' },
      { kind: 'event', event: 'devices.removed', payload: { device_ids: ['a'] } },
      { kind: 'response', id: 1, ok: true, result: { devices: [] } },
      { kind: 'response', id: 2, ok: false, error: { code: 'NOT_FOUND', message: 'no device' } },
    ];
    for (const message of messages) {
      assert.deepEqual(decodeServerMessage(message), message);
      assert.deepEqual(decodeServerMessage(JSON.stringify(message)), message);
    }
  });

  it('keeps only the known fields of a hello', () => {
    assert.deepEqual(decodeServerMessage({ kind: 'hello', protocol: 1, version: '2', extra: true }), {
      kind: 'hello',
      protocol: 1,
      version: '2',
    });
  });

  it('drops bad JSON and non-objects', () => {
    for (const input of ['{', 'undefined', '[]', '"hello"', 7, null, undefined, []]) {
      assert.equal(decodeServerMessage(input), null);
    }
  });

  it('drops unknown or missing kinds', () => {
    assert.equal(decodeServerMessage({ kind: 'request', id: 1, method: 'health.get', params: {} }), null);
    assert.equal(decodeServerMessage({ id: 1, ok: true, result: {} }), null);
  });

  it('drops malformed hellos and events', () => {
    assert.equal(decodeServerMessage({ kind: 'hello', protocol: '1', version: '0.1.0' }), null);
    assert.equal(decodeServerMessage({ kind: 'hello', protocol: 1 }), null);
    assert.equal(decodeServerMessage({ kind: 'event', event: 'devices.exploded', payload: {} }), null);
    assert.equal(decodeServerMessage({ kind: 'event', event: 'devices.changed' }), null);
    assert.equal(decodeServerMessage({ kind: 'event', event: 'devices.changed', payload: [] }), null);
  });

  it('drops responses without an id, without ok, or with an unknown error code', () => {
    assert.equal(decodeServerMessage({ kind: 'response', ok: true, result: {} }), null);
    assert.equal(decodeServerMessage({ kind: 'response', id: '1', ok: true, result: {} }), null);
    assert.equal(decodeServerMessage({ kind: 'response', id: 1, result: {} }), null);
    assert.equal(decodeServerMessage({ kind: 'response', id: 1, ok: false, error: { code: 'TEAPOT', message: 'x' } }), null);
    assert.equal(decodeServerMessage({ kind: 'response', id: 1, ok: false, error: { code: 'NOT_FOUND' } }), null);
    assert.equal(decodeServerMessage({ kind: 'response', id: 1, ok: false, error: 'NOT_FOUND' }), null);
    assert.equal(decodeServerMessage({ kind: 'response', id: 1, ok: false, error: { code: 'hasOwnProperty', message: 'x' } }), null);
  });
});
