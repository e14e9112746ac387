import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HostFlags } from './parse-args';
import { UsageError } from './parse-args';
import type { ConnectionSettings, Settings } from './settings';
import { parseScenarioSpec } from '../../../shared/simulator/scenario-spec';

export const DEFAULT_PORT = 5780;
export const DEFAULT_HOST = '127.0.0.1';
export const DEVICE_DATA_TOPIC = 'fire-prediction/device/+/data';

export interface DemoConfig {
  readonly devices: number;
  readonly periodS: number;
  readonly zones: number;
  readonly seed: number;
  /** The simulator's scenario (shared/simulator SCENARIO_SPEC_HELP). */
  readonly scenario: string;
}

/** Everything the host needs to start, after flag > environment > settings file > default. */
export interface HostConfig {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly connections: ReadonlyArray<ConnectionSettings>;
  /** The demo fleet to run, or null (a broker is configured, or demo is off). */
  readonly demo: DemoConfig | null;
  readonly token: string | null;
  readonly kiosk: boolean;
  readonly language: 'en' | 'ko';
  readonly siteName: string;
  readonly scoring: Readonly<Record<string, unknown>>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The data directory is needed before settings can be read, so it is resolved on its own. */
export function resolveDataDir(flags: HostFlags, env: Env, fallback?: string): string {
  const chosen = flags.dataDir ?? nonEmpty(env.EMBERWATCH_DATA_DIR) ?? flags.defaultDataDir ?? fallback ?? join(homedir(), '.emberwatch');
  return resolve(chosen);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function envPort(env: Env): number | undefined {
  const text = nonEmpty(env.EMBERWATCH_PORT);
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`EMBERWATCH_PORT must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

function envDemo(env: Env): boolean | undefined {
  const text = nonEmpty(env.EMBERWATCH_DEMO);
  if (text === undefined) return undefined;
  if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
  if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  throw new UsageError(`EMBERWATCH_DEMO must be 0 or 1, got ${JSON.stringify(text)}`);
}

function checkBrokerUrl(url: string, origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${origin} is not a URL: ${JSON.stringify(url)}`);
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    throw new UsageError(`${origin} must start with mqtt://, mqtts://, ws:// or wss://, got ${JSON.stringify(url)}`);
  }
  return url;
}

function checkScenario(spec: string): string {
  try {
    parseScenarioSpec(spec);
  } catch (error) {
    throw new UsageError(`demo scenario: ${(error as Error).message}`);
  }
  return spec;
}

export function resolveHostConfig(flags: HostFlags, env: Env, settings: Settings, dataDir: string): HostConfig {
  const urlFromFlag = flags.mqttUrl !== undefined ? checkBrokerUrl(flags.mqttUrl, '--mqtt-url') : undefined;
  const urlFromEnv = nonEmpty(env.EMBERWATCH_MQTT_URL);
  const singleUrl = urlFromFlag ?? (urlFromEnv !== undefined ? checkBrokerUrl(urlFromEnv, 'EMBERWATCH_MQTT_URL') : undefined);
  const connections: ReadonlyArray<ConnectionSettings> =
    singleUrl !== undefined
      ? [{ id: 'primary', url: singleUrl, topics: [DEVICE_DATA_TOPIC], qos: 1 }]
      : settings.mqtt.connections.map((c) => ({ ...c, url: checkBrokerUrl(c.url, `settings mqtt.connections "${c.id}".url`) }));
  const demoWanted = flags.demo ?? envDemo(env) ?? settings.demo.enabled;
  const demo: DemoConfig | null =
    connections.length === 0 && demoWanted
      ? {
          devices: flags.demoDevices ?? settings.demo.devices,
          periodS: flags.demoPeriodS ?? settings.demo.period_s,
          zones: settings.demo.zones,
          seed: settings.demo.seed,
          scenario: checkScenario(flags.demoScenario ?? settings.demo.scenario),
        }
      : null;
  return {
    dataDir,
    port: flags.port ?? envPort(env) ?? settings.server.port ?? DEFAULT_PORT,
    host: flags.host ?? nonEmpty(env.EMBERWATCH_HOST) ?? settings.server.host ?? DEFAULT_HOST,
    connections,
    demo,
    token: nonEmpty(env.EMBERWATCH_TOKEN) ?? null,
    kiosk: flags.kiosk ?? false,
    language: flags.language ?? settings.ui.language,
    siteName: settings.site.name,
    scoring: settings.scoring,
  };
}
