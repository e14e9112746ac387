import type { MqttClient } from 'mqtt';

/**
 * Holds each QoS 1 PUBACK until the reading it acknowledges is committed to the store, so a message
 * is never acknowledged to the broker and then lost in a crash.
 *
 * mqtt.js handles incoming packets one at a time and sends the PUBACK itself once its message
 * handler returns; waiting there would let through one message per commit. Instead the message is
 * taken at once, and the PUBACK that mqtt.js then sends is held here until `release` is called.
 * That keeps the broker's whole in-flight window working for one grouped commit.
 *
 * A PUBACK held across a reconnect is dropped: its packet id belongs to the old connection, and the
 * broker redelivers the message on the new one (the store ignores the second copy).
 */
export interface PubackGate {
  /** Marks a packet id as awaiting commit; returns the function that lets its PUBACK go. */
  hold(messageId: number): () => void;
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

interface Held {
  generation: number;
  released: boolean;
  packet: PacketLike | null;
}

export function installPubackGate(client: MqttClient): PubackGate {
  const internals = client as unknown as { _sendPacket: SendPacket };
  const original: SendPacket = internals._sendPacket.bind(client);
  if (typeof original !== 'function') throw new Error('this mqtt.js has no _sendPacket; the PUBACK gate cannot be installed');
  const held = new Map<number, Held>();
  let generation = 0;

  internals._sendPacket = (packet, cb, cbStorePut, noStore): void => {
    const entry = packet.cmd === 'puback' && packet.messageId !== undefined ? held.get(packet.messageId) : undefined;
    if (!entry) return original(packet, cb, cbStorePut, noStore);
    if (entry.released) {
      held.delete(packet.messageId as number);
      if (entry.generation === generation) original(packet, cb, cbStorePut, noStore);
      else cb?.();
      return;
    }
    entry.packet = packet;
    // Let mqtt.js go on to the next incoming packet; this PUBACK waits for the commit.
    cb?.();
  };

  return {
    hold(messageId: number): () => void {
      const entry: Held = { generation, released: false, packet: null };
      held.set(messageId, entry);
      return () => {
        if (entry.released) return;
        entry.released = true;
        if (entry.packet === null) return; // mqtt.js has not sent it yet; _sendPacket will.
        held.delete(messageId);
        if (entry.generation === generation && client.connected) original(entry.packet);
      };
    },
    newConnection(): void {
      generation += 1;
      for (const [id, entry] of held) if (entry.generation !== generation) held.delete(id);
    },
    pending: () => held.size,
  };
}
