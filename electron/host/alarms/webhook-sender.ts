import type { SqliteDatabase } from '../store/database';
import { WEBHOOK_OUTBOX_KIND } from './escalation-messages';

// Delivers escalation webhooks from the cloud outbox: HTTP POST of the stored JSON body, an
// Idempotency-Key header (the escalation key, so a receiver can drop a repeat), retried with
// exponential backoff and jitter until the receiver answers 2xx. Rows stay in the outbox until
// then, so a restart or an outage delays an escalation but never loses it. 4xx other than 408 and
// 429 is still retried, at the longest interval: a misconfigured receiver gets fixed, and the
// escalation must arrive when it is.

export interface OutboxWriter {
  run<T>(work: (db: SqliteDatabase) => T): Promise<T>;
}

export interface WebhookSenderOptions {
  readonly db: SqliteDatabase;
  readonly writer: OutboxWriter;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs (±20 % jitter). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly random?: () => number;
  readonly log?: { warn(message: string, fields?: Record<string, unknown>): void; info(message: string, fields?: Record<string, unknown>): void };
}

interface Row {
  readonly id: number;
  readonly target: string;
  readonly payload: string;
  readonly attempts: number;
}

export interface WebhookSenderStats {
  readonly delivered: number;
  readonly failures: number;
  readonly last_error: string | null;
}

export class WebhookSender {
  private readonly options: WebhookSenderOptions;
  private readonly now: () => number;
  private readonly due;
  private running = false;
  private delivered = 0;
  private failures = 0;
  private lastError: string | null = null;

  constructor(options: WebhookSenderOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.due = options.db.prepare(`SELECT id, target, payload, attempts FROM cloud_outbox WHERE kind = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 20`);
  }

  /** The delay before attempt `attempts + 1`. */
  retryDelay(attempts: number): number {
    const base = this.options.baseDelayMs ?? 5_000;
    const max = this.options.maxDelayMs ?? 10 * 60_000;
    const raw = Math.min(max, base * 2 ** Math.min(attempts, 20));
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.round(raw * jitter);
  }

  stats(): WebhookSenderStats {
    return { delivered: this.delivered, failures: this.failures, last_error: this.lastError };
  }

  /** Sends every entry due now, one at a time, in order; returns how many were delivered. */
  async sendDue(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      const rows = this.due.all(WEBHOOK_OUTBOX_KIND, this.now()) as Row[];
      for (const row of rows) if (await this.send(row)) sent += 1;
    } finally {
      this.running = false;
    }
    return sent;
  }

  private async send(row: Row): Promise<boolean> {
    const doFetch = this.options.fetch ?? fetch;
    let key = '';
    try {
      key = String((JSON.parse(row.payload) as { escalation_key?: unknown }).escalation_key ?? '');
    } catch {
      key = '';
    }
    let error: string | null = null;
    let permanent = false;
    try {
      const response = await doFetch(row.target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Emberwatch', ...(key === '' ? {} : { 'Idempotency-Key': key }) },
        body: row.payload,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        await this.options.writer.run((db) => db.prepare('DELETE FROM cloud_outbox WHERE id = ?').run(row.id));
        this.delivered += 1;
        this.options.log?.info('escalation webhook delivered', { id: row.id, attempts: row.attempts + 1 });
        return true;
      }
      error = `HTTP ${response.status}`;
      permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    this.failures += 1;
    this.lastError = error;
    const delay = permanent ? (this.options.maxDelayMs ?? 10 * 60_000) : this.retryDelay(row.attempts);
    const next = this.now() + delay;
    await this.options.writer.run((db) =>
      db.prepare('UPDATE cloud_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, next, row.id),
    );
    this.options.log?.warn('escalation webhook failed; will retry', { id: row.id, error, retry_in_s: Math.round(delay / 1000) });
    return false;
  }

  pending(): number {
    return this.options.db.prepare('SELECT count(*) FROM cloud_outbox WHERE kind = ?').pluck().get(WEBHOOK_OUTBOX_KIND) as number;
  }
}
