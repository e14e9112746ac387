import type { PublishCommandInput, PublishCommandOutput } from '@aws-sdk/client-sns';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../store/database';
import { outbox } from '../store/outbox-table';
import type { CircuitBreaker } from './circuit-breaker';
import { BreakerOpenError, errorText } from './circuit-breaker';

// Sends the alarm system's escalations to the seed's SNS topics (CRITICAL_ALERT_TOPIC_ARN,
// HIGH_RISK_ALERT_TOPIC_ARN). The alarm system writes them to the outbox (kind 'sns.publish',
// target the topic ARN, payload {"input": PublishCommandInput, "meta": {...}}; see
// electron/host/alarms/escalation-messages.ts); this sends `payload.input` as it is, deletes the
// row once SNS has taken it, and otherwise retries with backoff. An escalation is never set aside:
// a refused one (a wrong topic, missing permission) is retried at the longest interval, because
// someone will fix the setting and the escalation must still arrive.
//
// SNS publishes are not idempotent: a crash between SNS taking a message and the row's deletion
// sends it once more (at least once). On a FIFO topic the escalation key deduplicates it.

export const SNS_KIND = 'sns.publish';

/** The one SNS call made. */
export interface SnsApi {
  publish(input: PublishCommandInput): Promise<PublishCommandOutput>;
  destroy(): void;
}

/** SNS clients are regional: one per topic region. */
export type SnsApiFactory = (region: string) => SnsApi;

interface Row {
  readonly id: number;
  readonly target: string;
  readonly payload: string;
  readonly attempts: number;
}

interface Payload {
  readonly input: PublishCommandInput;
  readonly meta?: { readonly escalation_key?: string; readonly alarm_id?: string };
}

export interface SnsSenderOptions {
  readonly db: SqliteDatabase;
  readonly write: <T>(work: (db: SqliteDatabase) => T) => Promise<T>;
  readonly api: SnsApiFactory;
  readonly breaker: CircuitBreaker;
  readonly log: Logger;
  readonly now?: () => number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** How often the outbox is looked at for new escalations (default 2 s). */
  readonly pollMs?: number;
}

export interface SnsSenderStats {
  readonly delivered: number;
  readonly pending: number;
  readonly last_error: string | null;
}

/** SNS refusing the request itself (not the endpoint failing): not counted against the breaker. */
const REFUSALS: ReadonlySet<string> = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'NotFoundException',
  'AuthorizationErrorException',
  'InvalidSecurityException',
  'EndpointDisabledException',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'ValidationException',
]);

export function isSnsEndpointFailure(error: unknown): boolean {
  if (error instanceof BreakerOpenError) return false;
  return !(error instanceof Error && REFUSALS.has(error.name));
}

/** arn:aws:sns:<region>:<account>:<name> → region, or null. */
export function topicRegion(arn: string): string | null {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[2] === 'sns' && parts[3] ? parts[3] : null;
}

/** The input as stored, with deduplication on FIFO topics (the escalation key), which SNS requires there. */
export function publishInput(payload: Payload): PublishCommandInput {
  const input = payload.input;
  if (!String(input.TopicArn ?? '').endsWith('.fifo') || input.MessageDeduplicationId) return input;
  const key = payload.meta?.escalation_key;
  return key ? { ...input, MessageDeduplicationId: key.slice(0, 128), MessageGroupId: (payload.meta?.alarm_id ?? 'escalation').slice(0, 128) } : input;
}

export class SnsSender {
  private readonly now: () => number;
  private readonly due;
  private readonly clients = new Map<string, SnsApi>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private delivered = 0;
  private lastError: string | null = null;

  constructor(private readonly options: SnsSenderOptions) {
    this.now = options.now ?? Date.now;
    this.due = options.db.prepare('SELECT id, target, payload, attempts FROM cloud_outbox WHERE kind = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 20');
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 2_000);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    if (this.stopped || this.running) return;
    this.running = this.sendDue()
      .catch((error: unknown) => {
        this.lastError = errorText(error);
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Sends every escalation due now; resolves when done (tests). */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  stats(): SnsSenderStats {
    return { delivered: this.delivered, pending: this.pending(), last_error: this.lastError };
  }

  pending(): number {
    return this.options.db.prepare('SELECT count(*) FROM cloud_outbox WHERE kind = ?').pluck().get(SNS_KIND) as number;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.running;
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private client(region: string): SnsApi {
    let client = this.clients.get(region);
    if (!client) {
      client = this.options.api(region);
      this.clients.set(region, client);
    }
    return client;
  }

  private async sendDue(): Promise<void> {
    const rows = this.due.all(SNS_KIND, this.now()) as Row[];
    for (const row of rows) {
      if (this.stopped || !this.options.breaker.allows()) return;
      await this.send(row);
    }
  }

  private retryDelay(attempts: number, refused: boolean): number {
    const max = this.options.retryMaxMs ?? 10 * 60_000;
    if (refused) return max;
    const base = this.options.retryBaseMs ?? 5_000;
    return Math.round(Math.min(max, base * 2 ** Math.min(attempts, 20)) * (0.8 + 0.4 * Math.random()));
  }

  private async send(row: Row): Promise<void> {
    let error: unknown;
    try {
      const payload = JSON.parse(row.payload) as Payload;
      const region = topicRegion(row.target) ?? topicRegion(String(payload.input.TopicArn ?? ''));
      if (region === null) throw Object.assign(new Error(`${row.target} is not an SNS topic ARN`), { name: 'InvalidParameterException' });
      const api = this.client(region);
      await this.options.breaker.run(() => api.publish(publishInput(payload)));
      await this.options.write((db) => outbox.delivered(db, row.id));
      this.delivered += 1;
      this.lastError = null;
      this.options.log.info('escalation published to SNS', { id: row.id, topic: row.target, attempts: row.attempts + 1 });
      return;
    } catch (caught) {
      error = caught;
    }
    if (error instanceof BreakerOpenError) return;
    const refused = error instanceof SyntaxError || !isSnsEndpointFailure(error);
    const text = errorText(error);
    this.lastError = text;
    const delay = this.retryDelay(row.attempts, refused);
    await this.options.write((db) => outbox.failed(db, row.id, text, this.now() + delay));
    this.options.log.warn('escalation to SNS failed; will retry', { id: row.id, topic: row.target, error: text, retry_in_s: Math.round(delay / 1000) });
  }
}
