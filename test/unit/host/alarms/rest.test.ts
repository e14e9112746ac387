import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { routeAlarmRequest } from '../../../../electron/host/serve/alarm-routes';
import { createHttpServer } from '../../../../electron/host/serve/http-server';
import { checkWriteAccess, isLoopbackAddress, sessionWriteGuard } from '../../../../electron/host/serve/write-auth';
import { createAlarmHandlers } from '../../../../electron/host/service/alarm-handlers';
import type { WebSocketTransport } from '../../../../electron/host/transport/websocket-transport';
import { METHOD_NAMES, ProtocolError } from '../../../../shared/protocol';
import type { ProtocolHandlers } from '../../../../shared/protocol';
import { CRITICAL_ID, T0, harness, reading } from './helpers';

// The alarm REST API as DESIGN.md has it: paths, shapes and status codes 400/401/403/404/409,
// writes needing an operator and, beyond loopback, `Authorization: Bearer <EMBERWATCH_TOKEN>`.

const u = (path: string): URL => new URL(path, 'http://localhost');
const TOKEN = 'token-for-tests';

describe('alarm routes', () => {
  test('the paths map onto protocol methods; POSTs are writes', () => {
    assert.deepEqual(routeAlarmRequest('GET', u('/api/alarms?state=active&device=DEV1')), { method: 'alarms.list', params: { state: 'active', device: 'DEV1' }, write: false });
    assert.deepEqual(routeAlarmRequest('POST', u('/api/alarms/device%3ADEV1%3Arisk_high/ack')), { method: 'alarm.ack', params: { id: 'device:DEV1:risk_high' }, write: true });
    assert.equal(routeAlarmRequest('POST', u('/api/alarms/x/shelve'))?.method, 'alarm.shelve');
    assert.equal(routeAlarmRequest('POST', u('/api/alarms/x/unshelve'))?.method, 'alarm.unshelve');
    assert.equal(routeAlarmRequest('POST', u('/api/alarms/x/reset'))?.method, 'alarm.reset');
    assert.equal(routeAlarmRequest('POST', u('/api/alarms/x/out-of-service'))?.method, 'alarm.remove_from_service');
    assert.equal(routeAlarmRequest('POST', u('/api/alarms/x/return-to-service'))?.method, 'alarm.return_to_service');
    assert.deepEqual(routeAlarmRequest('POST', u('/api/alarms/ack-all')), { method: 'alarms.ack_all', params: {}, write: true });
    assert.deepEqual(routeAlarmRequest('POST', u('/api/stations/desk%201/silence')), { method: 'station.silence', params: { station: 'desk 1' }, write: true });
    assert.deepEqual(routeAlarmRequest('POST', u('/api/stations/wall/hello')), { method: 'station.hello', params: { station: 'wall' }, write: false });
    assert.deepEqual(routeAlarmRequest('GET', u('/api/journal?since=2026-03-01T00:00:00Z&device=DEV1')), {
      method: 'journal.list',
      params: { since: '2026-03-01T00:00:00Z', device: 'DEV1' },
      write: false,
    });
    assert.equal(routeAlarmRequest('GET', u('/api/journal/verify'))?.method, 'journal.verify');
    assert.equal(routeAlarmRequest('GET', u('/api/alarms/kpis'))?.method, 'alarms.kpis');
    assert.equal(routeAlarmRequest('GET', u('/api/alarms/history'))?.method, 'alarms.history');
    assert.equal(routeAlarmRequest('POST', u('/api/alarms/x/explode')), null);
    assert.equal(routeAlarmRequest('DELETE', u('/api/alarms')), null);
    assert.equal(routeAlarmRequest('GET', u('/api/nothing')), null);
  });

  test('writes beyond loopback need the token; loopback is trusted', () => {
    assert.equal(isLoopbackAddress('127.0.0.1'), true);
    assert.equal(isLoopbackAddress('::ffff:127.0.0.1'), true);
    assert.equal(isLoopbackAddress('::1'), true);
    assert.equal(isLoopbackAddress('10.0.0.5'), false);
    assert.doesNotThrow(() => checkWriteAccess('127.0.0.1', null, TOKEN));
    const codes = [
      [() => checkWriteAccess('10.0.0.5', null, TOKEN), 'TOKEN_REQUIRED'],
      [() => checkWriteAccess('10.0.0.5', 'nope', TOKEN), 'TOKEN_WRONG'],
      [() => checkWriteAccess('10.0.0.5', 'x', null), 'TOKEN_REQUIRED'],
    ] as const;
    for (const [work, reason] of codes) {
      assert.throws(work, (e: unknown) => e instanceof ProtocolError && e.code === 'UNAUTHORIZED' && e.reason === reason);
    }
    assert.doesNotThrow(() => checkWriteAccess('10.0.0.5', TOKEN, TOKEN));
    const guard = sessionWriteGuard('192.168.1.20', TOKEN);
    assert.doesNotThrow(() => guard('alarms.list', {}), 'reads need no token');
    assert.doesNotThrow(() => guard('station.hello', { station: 'wall' }), 'a wall display says hello without one');
    assert.throws(() => guard('alarm.ack', { id: 'x' }), /Bearer|token/);
    assert.doesNotThrow(() => guard('alarm.ack', { id: 'x', token: TOKEN }));
  });
});

describe('the alarm REST API over HTTP', () => {
  const h = harness({ alarms: { wall_displays: ['wall-1'] } });
  let server: Server;
  let base = '';
  /** What remote address the server sees (a stand-in for a request from another machine). */
  let remote: string | null = null;

  before(async () => {
    h.service.observeReading(reading({ at: T0, level: 'CRITICAL' }), T0, { zone: 'B1', newestTs: T0 });
    const notUsed = async (): Promise<never> => {
      throw new ProtocolError('NOT_FOUND', 'not here');
    };
    const handlers = {
      ...(Object.fromEntries(METHOD_NAMES.map((m) => [m, notUsed])) as unknown as ProtocolHandlers),
      ...createAlarmHandlers(h.service, () => h.clock.now),
    } as ProtocolHandlers;
    const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    server = createHttpServer({ handlers, websocket: {} as WebSocketTransport, staticRoot: null, log, token: TOKEN });
    // Runs before the API handler: the request looks as if it came from `remote`.
    server.prependListener('request', (req) => {
      if (remote !== null) Object.defineProperty(req.socket, 'remoteAddress', { value: remote, configurable: true });
      else delete (req.socket as unknown as Record<string, unknown>).remoteAddress;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    h.close();
  });

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Connection: 'close', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const ack = `/api/alarms/${encodeURIComponent(CRITICAL_ID)}/ack`;

  test('GET /api/alarms in the design shape, filtered by state; a bad filter is 400', async () => {
    const response = await fetch(`${base}/api/alarms?state=unacknowledged`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { alarms: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(body.alarms[0] ?? {}).sort(), [
      'acked_at', 'acked_by', 'activated_at', 'comment', 'device_id', 'id', 'last_change_at', 'late', 'message', 'priority', 'shelved_until', 'source', 'state', 'value', 'zone',
    ]);
    assert.equal((await fetch(`${base}/api/alarms?state=bogus`)).status, 400);
    assert.equal((await fetch(`${base}/api/alarms/${encodeURIComponent('device:NONE:risk_high')}`)).status, 404);
  });

  test('the status codes of the actions', async () => {
    assert.equal((await post('/api/alarms/device%3ANONE%3Arisk_high/ack', { operator: 'kim' })).status, 404);
    const noOperator = await post(ack, { comment: 'who?' });
    assert.equal(noOperator.status, 400);
    assert.deepEqual(noOperator.json.error, { code: 'BAD_REQUEST', message: 'an operator name is required', reason: 'OPERATOR_REQUIRED' });
    assert.equal((await post(ack, '{not json')).status, 400);
    assert.equal((await post(ack, [1, 2])).status, 400);
    assert.equal((await post(ack, { operator: 'kim', comment: 'x'.repeat(70_000) })).status, 400, 'a body beyond the limit');
    assert.equal((await post(ack, { operator: 'kim', station: 'wall-1' })).status, 403);
    const shelve = await post(`/api/alarms/${encodeURIComponent(CRITICAL_ID)}/shelve`, { operator: 'kim', minutes: 10 });
    assert.deepEqual([shelve.status, (shelve.json.error as { reason: string }).reason], [400, 'COMMENT_REQUIRED']);
    const done = await post(ack, { operator: 'kim', station: 'desk-1', comment: 'on it' });
    assert.equal(done.status, 200);
    assert.deepEqual([done.json.state, done.json.acked_by, done.json.comment], ['acknowledged', 'kim', 'on it']);
    const again = await post(ack, { operator: 'kim' });
    assert.deepEqual([again.status, (again.json.error as { reason: string }).reason], [409, 'ALREADY_ACKNOWLEDGED']);
    const silence = await post('/api/stations/desk-1/silence', { operator: 'kim' });
    assert.equal(silence.status, 200);
    assert.equal(silence.json.station, 'desk-1');
    const journal = (await (await fetch(`${base}/api/journal?device=DEV0001`)).json()) as { entries: Array<{ action: string; operator: string; station: string; comment: string | null; hash: string; prev_hash: string; seq: number; at: string; alarm_id: string | null }> };
    assert.deepEqual(Object.keys(journal.entries[0] ?? {}).sort(), ['action', 'alarm_id', 'at', 'comment', 'hash', 'operator', 'prev_hash', 'seq', 'station']);
    assert.deepEqual(journal.entries.map((e) => [e.action, e.operator, e.station, e.comment]), [['acknowledge', 'kim', 'desk-1', 'on it']]);
    const verify = (await (await fetch(`${base}/api/journal/verify`)).json()) as { ok: boolean; entries: number };
    assert.deepEqual([verify.ok, verify.entries], [true, 2]);
  });

  test('beyond loopback: 401 without the token or with a wrong one, done with it', async () => {
    remote = '10.20.30.40';
    try {
      const shelve = `/api/alarms/${encodeURIComponent('device:DEV0001:risk_high')}/ack`;
      const none = await post(shelve, { operator: 'kim' });
      assert.deepEqual([none.status, (none.json.error as { code: string }).code], [401, 'UNAUTHORIZED']);
      assert.equal((await post(shelve, { operator: 'kim' }, { Authorization: 'Bearer wrong' })).status, 401);
      // Reads stay open.
      assert.equal((await fetch(`${base}/api/alarms`, { headers: { Connection: 'close' } })).status, 200);
      const ok = await post(shelve, { operator: 'kim' }, { Authorization: `Bearer ${TOKEN}` });
      assert.equal(ok.status, 200);
    } finally {
      remote = null;
    }
  });
});
