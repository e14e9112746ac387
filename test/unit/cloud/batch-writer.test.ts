import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BatchWriteItemCommandInput, BatchWriteItemCommandOutput, WriteRequest } from '@aws-sdk/client-dynamodb';
import { BATCH_LIMIT, batchWrite, dedupeByKey, retryDelay } from '../../../electron/host/cloud/batch-writer';
import type { DynamoItem } from '../../../electron/host/cloud/attribute-values';
import { toItem } from '../../../electron/host/cloud/attribute-values';

const KEYS = ['device_id', 'timestamp'];

function items(n: number, device = 'D'): DynamoItem[] {
  return Array.from({ length: n }, (_, i) => toItem({ device_id: device, timestamp: String(i).padStart(4, '0'), v: i }));
}

/** A stand-in that refuses `refuse(call, request)` items as unprocessed and records every call. */
function fakeApi(refuse: (call: number, items: DynamoItem[]) => DynamoItem[] = () => []): {
  api: { batchWrite(input: BatchWriteItemCommandInput): Promise<BatchWriteItemCommandOutput> };
  calls: DynamoItem[][];
} {
  const calls: DynamoItem[][] = [];
  return {
    calls,
    api: {
      async batchWrite(input) {
        const [table, requests] = Object.entries(input.RequestItems ?? {})[0] as [string, WriteRequest[]];
        const sent = requests.map((r) => r.PutRequest?.Item as DynamoItem);
        calls.push(sent);
        const left = refuse(calls.length, sent);
        return { UnprocessedItems: left.length > 0 ? { [table]: left.map((Item) => ({ PutRequest: { Item } })) } : {}, $metadata: {} };
      },
    },
  };
}

const noSleep = { sleep: async (): Promise<void> => {} };

describe('BatchWriteItem batching', () => {
  it('sends at most 25 puts per call, in order', async () => {
    const { api, calls } = fakeApi();
    const result = await batchWrite(api, 'T', items(60), KEYS, noSleep);
    assert.deepEqual(calls.map((c) => c.length), [25, 25, 10]);
    assert.equal(BATCH_LIMIT, 25);
    assert.equal(result.written, 60);
    assert.deepEqual(result.unprocessed, []);
    assert.deepEqual(calls.flat().map((i) => i.timestamp?.S), items(60).map((i) => i.timestamp?.S));
  });

  it('never puts one key twice in a call (DynamoDB refuses that): the later item wins', () => {
    const a = toItem({ device_id: 'D', timestamp: '1', v: 1 });
    const b = toItem({ device_id: 'D', timestamp: '2', v: 2 });
    const a2 = toItem({ device_id: 'D', timestamp: '1', v: 3 });
    assert.deepEqual(dedupeByKey([a, b, a2], KEYS), [b, a2]);
  });

  it('sends unprocessed items again, with growing delays, until they are taken', async () => {
    const delays: number[] = [];
    // The first two calls leave the last 5 items unprocessed (throttling).
    const { api, calls } = fakeApi((call, sent) => (call <= 2 ? sent.slice(-5) : []));
    const result = await batchWrite(api, 'T', items(20), KEYS, { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100, maxDelayMs: 10_000 });
    assert.deepEqual(calls.map((c) => c.length), [20, 5, 5]);
    assert.equal(result.written, 20);
    assert.equal(delays.length, 2);
    assert.ok((delays[0] as number) >= 75 && (delays[0] as number) <= 100, `first delay ${delays[0]}`);
    assert.ok((delays[1] as number) >= 150 && (delays[1] as number) <= 200, `second delay ${delays[1]}`);
  });

  it('hands back what is still unprocessed after the last attempt, with the chunks not yet sent', async () => {
    const { api, calls } = fakeApi((call, sent) => (call <= 10 ? sent.slice(0, 2) : []));
    const result = await batchWrite(api, 'T', items(30), KEYS, { ...noSleep, maxAttempts: 3 });
    assert.equal(calls.length, 3, 'the first chunk three times; the second never');
    assert.equal(result.written, 23);
    assert.equal(result.unprocessed.length, 7);
    assert.deepEqual(result.unprocessed.slice(2).map((i) => i.timestamp?.S), ['0025', '0026', '0027', '0028', '0029']);
  });

  it('a backlog goes out several calls at once, none with a key another call has', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const api = {
      async batchWrite(input: BatchWriteItemCommandInput): Promise<BatchWriteItemCommandOutput> {
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (const r of Object.values(input.RequestItems ?? {})[0] ?? []) seen.push(`${r.PutRequest?.Item?.device_id?.S}|${r.PutRequest?.Item?.timestamp?.S}`);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return { $metadata: {}, UnprocessedItems: {} };
      },
    };
    const result = await batchWrite(api, 'T', [...items(100), ...items(10)], KEYS, { ...noSleep, concurrency: 3 });
    assert.equal(most, 3);
    assert.equal(result.calls, 4);
    assert.equal(seen.length, 100);
    assert.equal(new Set(seen).size, 100);
  });

    it('backoff doubles from the base up to the cap', () => {
    const fixed = (): number => 1;
    assert.deepEqual([1, 2, 3, 4, 10].map((n) => retryDelay(n, 50, 300, fixed)), [50, 100, 200, 300, 300]);
  });
});
