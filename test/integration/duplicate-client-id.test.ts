import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConnectionSettings } from '../../electron/host/config/settings';
import { MqttConnection } from '../../electron/host/ingest/mqtt-connection';
import { createLogger } from '../../electron/host/log/logger';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import { waitFor } from '../support/serve-process';

// Two consoles configured with the same client id knock each other off the broker for ever. The
// console must notice, say so in its health, and stop fighting (long backoff) instead of flapping.

describe('duplicate MQTT client ids', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  test('the console taken over reports the duplicate id', async () => {
    const broker = await startMosquitto();
    const settings: ConnectionSettings = { id: 'site', url: broker.url, topics: ['fire-prediction/device/+/data'], qos: 1, client_id: 'emberwatch-same-id' };
    const quiet = createLogger(null, { stderr: false });
    const first = new MqttConnection(settings, 'unused', () => {}, quiet);
    const second = new MqttConnection(settings, 'unused', () => {}, quiet);
    try {
      first.start();
      await waitFor('first connected', async () => (first.isConnected() ? true : undefined), 10_000);
      second.start();
      const health = await waitFor('the takeover reported', async () => {
        const h = first.health(Date.now());
        return h.last_error?.includes('client id') ? h : undefined;
      }, 20_000);
      assert.match(health.last_error ?? '', /another client is connected with the client id "emberwatch-same-id"/);
      assert.notEqual(health.state, 'connected');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await broker.stop();
    }
  });
});
