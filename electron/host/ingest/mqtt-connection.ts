import type { IClientOptions, MqttClient } from 'mqtt';
import { connect } from 'mqtt';
import type { ConnectionHealth, ConnectionState } from '../../../shared/protocol';
import { REGISTRY_TOPIC } from '../../../shared/fleet/registry';
import type { ConnectionSettings } from '../config/settings';
import type { Logger } from '../log/logger';
import type { Backoff } from './backoff';
import { createBackoff } from './backoff';
import { AWS_IOT_LIMITS, buildClientOptions, isAwsIotEndpoint, rateLimitFor } from './connection-options';
import type { FlowControl } from './flow-control';
import { UNBOUNDED_FLOW } from './flow-control';
import type { PubackGate } from './puback-gate';
import { installPubackGate } from './puback-gate';
import { RateMeter } from './rate-meter';

/**
 * Lets the broker's QoS 1 acknowledgement go once the message is safely stored (or quarantined, or
 * known to be a duplicate): called with no argument or null. Called with an error (the commit
 * failed) it does nothing, and the broker delivers the message again. For QoS 0 it does nothing.
 * It has the shape of the store's commit callback, so it can be handed to ingest as it is.
 */
export type Acknowledge = (error?: Error | null) => void;

/** Called for every message. */
export type MessageHandler = (connectionId: string, topic: string, payload: Uint8Array, receivedAtMs: number, ack: Acknowledge) => void;

const NOTHING_TO_ACKNOWLEDGE: Acknowledge = () => {};

/** A connection that stays up this long has recovered: the next failure starts from the short delay. */
const STABLE_AFTER_MS = 30_000;
/** Closed this soon after connecting, this many times in a row: someone else uses our client id. */
const FLAP_WINDOW_MS = 5_000;
const FLAPS_FOR_TAKEOVER = 3;
/** MQTT 5 DISCONNECT reason "Session taken over". */
const SESSION_TAKEN_OVER = 0x8e;
/** Warn when a connection carries this share of its broker's rate limit. */
const LIMIT_WARNING_SHARE = 0.8;
const LIMIT_WARNING_INTERVAL_MS = 60_000;

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
 * One broker connection: a persistent session, subscriptions to the device topics and the registry,
 * reconnection with jittered backoff, and the figures the health panel shows.
 */
export class MqttConnection {
  readonly id: string;
  readonly clientId: string;
  private readonly settings: ConnectionSettings;
  private readonly onMessage: MessageHandler;
  private readonly log: Logger;
  private readonly onStateChange: () => void;
  private readonly rate = new RateMeter();
  private readonly backoff: Backoff = createBackoff();
  private client: MqttClient | null = null;
  private gate: PubackGate | null = null;
  private state: ConnectionState = 'connecting';
  private messages = 0;
  private lastError: string | null = null;
  private connectedAtMs: number | null = null;
  private shortLivedInARow = 0;
  private takenOver = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private lastLimitWarningMs = 0;
  private stopped = false;
  private lastMessageAtMs: number | null = null;
  /** The broker's publish rate limit for this connection; worked out once, not per message (it parses the URL). */
  private readonly rateLimit: number | null;
  /** Topics subscribed besides the device data and the registry (the alarm stations' shared actions). */
  private readonly extraTopics: string[] = [];

  constructor(
    settings: ConnectionSettings,
    clientId: string,
    onMessage: MessageHandler,
    log: Logger,
    onStateChange: () => void = () => {},
    private readonly flow: FlowControl = UNBOUNDED_FLOW,
  ) {
    this.id = settings.id;
    this.rateLimit = rateLimitFor(settings);
    this.clientId = settings.client_id ?? clientId;
    this.settings = settings;
    this.onMessage = onMessage;
    this.log = log;
    this.onStateChange = onStateChange;
  }

  start(): void {
    const options: IClientOptions = buildClientOptions(this.settings, this.clientId);
    const client = connect(this.settings.url, options);
    this.client = client;
    const gate = installPubackGate(client);
    this.gate = gate;
    // mqtt.js calls handleMessage for every publish (any MQTT version) and sends the PUBACK when its
    // callback runs; the gate holds that PUBACK until the reading is committed.
    client.handleMessage = (packet, callback): void => {
      const release = packet.qos === 1 && packet.messageId !== undefined ? gate.hold(packet.messageId) : NOTHING_TO_ACKNOWLEDGE;
      this.deliver(packet.topic, packet.payload as Uint8Array, release);
      // mqtt.js reads the next packet only once this runs: holding it is how the store slows the broker.
      this.flow.admit(callback);
    };
    client.on('connect', (connack) => this.onConnect(client, connack.sessionPresent));
    client.on('close', () => this.onClose());
    client.on('disconnect', (packet) => {
      if (packet.reasonCode === SESSION_TAKEN_OVER) this.markTakeover();
    });
    client.on('error', (error) => {
      this.lastError = error.message;
      this.log.warn('mqtt error', { connection: this.id, error: error.message });
    });
  }

  private deliver(topic: string, payload: Uint8Array, ack: Acknowledge): void {
    const now = Date.now();
    this.lastMessageAtMs = now;
    this.messages += 1;
    this.rate.add(now);
    this.warnNearLimit(now);
    this.onMessage(this.id, topic, payload, now, ack);
  }

  private onConnect(client: MqttClient, sessionPresent: boolean): void {
    this.gate?.newConnection();
    this.connectedAtMs = Date.now();
    this.setState('connected');
    const topics = [...this.settings.topics, REGISTRY_TOPIC, ...this.extraTopics];
    client.subscribe(topics, { qos: this.settings.qos }, (error, granted) => {
      if (error) {
        this.lastError = `subscribe failed: ${error.message}`;
        this.log.error('mqtt subscribe failed', { connection: this.id, error: error.message });
        return;
      }
      const refused = (granted ?? []).filter((g) => g.qos === 128 || (typeof g.qos === 'number' && g.qos > 2));
      if (refused.length > 0) {
        this.lastError = `the broker refused the subscription to ${refused.map((g) => g.topic).join(', ')}: check that the console's credentials may subscribe (AWS IoT: iot:Subscribe on topicfilter/… and iot:Receive on topic/…)`;
        this.log.error('mqtt subscription refused', { connection: this.id, topics: refused.map((g) => g.topic) });
      }
    });
    this.log.info('mqtt connected', { connection: this.id, url: displayUrl(this.settings.url), clientId: this.clientId, sessionPresent });
  }

  private onClose(): void {
    if (this.stopped) return;
    const upFor = this.connectedAtMs === null ? null : Date.now() - this.connectedAtMs;
    this.connectedAtMs = null;
    if (upFor !== null) {
      if (upFor < FLAP_WINDOW_MS) this.shortLivedInARow += 1;
      else this.shortLivedInARow = 0;
      if (upFor >= STABLE_AFTER_MS) {
        this.backoff.reset();
        this.takenOver = false;
      }
      if (this.shortLivedInARow >= FLAPS_FOR_TAKEOVER) this.markTakeover();
    }
    this.setState(this.state === 'connected' ? 'reconnecting' : 'offline');
    this.scheduleReconnect();
  }

  private markTakeover(): void {
    if (this.takenOver) return;
    this.takenOver = true;
    this.lastError = `another client is connected with the client id "${this.clientId}" (the broker keeps only one): give each console its own client_id`;
    this.log.error('duplicate MQTT client id', { connection: this.id, clientId: this.clientId });
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.stopped) return;
    // While another client holds our id, retrying quickly would only knock it off again: wait the longest.
    let delay = this.backoff.next();
    if (this.takenOver) delay = Math.max(delay, 60_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.stopped || !this.client) return;
      this.setState('reconnecting');
      this.client.reconnect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private warnNearLimit(now: number): void {
    const limit = this.rateLimit;
    if (limit === null || now - this.lastLimitWarningMs < LIMIT_WARNING_INTERVAL_MS) return;
    const rate = this.rate.perSecond(now);
    if (rate < limit * LIMIT_WARNING_SHARE) return;
    this.lastLimitWarningMs = now;
    this.log.warn('connection near its broker rate limit', { connection: this.id, rate_per_s: rate, limit_per_s: limit });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.onStateChange();
  }

  /** Subscribes to one more topic filter (QoS 1), now if connected and again on every reconnect. */
  subscribeAlso(topic: string): void {
    if (this.extraTopics.includes(topic)) return;
    this.extraTopics.push(topic);
    if (this.client !== null && this.state === 'connected') {
      this.client.subscribe(topic, { qos: 1 }, (error) => {
        if (error) this.log.error('mqtt subscribe failed', { connection: this.id, topic, error: error.message });
      });
    }
  }

  /** Publishes at QoS 1; resolves once the broker has acknowledged it (mqtt.js queues while offline). */
  publish(topic: string, payload: string): Promise<void> {
    const client = this.client;
    if (client === null) return Promise.reject(new Error(`connection ${this.id} is not started`));
    return new Promise((resolve, reject) => {
      client.publish(topic, payload, { qos: 1 }, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Receive time of the newest message on this connection, or null. */
  lastMessageAt(): number | null {
    return this.lastMessageAtMs;
  }

  isConnected(): boolean {
    return this.state === 'connected';
  }

  /** PUBACKs held for readings not yet committed. */
  pendingAcks(): number {
    return this.gate?.pending() ?? 0;
  }

  health(nowMs: number): ConnectionHealth {
    return {
      id: this.id,
      url: displayUrl(this.settings.url),
      state: this.state,
      messages: this.messages,
      rate_per_s: this.rate.perSecond(nowMs),
      limit_per_s: this.rateLimit,
      last_error: this.lastError,
      // As subscribed on (re)connect: the device topics, the registry, and the alarm system's extras.
      subscriptions: this.settings.topics.length + 1 + this.extraTopics.length,
      subscription_limit: isAwsIotEndpoint(this.settings.url) ? AWS_IOT_LIMITS.subscriptions : null,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    this.state = 'closed';
    if (client) await client.endAsync(true);
  }
}
