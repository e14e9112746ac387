import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTables } from '../../electron/host/cloud/cloud-config';
import { seedTableDefinitions } from '../../electron/host/cloud/seed-tables';

// A real DynamoDB-compatible server (dynalite) for the cloud tests, kept on disk so that it can be
// stopped mid-test and started again on the same port with its tables and items.

export interface Dynalite {
  readonly endpoint: string;
  readonly port: number;
  /** A client that talks to it with throwaway credentials. */
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
  /** Starts it again on the same port, with everything it held. */
  start(): Promise<void>;
  running(): boolean;
}

function listen(server: Server, port: number): Promise<number> {
  // A stop waits for requests under way; a kept-alive connection should not hold it for long after.
  server.keepAliveTimeout = 200;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets of the SDK would hold the server open; a request under way is
    // answered first (dynalite's store must not close under a running request).
    server.closeIdleConnections();
  });
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-not-real' };

export async function startDynalite(): Promise<Dynalite> {
  const path = mkdtempSync(join(tmpdir(), 'emberwatch-dynalite-'));
  let server: Server | null = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, 0);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  return {
    endpoint,
    port,
    client,
    running: () => server !== null,
    async stop(): Promise<void> {
      if (!server) return;
      const s = server;
      server = null;
      await close(s);
    },
    async start(): Promise<void> {
      if (server) return;
      server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
      await listen(server, port);
    },
  };
}

/** The seed's three tables (dynalite wants provisioned capacity). */
export async function createSeedTables(client: DynamoDBClient, tables: CloudTables): Promise<void> {
  for (const definition of seedTableDefinitions(tables, 'provisioned')) await client.send(new CreateTableCommand(definition));
}

export async function scanAll(client: DynamoDBClient, table: string): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
