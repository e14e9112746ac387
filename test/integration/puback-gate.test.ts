import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectAsync } from 'mqtt';
import type { ConnectionSettings } from '../../electron/host/config/settings';
import type { Acknowledge } from '../../electron/host/ingest/mqtt-connection';
import { MqttConnection } from '../../electron/host/ingest/mqtt-connection';
import { installPubackGate } from '../../electron/host/ingest/puback-gate';
import { createLogger } from '../../electron/host/log/logger';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import { waitFor } from '../support/serve-process';

// A QoS 1 message is acknowledged only when the console says it is safe: the broker must deliver
// an unacknowledged one again after a reconnect, and must not deliver an acknowledged one twice.

interface Received {
  readonly payload: string;
  readonly ack: Acknowledge;
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
        first[1]?.ack(new Error('the commit failed')); // stays unacknowledged
        first[2]?.ack(null);
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

describe('PUBACKs released together', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  let broker: Mosquitto;

  before(async () => {
    broker = await startMosquitto();
  });

  after(async () => {
    await broker?.stop();
  });

  test('a commit\'s PUBACKs leave in one socket write, one well-formed packet per message', async () => {
    // Within Mosquitto's default window of unacknowledged messages (20), so all arrive before any PUBACK.
    const MESSAGES = 15;
    const consoleClient = await connectAsync(broker.url, { clientId: 'gate-batch', clean: false, protocolVersion: 5 });
    const device = await connectAsync(broker.url, { clientId: 'gate-batch-device' });
    try {
      const gate = installPubackGate(consoleClient);
      gate.newConnection();
      const releases: Array<{ readonly id: number; readonly release: () => void }> = [];
      consoleClient.handleMessage = (packet, callback): void => {
        if (packet.qos === 1 && packet.messageId !== undefined) releases.push({ id: packet.messageId, release: gate.hold(packet.messageId) });
        callback();
      };
      await consoleClient.subscribeAsync('fire-prediction/device/+/data', { qos: 1 });
      for (let i = 0; i < MESSAGES; i += 1) await device.publishAsync('fire-prediction/device/D/data', `m${i}`, { qos: 1 });
      await waitFor(`${MESSAGES} messages`, async () => (releases.length === MESSAGES ? true : undefined), 10_000);
      assert.equal(gate.pending(), MESSAGES);

      const stream = (consoleClient as unknown as { stream: { write: (chunk: Uint8Array) => boolean } }).stream;
      const writes: Buffer[] = [];
      const write = stream.write.bind(stream);
      stream.write = (chunk: Uint8Array): boolean => {
        writes.push(Buffer.from(chunk));
        return write(chunk);
      };
      for (const r of releases) r.release();
      releases[0]?.release(); // a second release of the same message sends nothing more
      await new Promise((r) => setImmediate(r));

      assert.equal(writes.length, 1);
      const expected = Buffer.concat(releases.map((r) => Buffer.from([0x40, 0x02, r.id >> 8, r.id & 0xff])));
      assert.deepEqual(writes[0], expected);
      assert.equal(gate.pending(), 0);
      // The broker took them as PUBACKs: the connection is still up, and nothing comes again.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(consoleClient.connected, true);
      assert.equal(releases.length, MESSAGES);
    } finally {
      await Promise.all([consoleClient.endAsync(true), device.endAsync()]);
    }
  });
});
