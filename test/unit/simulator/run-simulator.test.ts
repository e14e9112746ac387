import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { startEmbeddedBroker } from '../../../electron/host/demo/embedded-broker';
import type { EmbeddedBroker } from '../../../electron/host/demo/embedded-broker';
import { startSimulator } from '../../../electron/host/demo/run-simulator';

describe('startSimulator against a broker', () => {
  let broker: EmbeddedBroker;
  let subscriber: MqttClient;
  const received: { topic: string; payload: Record<string, unknown>; retain: boolean }[] = [];

  before(async () => {
    broker = await startEmbeddedBroker();
  });
  after(async () => {
    await subscriber?.endAsync();
    await broker.close();
  });

  it('publishes the registry retained, then every device on its own topic, and stops cleanly', async () => {
    const sim = await startSimulator({ url: broker.url, devices: 12, periodS: 0.2, zones: 3, seed: 9, scenario: 'comm-loss:DEV0001' });
    subscriber = await connectAsync(broker.url);
    subscriber.on('message', (topic, payload, packet) => {
      received.push({ topic, payload: JSON.parse(payload.toString()) as Record<string, unknown>, retain: packet.retain });
    });
    await subscriber.subscribeAsync('fire-prediction/#', { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await sim.stop();
    await sim.stop();

    const registry = received.find((m) => m.topic === 'fire-prediction/registry');
    assert.ok(registry?.retain, 'registry arrives as a retained message');
    assert.deepEqual(registry.payload, JSON.parse(JSON.stringify(sim.registry)));
    const data = received.filter((m) => m.topic.endsWith('/data'));
    for (const device of sim.registry.devices.slice(1)) {
      assert.ok(data.filter((m) => m.payload['deviceId'] === device.id).length >= 5, `${device.id} reports`);
    }
    const lost = data.filter((m) => m.payload['deviceId'] === 'DEV0001');
    assert.ok(lost.length <= 3 && lost.every((m) => Number(m.payload['status']) >= 4096), 'comm-loss: flagged, then silent');
    for (const m of data) {
      assert.equal(m.topic, `fire-prediction/device/${String(m.payload['deviceId'])}/data`);
    }
    const stats = sim.stats();
    assert.equal(stats.pending, 0);
    assert.equal(stats.dropped, 0);
    assert.ok(stats.sent >= 11 * 5, `sent ${stats.sent}`);
    assert.equal(stats.connected, false);

    const countAfterStop = received.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(received.length, countAfterStop, 'nothing is published after stop');
  });

  it('fails clearly when the broker cannot be reached', async () => {
    await assert.rejects(
      startSimulator({ url: 'mqtt://127.0.0.1:1', devices: 1, periodS: 1, zones: 1, connectTimeoutMs: 1500 }),
      /cannot connect to mqtt:\/\/127\.0\.0\.1:1/,
    );
  });
});
