import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectAsync } from 'mqtt';
import type { ConnectionSettings } from '../../electron/host/config/settings';
import { MqttConnection } from '../../electron/host/ingest/mqtt-connection';
import { createLogger } from '../../electron/host/log/logger';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import { waitFor } from '../support/serve-process';

// A QoS 1 message is acknowledged only when the console says it is safe: the broker must deliver
// an unacknowledged one again after a reconnect, and must not deliver an acknowledged one twice.

interface Received {
  readonly payload: string;
  readonly ack: () => void;
}

function connection(broker: Mosquitto, version: 4 | 5, received: Received[]): MqttConnection {
  const settings: ConnectionSettings = {
    id: 'gate', url: broker.url, topics: ['fire-prediction/device/+/data'], qos: 1, protocol_version: version, clean_session: false,
  };
  return new MqttConnection(settings, `gate-test-v${version}`, (_id, _topic, payload, _at, ack) => {
    received.push({ payload: Buffer.from(payload).toString(), ack });
  }, createLogger(null, { stderr: false }));
}

for (const version of [5, 4] as const) {
  describe(`PUBACK held until commit (MQTT ${version === 5 ? '5' : '3.1.1'})`, { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
    let broker: Mosquitto;

    before(async () => {
      broker = await startMosquitto();
    });

    after(async () => {
      await broker?.stop();
    });

    test('unacknowledged messages come back after a reconnect; acknowledged ones do not', async () => {
      const first: Received[] = [];
      const second: Received[] = [];
      const console1 = connection(broker, version, first);
      const console2 = connection(broker, version, second);
      const device = await connectAsync(broker.url, { clientId: `device-v${version}` });
      try {
        console1.start();
        await waitFor('connected', async () => (console1.isConnected() ? true : undefined), 10_000);
        for (const name of ['m1', 'm2', 'm3', 'm4']) await device.publishAsync('fire-prediction/device/D/data', name, { qos: 1 });
        await waitFor('four messages', async () => (first.length === 4 ? true : undefined), 10_000);
        first[0]?.ack();
        first[2]?.ack();
        await waitFor('two PUBACKs sent, two held', async () => (console1.pendingAcks() === 2 ? true : undefined), 10_000);
        await new Promise((r) => setTimeout(r, 200));
        await console1.stop();

        console2.start();
        await waitFor('redelivery of the held messages', async () => (second.length >= 2 ? true : undefined), 10_000);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(second.map((r) => r.payload).sort(), ['m2', 'm4']);
        for (const r of second) r.ack();
      } finally {
        await Promise.all([console1.stop(), console2.stop(), device.endAsync()]);
      }
    });
  });
}
