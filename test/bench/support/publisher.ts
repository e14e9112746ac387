import type { Socket } from 'node:net';
import { connect } from 'node:net';

// A separate process that publishes device readings as fast as the broker takes them, over several
// connections, with the publish time as each reading's timestamp (epoch ms) so the receiving side
// can measure publish → stored latency. Prints one JSON line when done, with its own CPU time.
//   node --import tsx publisher.ts URL MESSAGES CONNECTIONS DEVICES [FIRST]
// FIRST numbers the first message (default 0), so a second run goes on where a warm-up ended: each
// device's idx and timestamps keep rising.
//
// It shares a 2-core machine with the broker and the console it measures, so it is a load
// generator, not a client library: it speaks just enough MQTT 3.1.1 over a plain socket (CONNECT,
// QoS 1 PUBLISH, PUBACK, DISCONNECT), builds each packet straight into one buffer per burst and
// writes the burst in one call. A general client (mqtt.js) took 15–19 µs of CPU per message here,
// a third of a core at 30,000 messages/s, taken from the console under test.

const [url, countText, connectionsText, devicesText, firstText] = process.argv.slice(2);
const first = Number(firstText ?? 0);
/** One past the last message's number. */
const end = first + Number(countText);
const connections = Number(connectionsText ?? 4);
const devices = Number(devicesText ?? 1000);
/** Unacknowledged publishes per connection. */
const WINDOW = 200;
const KEEPALIVE_S = 60;

const CONNECT = 0x10;
const CONNACK = 0x20;
const PUBLISH_QOS1 = 0x32;
const PUBACK = 0x40;
const DISCONNECT = Buffer.from([0xe0, 0x00]);

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

/** MQTT's variable-length "remaining length" (1 to 4 bytes), written at `at`; returns the next offset. */
function writeRemainingLength(buffer: Buffer, at: number, length: number): number {
  let rest = length;
  let offset = at;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    buffer[offset++] = byte;
  } while (rest > 0);
  return offset;
}

function remainingLengthBytes(length: number): number {
  return length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;
}

function connectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const body = Buffer.alloc(10 + 2 + id.length);
  body.write('\u0000\u0004MQTT', 0, 'latin1');
  body[6] = 4; // protocol level: 3.1.1
  body[7] = 0x02; // clean session
  body.writeUInt16BE(KEEPALIVE_S, 8);
  body.writeUInt16BE(id.length, 10);
  id.copy(body, 12);
  const packet = Buffer.alloc(1 + remainingLengthBytes(body.length) + body.length);
  packet[0] = CONNECT;
  body.copy(packet, writeRemainingLength(packet, 1, body.length));
  return packet;
}

/** One connection's share: messages c, c + connections, … — each device on one connection only, in order. */
class Share {
  private next: number;
  private inFlight = 0;
  private packetId = 0;
  private pending: Buffer = Buffer.alloc(0);
  private connected = false;

  constructor(
    private readonly socket: Socket,
    firstMessage: number,
    private readonly onConnected: () => void,
    private readonly onDone: () => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.next = firstMessage;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', onError);
    socket.on('close', () => {
      if (this.next < end || this.inFlight > 0) onError(new Error('the broker closed the connection'));
    });
  }

  finished(): boolean {
    return this.next >= end && this.inFlight === 0;
  }

  /** Fills the window with one write. */
  pump(): void {
    const packets: Buffer[] = [];
    while (this.inFlight < WINDOW && this.next < end) {
      const id = `BENCH${(this.next % devices).toString().padStart(5, '0')}`;
      const idx = Math.floor(this.next / devices);
      this.next += connections;
      this.inFlight += 1;
      packets.push(this.publishPacket(`fire-prediction/device/${id}/data`, payload(id, idx)));
    }
    if (packets.length > 0) this.socket.write(packets.length === 1 ? (packets[0] as Buffer) : Buffer.concat(packets));
  }

  private publishPacket(topic: string, body: string): Buffer {
    const topicBytes = Buffer.byteLength(topic, 'latin1');
    const bodyBytes = Buffer.byteLength(body, 'utf8');
    const remaining = 2 + topicBytes + 2 + bodyBytes;
    const packet = Buffer.allocUnsafe(1 + remainingLengthBytes(remaining) + remaining);
    packet[0] = PUBLISH_QOS1;
    let at = writeRemainingLength(packet, 1, remaining);
    at = packet.writeUInt16BE(topicBytes, at);
    at += packet.write(topic, at, 'latin1');
    this.packetId = this.packetId === 0xffff ? 1 : this.packetId + 1;
    at = packet.writeUInt16BE(this.packetId, at);
    packet.write(body, at, 'utf8');
    return packet;
  }

  /** Takes whole packets from the stream: CONNACK once, then PUBACKs (anything else is skipped). */
  private read(chunk: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let acked = 0;
    for (;;) {
      if (data.length < 2) break;
      let length = 0;
      let multiplier = 1;
      let at = 1;
      let complete = false;
      while (at < data.length && at <= 4) {
        const byte = data[at++] as number;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete || data.length < at + length) break;
      const type = (data[0] as number) & 0xf0;
      if (type === CONNACK) {
        const code = data[at + 1] as number;
        if (code !== 0) {
          this.onError(new Error(`the broker refused the connection (CONNACK ${code})`));
          return;
        }
        this.connected = true;
        this.onConnected();
      } else if (type === PUBACK) {
        acked += 1;
      }
      data = data.subarray(at + length);
    }
    this.pending = data.length > 0 ? Buffer.from(data) : Buffer.alloc(0);
    if (acked === 0 || !this.connected) return;
    this.inFlight -= acked;
    if (this.finished()) this.onDone();
    else this.pump();
  }
}

interface Opened {
  readonly socket: Socket;
  readonly connected: Promise<void>;
  readonly done: Promise<Share>;
}

function open(host: string, port: number, clientId: string, firstMessage: number, started: Promise<void>): Opened {
  let onConnected = (): void => {};
  let onDone = (): void => {};
  let onError = (_error: Error): void => {};
  const connected = new Promise<void>((resolve, reject) => {
    onConnected = resolve;
    onError = reject;
  });
  const socket = connect(port, host);
  let share: Share | null = null;
  const done = new Promise<Share>((resolve, reject) => {
    const fail = (error: Error): void => {
      onError(error);
      reject(error);
    };
    share = new Share(socket, firstMessage, () => onConnected(), () => onDone(), fail);
    onDone = () => resolve(share as Share);
  });
  socket.once('connect', () => socket.write(connectPacket(clientId)));
  // Every connection starts publishing together, once all are connected.
  void started.then(() => {
    if (firstMessage >= end) onDone();
    else share?.pump();
  }, () => {});
  return { socket, connected, done };
}

async function main(): Promise<void> {
  const target = new URL(url as string);
  if (target.protocol !== 'mqtt:') throw new Error(`the bench publisher speaks plain mqtt:// only, not ${target.protocol}`);
  let go = (): void => {};
  const started = new Promise<void>((resolve) => (go = resolve));
  const shares = Array.from({ length: connections }, (_, i) => open(target.hostname, Number(target.port || 1883), `bench-pub-${process.pid}-${i}`, first + i, started));
  await Promise.all(shares.map((s) => s.connected));
  const cpuBefore = process.cpuUsage();
  const startedAt = Date.now();
  go();
  await Promise.all(shares.map((s) => s.done));
  const seconds = (Date.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(shares.map((s) => new Promise<void>((resolve) => s.socket.end(DISCONNECT, resolve))));
  process.stdout.write(`${JSON.stringify({ published: end - first, seconds, cpu_ms: (cpu.user + cpu.system) / 1000 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`publisher failed: ${String(error)}\n`);
  process.exit(1);
});
