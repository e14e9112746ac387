import type { AttributeValue } from '@aws-sdk/client-dynamodb';

// Plain values ⇄ DynamoDB attribute values, as the seed's `convert_to_dynamodb_format` and boto3
// wrote them: objects as maps (M), lists as lists (L), every number as a number (N, the float's
// shortest decimal text, like Python's `Decimal(str(x))`), booleans as BOOL, None as NULL.
//
// Where boto3 would have refused (NaN, ±Infinity, magnitudes DynamoDB cannot hold), the value is
// written as NULL: a reading whose arithmetic gave NaN is still worth mirroring, and the local store
// keeps NaN the same way (as NULL).

export type PlainValue = string | number | boolean | null | ReadonlyArray<PlainValue> | { readonly [key: string]: PlainValue | undefined };
export type PlainItem = { readonly [key: string]: PlainValue | undefined };
export type DynamoItem = Record<string, AttributeValue>;

/** DynamoDB numbers: 38 significant digits, magnitudes from 1E-130 to 9.9999999999999999999999999999999999999E+125. */
const MAX_MAGNITUDE = 9.9999999999999999999999999999999999999e125;
const MIN_MAGNITUDE = 1e-130;

/** The number's text as DynamoDB should store it, or null when DynamoDB cannot hold it. */
export function numberText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude > MAX_MAGNITUDE || magnitude < MIN_MAGNITUDE) return null;
  return String(value);
}

export function toAttributeValue(value: PlainValue | undefined): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number': {
      const text = numberText(value);
      return text === null ? { NULL: true } : { N: text };
    }
    default:
      break;
  }
  if (Array.isArray(value)) return { L: (value as ReadonlyArray<PlainValue>).map((v) => toAttributeValue(v)) };
  return { M: toItem(value as PlainItem) };
}

/** A plain record as a DynamoDB item. Keys whose value is undefined are left out (as boto3 never sees them). */
export function toItem(record: PlainItem): DynamoItem {
  const item: DynamoItem = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    item[key] = toAttributeValue(value);
  }
  return item;
}

export function fromAttributeValue(value: AttributeValue): PlainValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return fromItem(value.M);
  if (value.L !== undefined) return value.L.map((v) => fromAttributeValue(v));
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map((n) => Number(n));
  // Binary values are not part of the seed's tables; they are kept out rather than guessed at.
  return null;
}

export function fromItem(item: Readonly<Record<string, AttributeValue>>): { [key: string]: PlainValue } {
  const record: { [key: string]: PlainValue } = {};
  for (const [key, value] of Object.entries(item)) record[key] = fromAttributeValue(value);
  return record;
}
