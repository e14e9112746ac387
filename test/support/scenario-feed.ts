import { connect } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { createSimulation, REGISTRY_TOPIC } from '../../shared/simulator';
import type { DeviceRegistry, Simulation } from '../../shared/simulator';

// A simulated fleet with forced scenarios, published to a broker the console under test listens
// to. The run is back-dated: its first `backfillS` seconds are published at once (in event-time
// order, as a site's broker would hand over a backlog), so a scenario that takes half an hour to
// develop — a zone heating up — is there when the test starts, with the history behind it.

export interface ScenarioFeedOptions {
  readonly url: string;
  readonly devices: number;
  readonly zones: number;
  readonly periodS: number;
  readonly seed: number;
  /** `overcurrent:DEV0002;zone-heating:DEV0019` … (see SCENARIO_SPEC_HELP). */
  readonly scenario: string;
  readonly backfillS: number;
}

export interface ScenarioFeed {
  readonly registry: DeviceRegistry;
  readonly simulation: Simulation;
  /** Messages published so far. */
  published(): number;
  stop(): Promise<void>;
}

function publish(client: MqttClient, topic: string, payload: string, retain = false): Promise<void> {
  return new Promise((resolve, reject) => {
    client.publish(topic, payload, { qos: 1, retain }, (error) => (error ? reject(error) : resolve()));
  });
}

export async function startScenarioFeed(options: ScenarioFeedOptions): Promise<ScenarioFeed> {
  const now = Date.now();
  const simulation = createSimulation({
    devices: options.devices,
    zones: options.zones,
    periodS: options.periodS,
    seed: options.seed,
    scenario: options.scenario,
    startMs: now - options.backfillS * 1000,
  });
  const client = connect(options.url, { clientId: `emberwatch-test-feed-${process.pid}-${now.toString(36)}`, reconnectPeriod: 500 });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`feed could not reach ${options.url}`)), 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await publish(client, REGISTRY_TOPIC, JSON.stringify(simulation.registry), true);
  let published = 0;
  // The backlog in slices, so the broker's in-flight window is never overrun.
  const backlog = simulation.tick(Date.now());
  for (let i = 0; i < backlog.length; i += 200) {
    await Promise.all(backlog.slice(i, i + 200).map((m) => publish(client, m.topic, JSON.stringify(m.payload))));
    published += Math.min(200, backlog.length - i);
  }
  let stopped = false;
  let pending: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    const due = simulation.tick(Date.now());
    pending = Promise.all(due.map((m) => publish(client, m.topic, JSON.stringify(m.payload)).then(() => (published += 1))));
  }, 200);
  return {
    registry: simulation.registry,
    simulation,
    published: () => published,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await pending.catch(() => undefined);
      await client.endAsync();
    },
  };
}
