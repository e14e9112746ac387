import type { SqliteDatabase } from '../store/database';
import type { OutboxEntry } from '../store/outbox-table';
import { outbox } from '../store/outbox-table';
import type { Logger } from '../log/logger';
import type { DynamoItem, PlainItem } from './attribute-values';
import { toItem } from './attribute-values';
import type { BatchWriteOptions } from './batch-writer';
import { BATCH_LIMIT, batchWrite } from './batch-writer';
import type { CircuitBreaker } from './circuit-breaker';
import { errorText } from './circuit-breaker';
import type { CloudTableRole, CloudTables } from './cloud-config';
import { classifyCloudError } from './cloud-errors';
import type { AlertPayload, PutPayload } from './cloud-outbox';
import { ALERT_KIND, PUT_KIND, headEntries, isTableRole, park } from './cloud-outbox';
import type { DynamoApi } from './dynamo-client';
import { ALERTS_KEYS, DEVICE_STATE_KEYS, RAW_DATA_KEYS } from './table-items';

// Sends the cloud link's outbox entries, oldest first. Strictly in order: while the oldest entry
// cannot be sent, nothing behind it is, so a device's writes arrive in the order they were made
// (a newer DeviceState is never overwritten by an older one) and a replay after an outage repeats
// history in order. Consecutive entries for one table are sent together: up to 25 items a
// BatchWriteItem call and up to 8 calls at once, with no key twice among them.

export interface SenderOptions {
  readonly db: SqliteDatabase;
  /** The store's writer: deleting a delivered entry is a write like any other. */
  readonly write: <T>(work: (db: SqliteDatabase) => T) => Promise<T>;
  /** Guarded by the breaker (see dynamo-client.ts guardedApi). */
  readonly api: DynamoApi;
  readonly breaker: CircuitBreaker;
  readonly tables: CloudTables;
  readonly log: Logger;
  readonly now?: () => number;
  readonly batch?: BatchWriteOptions;
  /** Backoff of an entry that failed: base × 2^attempts, capped (defaults 1 s and 60 s). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

export interface SenderStats {
  readonly sent_entries: number;
  readonly sent_items: number;
  readonly last_sent_at: number | null;
  readonly last_error: string | null;
}

type Outcome =
  | { readonly kind: 'delivered'; readonly ids: ReadonlyArray<number>; readonly items: number }
  | { readonly kind: 'retry'; readonly error: string }
  | { readonly kind: 'paused' }
  | { readonly kind: 'refused'; readonly error: string };

const KEYS: Readonly<Record<CloudTableRole, ReadonlyArray<string>>> = {
  raw_data: RAW_DATA_KEYS,
  device_state: DEVICE_STATE_KEYS,
  alerts: ALERTS_KEYS,
};

/** A replay never duplicates (the key is the alarm's), never takes another alarm's row, never rolls a newer state back. */
export const ALERT_CONDITION =
  'attribute_not_exists(device_id) OR (alarm_id = :alarm_id AND (attribute_not_exists(last_change_ms) OR last_change_ms <= :last_change_ms))';

const LOOKAHEAD = 64;
/** BatchWriteItem calls in flight at once while a backlog drains (8 × 25 items). */
export const PARALLEL_CALLS = 8;
/** Stands for a payload that does not parse: it fills a call on its own, and fails there. */
const UNREADABLE: ReadonlyArray<PlainItem> = Object.freeze(new Array<PlainItem>(BATCH_LIMIT * PARALLEL_CALLS).fill({}));

export class OutboxSender {
  private readonly now: () => number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** After an item error in a shared call, the oldest entry goes alone, to find the one refused. */
  private soloHead = false;
  /** The cloud is reachable again: the oldest entry need not wait out its backoff. */
  private resumeEarly = false;
  private sentEntries = 0;
  private sentItems = 0;
  private lastSentAt: number | null = null;
  private lastError: string | null = null;
  private readonly parsed = new Map<number, ReadonlyArray<PlainItem>>();

  constructor(private readonly options: SenderOptions) {
    this.now = options.now ?? Date.now;
    this.retryBaseMs = options.retryBaseMs ?? 1_000;
    this.retryMaxMs = options.retryMaxMs ?? 60_000;
  }

  /** Something was queued, or the cloud may be back: send what is due. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** The cloud answered again (the breaker closed): send now, without waiting for backoffs. */
  resume(): void {
    this.resumeEarly = true;
    this.kick();
  }

  /** Sends until nothing is due (or the breaker stops it); resolves when that pass is over. */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  stats(): SenderStats {
    return { sent_entries: this.sentEntries, sent_items: this.sentItems, last_sent_at: this.lastSentAt, last_error: this.lastError };
  }

  /** No more sending; resolves once a call under way has ended and its outcome is committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (error) {
        // The store closed under us, or a bug: try again later rather than spin.
        this.lastError = errorText(error);
        if (!this.stopped) this.options.log.warn('cloud outbox: sending stopped', { error: this.lastError });
        this.wakeAt(this.now() + this.retryMaxMs);
        return;
      }
    } while (this.again && !this.stopped);
  }

  private wakeAt(atMs: number): void {
    if (this.stopped) return;
    if (this.timer && this.timerAt <= atMs) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = atMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.kick();
    }, Math.max(0, atMs - this.now()));
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    while (!this.stopped) {
      const { breaker } = this.options;
      if (!breaker.allows()) {
        this.wakeAt(breaker.retryAt() ?? this.now() + this.retryBaseMs);
        return;
      }
      const entries = headEntries(this.options.db, LOOKAHEAD);
      const head = entries[0];
      if (!head) return;
      if (head.next_attempt_at > this.now() && !this.resumeEarly) {
        this.wakeAt(head.next_attempt_at);
        return;
      }
      this.resumeEarly = false;
      this.parsed.clear();
      const group = this.group(entries);
      const outcome = await this.send(group);
      if (this.stopped && outcome.kind !== 'delivered') return;
      if (!(await this.settle(head, group, outcome))) return;
    }
  }

  /** The oldest entry, with the entries right behind it that can share its calls. */
  private group(entries: ReadonlyArray<OutboxEntry>): OutboxEntry[] {
    const head = entries[0] as OutboxEntry;
    if (head.kind !== PUT_KIND || this.soloHead) return [head];
    const group = [head];
    let items = this.itemsOf(head).length;
    for (const entry of entries.slice(1)) {
      if (entry.kind !== PUT_KIND || entry.target !== head.target) break;
      const n = this.itemsOf(entry).length;
      if (items + n > BATCH_LIMIT * PARALLEL_CALLS) break;
      group.push(entry);
      items += n;
    }
    return group;
  }

  /** An entry's rows, parsed once per pass; an unreadable payload reads as too large to share a call. */
  private itemsOf(entry: OutboxEntry): ReadonlyArray<PlainItem> {
    let items = this.parsed.get(entry.id);
    if (!items) {
      try {
        items = (JSON.parse(entry.payload) as PutPayload).items;
      } catch {
        items = UNREADABLE;
      }
      this.parsed.set(entry.id, items);
    }
    return items;
  }

  private async send(group: ReadonlyArray<OutboxEntry>): Promise<Outcome> {
    const head = group[0] as OutboxEntry;
    const ids = group.map((e) => e.id);
    if (!isTableRole(head.target)) return { kind: 'refused', error: `unknown table role ${JSON.stringify(head.target)}` };
    const table = this.options.tables[head.target];
    try {
      if (head.kind === ALERT_KIND) {
        const { item } = JSON.parse(head.payload) as AlertPayload;
        const converted = toItem(item);
        await this.options.api.put({
          TableName: table,
          Item: converted,
          ConditionExpression: ALERT_CONDITION,
          ExpressionAttributeValues: {
            ':alarm_id': converted.alarm_id ?? { NULL: true },
            ':last_change_ms': converted.last_change_ms ?? { N: '0' },
          },
        });
        return { kind: 'delivered', ids, items: 1 };
      }
      const items: DynamoItem[] = [];
      for (const entry of group) {
        const records = this.itemsOf(entry);
        // Alone in its group (it counts as full), it is refused and set aside.
        if (records === UNREADABLE) throw new SyntaxError(`entry ${entry.id} does not parse`);
        for (const record of records) items.push(toItem(record));
      }
      // One key once across the whole group: the newest of a device's states is the one sent, and
      // the calls can then go in parallel without an older item overtaking a newer one.
      const result = await batchWrite(this.options.api, table, items, KEYS[head.target], { concurrency: PARALLEL_CALLS, ...this.options.batch });
      if (result.unprocessed.length > 0) {
        return { kind: 'retry', error: `${result.unprocessed.length} of ${items.length} items left unprocessed by DynamoDB after retries (throttled)` };
      }
      return { kind: 'delivered', ids, items: items.length };
    } catch (error) {
      if (error instanceof SyntaxError) return { kind: 'refused', error: `unreadable outbox payload: ${error.message}` };
      switch (classifyCloudError(error)) {
        case 'conditional':
          // A newer state of this alarm, or the same one, is there already.
          return { kind: 'delivered', ids, items: 0 };
        case 'paused':
          return { kind: 'paused' };
        case 'item':
          return { kind: 'refused', error: errorText(error) };
        default:
          return { kind: 'retry', error: errorText(error) };
      }
    }
  }

  /** Commits the outcome; true when sending should go on. */
  private async settle(head: OutboxEntry, group: ReadonlyArray<OutboxEntry>, outcome: Outcome): Promise<boolean> {
    const now = this.now();
    switch (outcome.kind) {
      case 'delivered':
        await this.options.write((db) => {
          for (const id of outcome.ids) outbox.delivered(db, id);
        });
        this.soloHead = false;
        this.sentEntries += outcome.ids.length;
        this.sentItems += outcome.items;
        this.lastSentAt = now;
        this.lastError = null;
        return true;
      case 'paused':
        this.wakeAt(this.options.breaker.retryAt() ?? now + this.retryBaseMs);
        return false;
      case 'retry': {
        const delay = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(head.attempts, 20));
        await this.options.write((db) => outbox.failed(db, head.id, outcome.error, now + delay));
        this.lastError = outcome.error;
        this.options.log.debug('cloud outbox: send failed; will retry', { entry: head.id, attempts: head.attempts + 1, error: outcome.error });
        this.wakeAt(now + delay);
        return false;
      }
      case 'refused':
        if (group.length > 1) {
          this.soloHead = true;
          return true;
        }
        await this.options.write((db) => park(db, head.id, outcome.error));
        this.soloHead = false;
        this.lastError = outcome.error;
        this.options.log.warn('cloud outbox: the cloud refused an entry; it is set aside and not sent again', {
          entry: head.id,
          kind: head.kind,
          table: head.target,
          error: outcome.error,
        });
        return true;
    }
  }
}

