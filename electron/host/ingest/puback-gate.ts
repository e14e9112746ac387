import type { MqttClient } from 'mqtt';

/**
 * Holds each QoS 1 PUBACK until the reading it acknowledges is committed to the store, so a message
 * is never acknowledged to the broker and then lost in a crash.
 *
 * mqtt.js handles incoming packets one at a time and sends the PUBACK itself once its message
 * handler returns; waiting there would let through one message per commit. Instead the message is
 * taken at once, and the PUBACK mqtt.js then sends is swallowed here. The gate sends its own when
 * `release` is called: every PUBACK released in one turn of the event loop (a commit releases a
 * whole group) goes out in a single socket write. A PUBACK with reason code 0 and no properties is
 * the same four bytes in MQTT 3.1.1 and 5 (MQTT 5 §3.4.2.1 lets both be omitted); building it here
 * rather than through mqtt.js's packet writer saves the four small writes and the tick each took.
 *
 * A PUBACK held across a reconnect is dropped: its packet id belongs to the old connection, and the
 * broker redelivers the message on the new one (the store ignores the second copy).
 */
export interface PubackGate {
  /**
   * Marks a packet id as awaiting commit; returns the function that lets its PUBACK go (called with
   * an error, the commit failed: the PUBACK stays held, and the broker redelivers after a reconnect).
   */
  hold(messageId: number): (error?: Error | null) => void;
  /** Call on every (re)connect: PUBACKs of the previous connection are dropped. */
  newConnection(): void;
  /** PUBACKs currently held (for health and tests). */
  pending(): number;
}

interface PacketLike {
  readonly cmd: string;
  readonly messageId?: number;
}

type SendPacket = (packet: PacketLike, cb?: (error?: Error) => void, cbStorePut?: unknown, noStore?: boolean) => void;

interface WritableLike {
  readonly destroyed?: boolean;
  write(chunk: Uint8Array): boolean;
}

const PUBACK_HEADER = 0x40;
const PUBACK_BYTES = 4;

export function installPubackGate(client: MqttClient): PubackGate {
  const internals = client as unknown as { _sendPacket: SendPacket; stream: WritableLike | undefined };
  const original: SendPacket = internals._sendPacket.bind(client);
  if (typeof original !== 'function') throw new Error('this mqtt.js has no _sendPacket; the PUBACK gate cannot be installed');
  let generation = 0;
  let held = 0;
  /** Packet ids released and not yet written, all of the current connection. */
  let due: number[] = [];
  let flushScheduled = false;

  const flush = (): void => {
    flushScheduled = false;
    const ids = due;
    due = [];
    const stream = internals.stream;
    if (ids.length === 0 || !client.connected || stream === undefined || stream.destroyed === true) return;
    const packets = Buffer.allocUnsafe(ids.length * PUBACK_BYTES);
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i] as number;
      const at = i * PUBACK_BYTES;
      packets[at] = PUBACK_HEADER;
      packets[at + 1] = 2;
      packets[at + 2] = id >> 8;
      packets[at + 3] = id & 0xff;
    }
    stream.write(packets);
  };

  internals._sendPacket = (packet, cb, cbStorePut, noStore): void => {
    // Every QoS 1 message passes through `hold`; its PUBACK is sent by `release`, never by mqtt.js.
    if (packet.cmd === 'puback') {
      cb?.();
      return;
    }
    original(packet, cb, cbStorePut, noStore);
  };

  return {
    hold(messageId: number): (error?: Error | null) => void {
      const heldIn = generation;
      let released = false;
      held += 1;
      return (error) => {
        if (released || (error !== undefined && error !== null)) return;
        released = true;
        if (heldIn !== generation) return;
        held -= 1;
        due.push(messageId);
        if (!flushScheduled) {
          flushScheduled = true;
          process.nextTick(flush);
        }
      };
    },
    newConnection(): void {
      generation += 1;
      held = 0;
      due = [];
    },
    pending: () => held,
  };
}
