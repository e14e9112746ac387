import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';

// A separate process that publishes device readings as fast as the broker takes them, over several
// connections, with the publish time as each reading's timestamp (epoch ms) so the receiving side
// can measure publish → stored latency. Prints one JSON line when done, with its own CPU time.
//   node --import tsx publisher.ts URL MESSAGES CONNECTIONS DEVICES
//
// It shares the machine with the console it measures, so it is kept cheap: payloads from a
// template rather than JSON.stringify, and callbacks rather than a promise per message.

const [url, countText, connectionsText, devicesText] = process.argv.slice(2);
const total = Number(countText);
const connections = Number(connectionsText ?? 4);
const devices = Number(devicesText ?? 1000);
/** Unacknowledged publishes per connection. */
const WINDOW = 200;

/** A device never stamps two readings with the same millisecond (the store would take the second as a correction). */
const lastStamp = new Map<string, number>();
function stampFor(deviceId: string): number {
  const at = Math.max(Date.now(), (lastStamp.get(deviceId) ?? 0) + 1);
  lastStamp.set(deviceId, at);
  return at;
}

/** The timestamp goes last: the receiving side reads it from the end of the bytes. */
function payload(deviceId: string, idx: number): string {
  return `{"deviceId":"${deviceId}","idx":${idx},"status":0,"volt":221.3,"voltLow":219.6,"ct":9.8,"zct":0.7,"rzct":0.4,"pwr":2.1,"pcbTemp":35.2,"sensorTemp":37.9,"co":4.1,"voc":120.4,"pFct":0.97,"aArc":0,"timestamp":${stampFor(deviceId)}}`;
}

/** Publishes messages c, c + connections, … on one connection: each device on one connection only, in order. */
function publishShare(client: MqttClient, first: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = first;
    let inFlight = 0;
    let failed = false;
    const pump = (): void => {
      while (inFlight < WINDOW && next < total) {
        const id = `BENCH${(next % devices).toString().padStart(5, '0')}`;
        const idx = Math.floor(next / devices);
        next += connections;
        inFlight += 1;
        client.publish(`fire-prediction/device/${id}/data`, payload(id, idx), { qos: 1 }, (error) => {
          inFlight -= 1;
          if (error && !failed) {
            failed = true;
            reject(error);
            return;
          }
          if (next >= total && inFlight === 0) resolve();
          else pump();
        });
      }
    };
    if (first >= total) resolve();
    else pump();
  });
}

async function main(): Promise<void> {
  const clients = await Promise.all(Array.from({ length: connections }, (_, i) => connectAsync(url as string, { clientId: `bench-pub-${process.pid}-${i}`, clean: true })));
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  await Promise.all(clients.map((client, c) => publishShare(client, c)));
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(clients.map((c) => c.endAsync()));
  process.stdout.write(`${JSON.stringify({ published: total, seconds, cpu_ms: (cpu.user + cpu.system) / 1000 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`publisher failed: ${String(error)}\n`);
  process.exit(1);
});
