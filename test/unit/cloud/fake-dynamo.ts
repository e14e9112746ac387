import type { AttributeValue, BatchWriteItemCommandOutput, PutItemCommandOutput, QueryCommandOutput, ScanCommandOutput, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { DynamoApi } from '../../../electron/host/cloud/dynamo-client';
import type { DynamoItem } from '../../../electron/host/cloud/attribute-values';

type Item = Record<string, AttributeValue>;

const KEYS: Readonly<Record<string, ReadonlyArray<string>>> = { raw: ['device_id', 'timestamp'], state: ['device_id'], alerts: ['device_id', 'alert_timestamp'] };

function keyOf(table: string, item: Item): string {
  const keys = KEYS[table.includes('Alert') ? 'alerts' : table.includes('State') ? 'state' : 'raw'] ?? [];
  return keys.map((k) => item[k]?.S ?? '').join('|');
}

function named(name: string, message = name): Error {
  return Object.assign(new Error(message), { name });
}

/**
 * An in-memory stand-in for the few DynamoDB calls the cloud link makes. `fail` decides, per call,
 * to throw (an outage, a refusal) before anything is written.
 */
export class FakeDynamo implements DynamoApi {
  readonly tables = new Map<string, Map<string, Item>>();
  readonly calls: Array<{ op: string; table: string; items: number }> = [];
  fail: ((op: string, table: string, items: ReadonlyArray<Item>) => Error | null) | null = null;

  table(name: string): Map<string, Item> {
    let t = this.tables.get(name);
    if (!t) {
      t = new Map();
      this.tables.set(name, t);
    }
    return t;
  }

  async batchWrite(input: { RequestItems?: Record<string, WriteRequest[]> }): Promise<BatchWriteItemCommandOutput> {
    const [table, requests] = Object.entries(input.RequestItems ?? {})[0] as [string, WriteRequest[]];
    const items = requests.map((r) => r.PutRequest?.Item as Item);
    this.calls.push({ op: 'batchWrite', table, items: items.length });
    const error = this.fail?.('batchWrite', table, items);
    if (error) throw error;
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(table, item);
      if (seen.has(key)) throw named('ValidationException', 'Provided list of item keys contains duplicates');
      seen.add(key);
    }
    for (const item of items) this.table(table).set(keyOf(table, item), item);
    return { $metadata: {}, UnprocessedItems: {} };
  }

  async put(input: { TableName?: string; Item?: Item; ExpressionAttributeValues?: Record<string, AttributeValue> }): Promise<PutItemCommandOutput> {
    const table = input.TableName as string;
    const item = input.Item as Item;
    this.calls.push({ op: 'put', table, items: 1 });
    const error = this.fail?.('put', table, [item]);
    if (error) throw error;
    const existing = this.table(table).get(keyOf(table, item));
    if (existing) {
      // The cloud link's alert condition: same alarm, and not older than what is there.
      const values = input.ExpressionAttributeValues ?? {};
      const sameAlarm = existing.alarm_id?.S === values[':alarm_id']?.S;
      const notOlder = existing.last_change_ms === undefined || Number(existing.last_change_ms.N) <= Number(values[':last_change_ms']?.N);
      if (!(sameAlarm && notOlder)) throw named('ConditionalCheckFailedException');
    }
    this.table(table).set(keyOf(table, item), item);
    return { $metadata: {} };
  }

  async query(input: { TableName?: string; ExpressionAttributeValues?: Record<string, AttributeValue> }): Promise<QueryCommandOutput> {
    const table = input.TableName as string;
    this.calls.push({ op: 'query', table, items: 0 });
    const error = this.fail?.('query', table, []);
    if (error) throw error;
    const v = input.ExpressionAttributeValues ?? {};
    const rows = [...this.table(table).values()].filter((i) => i.device_id?.S === v[':d']?.S && (i.timestamp?.S ?? '') >= (v[':from']?.S ?? '') && (i.timestamp?.S ?? '') <= (v[':to']?.S ?? ''));
    return { $metadata: {}, Items: rows.sort((a, b) => ((a.timestamp?.S ?? '') < (b.timestamp?.S ?? '') ? -1 : 1)) };
  }

  async scan(input: { TableName?: string }): Promise<ScanCommandOutput> {
    const table = input.TableName as string;
    this.calls.push({ op: 'scan', table, items: 0 });
    const error = this.fail?.('scan', table, []);
    if (error) throw error;
    return { $metadata: {}, Items: [...this.table(table).values()] };
  }

  destroy(): void {}

  count(table: string): number {
    return this.table(table).size;
  }
}

export const outage = (): Error => named('TimeoutError', 'connect ECONNREFUSED 127.0.0.1:8000');
export const refusal = (): Error => named('ValidationException', 'One or more parameter values were invalid');
export type { DynamoItem };
