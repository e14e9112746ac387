import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { CloudTables } from './cloud-config';

// The seed's tables (part 1.3's CloudFormation) as CreateTable inputs, for DynamoDB Local and
// compatible servers (and the tests). In AWS the seed's templates create them (PAY_PER_REQUEST,
// TTL on `ttl`); the console never creates or changes tables there.

/** Servers that insist on provisioned capacity (dynalite) get a token amount. */
const TOKEN_THROUGHPUT = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

function stringKeys(hash: string, range?: string): Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema'> {
  return {
    AttributeDefinitions: [
      { AttributeName: hash, AttributeType: 'S' },
      ...(range ? [{ AttributeName: range, AttributeType: 'S' as const }] : []),
    ],
    KeySchema: [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])],
  };
}

export function seedTableDefinitions(tables: CloudTables, billing: 'provisioned' | 'on-demand' = 'on-demand'): CreateTableCommandInput[] {
  const capacity: Partial<CreateTableCommandInput> =
    billing === 'provisioned' ? { ProvisionedThroughput: TOKEN_THROUGHPUT } : { BillingMode: 'PAY_PER_REQUEST' };
  return [
    { TableName: tables.raw_data, ...stringKeys('device_id', 'timestamp'), ...capacity },
    { TableName: tables.device_state, ...stringKeys('device_id'), ...capacity },
    { TableName: tables.alerts, ...stringKeys('device_id', 'alert_timestamp'), ...capacity },
  ];
}

/** Tables whose items expire on their `ttl` attribute (RawData 30 days, Alerts 90, as the rows say). */
export function ttlTables(tables: CloudTables): string[] {
  return [tables.raw_data, tables.alerts];
}
