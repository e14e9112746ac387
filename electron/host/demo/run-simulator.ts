import { connect } from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { createSimulation, REGISTRY_TOPIC } from '../../../shared/simulator';
import type { DeviceRegistry, Simulation, Spelling, TimestampFormat } from '../../../shared/simulator';

export interface StartSimulatorOptions {
  readonly url: string;
  readonly devices: number;
  readonly periodS: number;
  readonly zones: number;
  readonly seed?: number;
  /** See SCENARIO_SPEC_HELP; default `mix`. */
  readonly scenario?: string;
  readonly periodJitter?: number;
  readonly mixStaggerS?: number;
  readonly qos?: 0 | 1 | 2;
  readonly spelling?: Spelling;
  readonly timestamps?: TimestampFormat;
  readonly verifySts?: boolean;
  /** Extra mqtt.js options (credentials, TLS material, client id). */
  readonly mqtt?: IClientOptions;
  /** How long to keep trying to reach the broker before giving up (default 15 s). */
  readonly connectTimeoutMs?: number;
  /** Reports beyond this many queued, unconfirmed publishes are dropped (default 20,000). */
  readonly maxPending?: number;
  /** Connection trouble after the start; the simulator keeps going and mqtt.js reconnects. */
  readonly onError?: (error: Error) => void;
}

export interface SimulatorStats {
  /** Reports the simulation produced. */
  readonly generated: number;
  /** Publishes the client confirmed (written for QoS 0, acknowledged for QoS 1 and 2). */
  readonly sent: number;
  readonly pending: number;
  /** Reports dropped because too many publishes were waiting. */
  readonly dropped: number;
  readonly failed: number;
  readonly connected: boolean;
}

export interface RunningSimulator {
  readonly registry: DeviceRegistry;
  readonly simulation: Simulation;
  stats(): SimulatorStats;
  /** Stops ticking, lets queued publishes finish (briefly), and disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/** How often the real-time loop asks the simulation for due reports. */
const TICK_MS = 100;
/** After a stall longer than this (a sleeping laptop), skip the backlog rather than flood the broker. */
const MAX_CATCH_UP_MS = 30_000;
const STOP_GRACE_MS = 3_000;

function waitForConnect(client: MqttClient, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: Error | null = null;
    const finish = (error: Error | null): void => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onConnect = (): void => finish(null);
    // Refused or unreachable: mqtt.js retries by itself; remember why, in case the time runs out.
    const onError = (error: Error): void => {
      lastError = error;
    };
    const timer = setTimeout(() => {
      const why = lastError ? `: ${lastError.message}` : '';
      finish(new Error(`cannot connect to ${url} within ${Math.round(timeoutMs / 1000)} s${why}`));
    }, timeoutMs);
    client.on('connect', onConnect);
    client.on('error', onError);
  });
}

/**
 * Runs a simulated fleet against a broker in real time: publishes the registry (retained) first,
 * then every report as it falls due. The CLI and the host's demo fleet both run through here.
 */
export async function startSimulator(options: StartSimulatorOptions): Promise<RunningSimulator> {
  const simulation = createSimulation({
    devices: options.devices,
    zones: options.zones,
    periodS: options.periodS,
    seed: options.seed ?? 1,
    scenario: options.scenario ?? 'mix',
    ...(options.periodJitter !== undefined ? { periodJitter: options.periodJitter } : {}),
    ...(options.mixStaggerS !== undefined ? { mixStaggerS: options.mixStaggerS } : {}),
    spelling: options.spelling ?? 'device',
    timestamps: options.timestamps ?? 'iso',
    verifySts: options.verifySts ?? false,
    maxCatchUpMs: MAX_CATCH_UP_MS,
  });
  const qos = options.qos ?? 1;
  const maxPending = options.maxPending ?? 20_000;
  const registryText = JSON.stringify(simulation.registry);

  const client = connect(options.url, {
    clientId: `emberwatch-sim-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    ...options.mqtt,
  });
  try {
    await waitForConnect(client, options.url, options.connectTimeoutMs ?? 15_000);
  } catch (error) {
    client.end(true);
    throw error;
  }

  let generated = 0;
  let sent = 0;
  let pending = 0;
  let dropped = 0;
  let failed = 0;
  const report = options.onError ?? ((): void => undefined);
  client.on('error', (error) => report(error));

  const publishRegistry = (): Promise<void> =>
    new Promise((resolve, reject) => {
      client.publish(REGISTRY_TOPIC, registryText, { qos: 1, retain: true }, (error) => (error ? reject(error) : resolve()));
    });
  await publishRegistry();
  // A broker restarted without persistence has lost the retained registry; give it back.
  client.on('connect', () => {
    publishRegistry().catch((error: unknown) => report(error instanceof Error ? error : new Error(String(error))));
  });

  const tick = (): void => {
    for (const message of simulation.tick(Date.now())) {
      generated += 1;
      if (pending >= maxPending) {
        dropped += 1;
        continue;
      }
      pending += 1;
      client.publish(message.topic, JSON.stringify(message.payload), { qos }, (error) => {
        pending -= 1;
        if (error) failed += 1;
        else sent += 1;
      });
    }
  };
  tick();
  const timer = setInterval(tick, TICK_MS);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async (): Promise<void> => {
      clearInterval(timer);
      const deadline = Date.now() + STOP_GRACE_MS;
      while (pending > 0 && client.connected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Unacknowledged publishes left after the grace period (a broker that has gone away) would
      // make a graceful end wait forever, so those are abandoned.
      await client.endAsync(pending > 0 || !client.connected);
    })();
    return stopping;
  };

  return {
    registry: simulation.registry,
    simulation,
    stats: () => ({ generated, sent, pending, dropped, failed, connected: client.connected }),
    stop,
  };
}
