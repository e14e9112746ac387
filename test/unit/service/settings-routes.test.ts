import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REGISTRY_IMPORT_MAX_BODY_BYTES, routeSettingsRequest } from '../../../electron/host/serve/settings-routes';
import { createRpcClient, ProtocolError } from '../../../shared/protocol';
import type { ClientMessage, RpcChannel } from '../../../shared/protocol';

describe('settings REST routes', () => {
  test('GET /api/settings, PUT or POST /api/settings/:section, POST /api/registry/import', () => {
    const route = (method: string, path: string): ReturnType<typeof routeSettingsRequest> => routeSettingsRequest(method, new URL(`http://localhost${path}`));
    assert.deepEqual(route('GET', '/api/settings'), { method: 'settings.get', params: {}, write: false });
    assert.deepEqual(route('PUT', '/api/settings/thresholds/'), { method: 'settings.update', params: { section: 'thresholds' }, write: true });
    assert.deepEqual(route('POST', '/api/settings/operators'), { method: 'settings.update', params: { section: 'operators' }, write: true });
    assert.deepEqual(route('POST', '/api/registry/import'), { method: 'registry.import', params: {}, write: true, maxBodyBytes: REGISTRY_IMPORT_MAX_BODY_BYTES });
    assert.equal(route('DELETE', '/api/settings'), null);
    assert.equal(route('GET', '/api/registry/import'), null);
    assert.equal(route('GET', '/api/settings/thresholds'), null);
    assert.throws(() => route('PUT', '/api/settings/colours'), (error: unknown) => error instanceof ProtocolError && error.code === 'NOT_FOUND');
  });

  test('the field issues of a refusal reach the client that asked', async () => {
    let listener: (data: unknown) => void = () => undefined;
    const sent: ClientMessage[] = [];
    const channel: RpcChannel = {
      send: (message) => sent.push(message),
      onMessage: (l) => {
        listener = l;
      },
      onClose: () => undefined,
      close: () => undefined,
    };
    const client = createRpcClient(channel);
    const answer = client.request('settings.update', { section: 'language', changes: 'en' }).catch((error: unknown) => error);
    const id = (sent[0] as { id: number }).id;
    const refusal = new ProtocolError('BAD_REQUEST', 'settings not saved', 'INVALID_SETTINGS', [{ field: 'ui.language', message: 'must be one of en, ko' }]);
    listener(JSON.stringify({ kind: 'response', id, ok: false, error: refusal.toBody() }));
    const error = await answer;
    assert.ok(error instanceof ProtocolError);
    assert.equal(error.reason, 'INVALID_SETTINGS');
    assert.deepEqual(error.issues, [{ field: 'ui.language', message: 'must be one of en, ko' }]);
    client.close();
  });
});
