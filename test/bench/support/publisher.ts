import { connectAsync } from 'mqtt';

// A separate process that publishes device readings as fast as the broker takes them, over several
// connections, with the publish time as each reading's timestamp (epoch ms) so the receiving side
// can measure publish → stored latency. Prints one JSON line when done.
//   node --import tsx publisher.ts URL MESSAGES CONNECTIONS DEVICES

const [url, countText, connectionsText, devicesText] = process.argv.slice(2);
const total = Number(countText);
const connections = Number(connectionsText ?? 4);
const devices = Number(devicesText ?? 1000);

/** A device never stamps two readings with the same millisecond (the store would take the second as a correction). */
const lastStamp = new Map<string, number>();
function stampFor(deviceId: string): number {
  const at = Math.max(Date.now(), (lastStamp.get(deviceId) ?? 0) + 1);
  lastStamp.set(deviceId, at);
  return at;
}

function payload(deviceId: string, idx: number): string {
  return JSON.stringify({
    deviceId, idx, status: 0, volt: 221.3, voltLow: 219.6, ct: 9.8, zct: 0.7, rzct: 0.4, pwr: 2.1, pcbTemp: 35.2, sensorTemp: 37.9,
    co: 4.1, voc: 120.4, pFct: 0.97, aArc: 0, timestamp: stampFor(deviceId),
  });
}

async function main(): Promise<void> {
  const clients = await Promise.all(Array.from({ length: connections }, (_, i) => connectAsync(url as string, { clientId: `bench-pub-${process.pid}-${i}`, clean: true })));
  const started = Date.now();
  // Message i goes out on connection i % connections, so each device publishes from one connection
  // only, in order, as a real device does: its readings never share a millisecond.
  await Promise.all(clients.map(async (client, c) => {
    const window = 200;
    let sent = 0;
    const inFlight = new Set<Promise<unknown>>();
    for (let i = c; i < total; i += connections) {
      const id = `BENCH${(i % devices).toString().padStart(5, '0')}`;
      const p = client.publishAsync(`fire-prediction/device/${id}/data`, payload(id, Math.floor(i / devices)), { qos: 1 });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      sent += 1;
      if (inFlight.size >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    return sent;
  }));
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.endAsync()));
  process.stdout.write(`${JSON.stringify({ published: total, seconds })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`publisher failed: ${String(error)}\n`);
  process.exit(1);
});
