import { BatchWriteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type {
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DynamoDBClientConfig,
  PutItemCommandInput,
  PutItemCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { CircuitBreaker } from './circuit-breaker';
import type { CloudConfig } from './cloud-config';

/** The DynamoDB calls the cloud link makes; small enough to stand in for in unit tests. */
export interface DynamoApi {
  batchWrite(input: BatchWriteItemCommandInput): Promise<BatchWriteItemCommandOutput>;
  put(input: PutItemCommandInput): Promise<PutItemCommandOutput>;
  query(input: QueryCommandInput): Promise<QueryCommandOutput>;
  scan(input: ScanCommandInput): Promise<ScanCommandOutput>;
  destroy(): void;
}

/** Compatible servers ignore the region, but the SDK will not sign without one. */
const REGION_FOR_LOCAL_ENDPOINTS = 'us-east-1';

/**
 * The SDK client from the standard chain: region and profile (the SDK also reads AWS_REGION,
 * AWS_PROFILE and the shared files itself), static credentials when settings give them, and an
 * endpoint for DynamoDB Local or another compatible server. Retries are ours (outbox and breaker),
 * so the SDK makes one attempt, and a hung endpoint fails within the request timeout.
 */
export function createDynamoClient(config: CloudConfig, secretAccessKey: string | undefined): DynamoDBClient {
  const options: DynamoDBClientConfig = {
    maxAttempts: 1,
    requestHandler: { requestTimeout: config.requestTimeoutMs, connectionTimeout: Math.min(config.requestTimeoutMs, 5_000) },
  };
  const region = config.region ?? (config.endpoint !== undefined ? REGION_FOR_LOCAL_ENDPOINTS : undefined);
  if (region !== undefined) options.region = region;
  if (config.endpoint !== undefined) options.endpoint = config.endpoint;
  if (config.accessKeyId !== undefined && secretAccessKey !== undefined) {
    options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey };
  } else if (config.profile !== undefined) {
    options.profile = config.profile;
  }
  return new DynamoDBClient(options);
}

export function dynamoApi(client: DynamoDBClient): DynamoApi {
  return {
    batchWrite: (input) => client.send(new BatchWriteItemCommand(input)),
    put: (input) => client.send(new PutItemCommand(input)),
    query: (input) => client.send(new QueryCommand(input)),
    scan: (input) => client.send(new ScanCommand(input)),
    destroy: () => client.destroy(),
  };
}

/** Every call through the breaker: an open breaker refuses without touching the network. */
export function guardedApi(api: DynamoApi, breaker: CircuitBreaker): DynamoApi {
  return {
    batchWrite: (input) => breaker.run(() => api.batchWrite(input)),
    put: (input) => breaker.run(() => api.put(input)),
    query: (input) => breaker.run(() => api.query(input)),
    scan: (input) => breaker.run(() => api.scan(input)),
    destroy: () => api.destroy(),
  };
}
