import { randomBytes } from 'node:crypto';
import type { IClientOptions, MqttClient } from 'mqtt';
import { connect } from 'mqtt';
import type { ConnectionHealth, ConnectionState } from '../../../shared/protocol';
import { REGISTRY_TOPIC } from '../../../shared/fleet/registry';
import type { ConnectionSettings } from '../config/settings';
import type { Logger } from '../log/logger';
import { RateMeter } from './rate-meter';

export type MessageHandler = (connectionId: string, topic: string, payload: Uint8Array, receivedAtMs: number) => void;

/** AWS IoT Core's per-connection publish limit; other brokers have none we know of. */
const AWS_IOT_LIMIT_PER_S = 100;

function limitFor(url: string): number | null {
  return /\.iot\.[a-z0-9-]+\.amazonaws\.com/i.test(url) ? AWS_IOT_LIMIT_PER_S : null;
}

/** Hides credentials so a URL can be shown and logged. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * One broker connection: subscribes to the device topics and the registry, reconnects by itself,
 * and reports its state and message rate for the health panel.
 */
export class MqttConnection {
  readonly id: string;
  private readonly settings: ConnectionSettings;
  private readonly onMessage: MessageHandler;
  private readonly log: Logger;
  private readonly rate = new RateMeter();
  private client: MqttClient | null = null;
  private state: ConnectionState = 'connecting';
  private messages = 0;
  private lastError: string | null = null;
  private readonly onStateChange: () => void;

  constructor(settings: ConnectionSettings, onMessage: MessageHandler, log: Logger, onStateChange: () => void = () => {}) {
    this.id = settings.id;
    this.settings = settings;
    this.onMessage = onMessage;
    this.log = log;
    this.onStateChange = onStateChange;
  }

  start(): void {
    const options: IClientOptions = {
      clientId: this.settings.client_id ?? `emberwatch-${randomBytes(4).toString('hex')}`,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      keepalive: 30,
      ...(this.settings.username !== undefined ? { username: this.settings.username } : {}),
    };
    const client = connect(this.settings.url, options);
    this.client = client;
    client.on('connect', () => {
      this.setState('connected');
      const topics = [...this.settings.topics, REGISTRY_TOPIC];
      const qos = this.settings.qos;
      client.subscribe(topics.map((t) => t), { qos }, (error) => {
        if (error) {
          this.lastError = `subscribe failed: ${error.message}`;
          this.log.error('mqtt subscribe failed', { connection: this.id, error: error.message });
        }
      });
      this.log.info('mqtt connected', { connection: this.id, url: displayUrl(this.settings.url) });
    });
    client.on('reconnect', () => this.setState('reconnecting'));
    client.on('offline', () => this.setState('offline'));
    client.on('close', () => {
      if (this.state === 'connected') this.setState('reconnecting');
    });
    client.on('error', (error) => {
      this.lastError = error.message;
      this.log.warn('mqtt error', { connection: this.id, error: error.message });
    });
    client.on('message', (topic, payload) => {
      const now = Date.now();
      this.messages += 1;
      this.rate.add(now);
      this.onMessage(this.id, topic, payload, now);
    });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.onStateChange();
  }

  health(nowMs: number): ConnectionHealth {
    return {
      id: this.id,
      url: displayUrl(this.settings.url),
      state: this.state,
      messages: this.messages,
      rate_per_s: this.rate.perSecond(nowMs),
      limit_per_s: limitFor(this.settings.url),
      last_error: this.lastError,
    };
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.state = 'closed';
    if (client) await client.endAsync(true);
  }
}
