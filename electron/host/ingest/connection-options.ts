import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { ConnectionSettings } from '../config/settings';

/** AWS IoT Core's documented per-connection limits. */
export const AWS_IOT_LIMITS = { publishesPerSecond: 100, subscriptions: 50, payloadBytes: 128 * 1024 } as const;
/** MQTT 5 receive maximum we ask for by default: the broker may keep this many QoS 1 messages in flight to us. */
export const RECEIVE_MAXIMUM = 1000;

export function isAwsIotEndpoint(url: string): boolean {
  try {
    return /\.iot\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The publish-rate limit to show against, when the broker has one we know. */
export function rateLimitFor(settings: ConnectionSettings): number | null {
  if (settings.limit_per_s !== undefined) return settings.limit_per_s;
  return isAwsIotEndpoint(settings.url) ? AWS_IOT_LIMITS.publishesPerSecond : null;
}

export class ConnectionConfigError extends Error {
  constructor(connectionId: string, message: string) {
    super(`connection "${connectionId}": ${message}`);
    this.name = 'ConnectionConfigError';
  }
}

function readPem(connectionId: string, what: string, file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConnectionConfigError(connectionId, `cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
}

function ignoreTrace(): void {}

function mqttTraceWanted(): boolean {
  return (process.env.DEBUG ?? '').includes('mqttjs');
}

/**
 * mqtt.js options for one connection. Sessions are persistent (clean=false, and in MQTT 5 an expiry)
 * so that what devices publish while the console is away is delivered when it returns; the client id
 * must therefore be the same at every start.
 */
export function buildClientOptions(settings: ConnectionSettings, clientId: string): IClientOptions {
  const url = new URL(settings.url);
  const tls = url.protocol === 'mqtts:' || url.protocol === 'wss:';
  const version = settings.protocol_version ?? 5;
  const options: IClientOptions = {
    clientId,
    protocolVersion: version,
    clean: settings.clean_session ?? false,
    keepalive: settings.keepalive_s ?? 30,
    connectTimeout: 15_000,
    // Reconnection is scheduled by MqttConnection with jittered backoff, not at a fixed period.
    reconnectPeriod: 0,
    resubscribe: true,
    queueQoSZero: false,
    // mqtt.js traces every packet through `debug`; even switched off that costs about a microsecond
    // per message at full rate. Its trace stays available with DEBUG=mqttjs*.
    ...(mqttTraceWanted() ? {} : { log: ignoreTrace }),
    ...(settings.username !== undefined ? { username: settings.username } : {}),
  };
  if (settings.password_file !== undefined) {
    const password = readPem(settings.id, 'password', settings.password_file);
    if (password) options.password = password.toString('utf8').replace(/\r?\n$/, '');
  }
  if (version === 5) {
    options.properties = {
      sessionExpiryInterval: settings.session_expiry_s ?? 24 * 3600,
      receiveMaximum: settings.receive_maximum ?? RECEIVE_MAXIMUM,
      maximumPacketSize: AWS_IOT_LIMITS.payloadBytes + 1024,
    };
  }
  if (tls) {
    const ca = readPem(settings.id, 'CA certificate', settings.ca_file);
    const cert = readPem(settings.id, 'client certificate', settings.cert_file);
    const key = readPem(settings.id, 'private key', settings.key_file);
    if ((cert === undefined) !== (key === undefined)) {
      throw new ConnectionConfigError(settings.id, 'a client certificate needs its private key, and a key its certificate');
    }
    Object.assign(options, {
      rejectUnauthorized: true,
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
    });
    // AWS IoT Core accepts MQTT with client certificates on 443 only with this ALPN name.
    const alpn = settings.alpn ?? (isAwsIotEndpoint(settings.url) && url.port === '443' ? ['x-amzn-mqtt-ca'] : undefined);
    if (alpn) options.ALPNProtocols = [...alpn];
  } else if (settings.ca_file || settings.cert_file || settings.key_file) {
    throw new ConnectionConfigError(settings.id, `certificates are set but ${settings.url} is not a TLS URL (use mqtts:// or wss://)`);
  }
  return options;
}
