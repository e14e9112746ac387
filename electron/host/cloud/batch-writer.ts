import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { DynamoApi } from './dynamo-client';
import type { DynamoItem } from './attribute-values';

// BatchWriteItem as DynamoDB wants it: at most 25 puts per call, no key twice in one call, and the
// items it hands back unprocessed (throttling, a partition busy) sent again with exponential backoff.

export const BATCH_LIMIT = 25;

export interface BatchWriteOptions {
  /** Calls per chunk, the first included, before the rest is handed back (default 6). */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Calls in flight at once (default 1). Safe because no key appears twice in one write: the order
   * of items with different keys does not matter to DynamoDB.
   */
  readonly concurrency?: number;
}

export interface BatchWriteResult {
  readonly written: number;
  readonly calls: number;
  /** Items still not written after the retries, in their original order (the caller keeps them). */
  readonly unprocessed: ReadonlyArray<DynamoItem>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** 50 ms, 100 ms, 200 ms … up to the cap, with up to a quarter of jitter so consoles do not retry in step. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.75 + random() * 0.25));
}

function keyText(item: DynamoItem, keys: ReadonlyArray<string>): string {
  return keys.map((k) => JSON.stringify(item[k] ?? null)).join('|');
}

/** One put per key: a later item for the same key replaces the earlier one, at the later one's place. */
export function dedupeByKey(items: ReadonlyArray<DynamoItem>, keys: ReadonlyArray<string>): DynamoItem[] {
  const last = new Map<string, number>();
  items.forEach((item, i) => last.set(keyText(item, keys), i));
  return items.filter((item, i) => last.get(keyText(item, keys)) === i);
}

export function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function putRequests(items: ReadonlyArray<DynamoItem>): WriteRequest[] {
  return items.map((Item) => ({ PutRequest: { Item } }));
}

function itemsOf(requests: ReadonlyArray<WriteRequest> | undefined): DynamoItem[] {
  const out: DynamoItem[] = [];
  for (const request of requests ?? []) {
    const item = request.PutRequest?.Item as Record<string, AttributeValue> | undefined;
    if (item) out.push(item);
  }
  return out;
}

/**
 * Puts `items` into `table`. Errors of a call (the network, the breaker) are thrown to the caller,
 * who still holds every item: puts are idempotent, so sending again what did arrive is harmless.
 */
export async function batchWrite(
  api: Pick<DynamoApi, 'batchWrite'>,
  table: string,
  items: ReadonlyArray<DynamoItem>,
  keys: ReadonlyArray<string>,
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  const maxAttempts = options.maxAttempts ?? 6;
  const base = options.baseDelayMs ?? 50;
  const cap = options.maxDelayMs ?? 2_000;
  const sleep = options.sleep ?? defaultSleep;
  const chunks = chunk(dedupeByKey(items, keys), BATCH_LIMIT);
  let written = 0;
  let calls = 0;
  /** One chunk until it is taken, or what is still unprocessed after the last attempt. */
  const writeChunk = async (items: DynamoItem[]): Promise<DynamoItem[]> => {
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(retryDelay(attempt - 1, base, cap));
      calls += 1;
      const output = await api.batchWrite({ RequestItems: { [table]: putRequests(pending) } });
      const left = itemsOf(output.UnprocessedItems?.[table]);
      written += pending.length - left.length;
      pending = left;
      if (pending.length > 0 && attempt >= maxAttempts) return pending;
    }
    return [];
  };
  const width = Math.max(1, options.concurrency ?? 1);
  for (let c = 0; c < chunks.length; c += width) {
    const wave = chunks.slice(c, c + width);
    const left = (await Promise.all(wave.map((items) => writeChunk(items)))).flat();
    if (left.length > 0) return { written, calls, unprocessed: [...left, ...chunks.slice(c + width).flat()] };
  }
  return { written, calls, unprocessed: [] };
}
