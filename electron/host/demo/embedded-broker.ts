import { Aedes } from 'aedes';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

export interface EmbeddedBroker {
  /** mqtt://127.0.0.1:<port> — a free port chosen at start, since a Mosquitto may own 1883. */
  readonly url: string;
  close(): Promise<void>;
}

/** An in-process MQTT broker on loopback only, for the demo fleet when no broker is configured. */
export async function startEmbeddedBroker(): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({ drainTimeout: 30_000 });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: async (): Promise<void> => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
