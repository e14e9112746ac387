/**
 * The listener bookkeeping both channel kinds share. Messages that arrive before anyone listens
 * are held and delivered, in order and followed by any close, to every listener registered in the
 * same turn, so attaching two listeners one after the other never loses the host's first message.
 */
export interface ChannelCore {
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: (reason: string) => void): void;
  receive(data: unknown): void;
  closed(reason: string): void;
  isClosed(): boolean;
}

export function createChannelCore(): ChannelCore {
  const messageListeners: Array<(data: unknown) => void> = [];
  const closeListeners: Array<(reason: string) => void> = [];
  let held: unknown[] | null = [];
  let heldClose: string | null = null;
  let flushQueued = false;
  let closeReason: string | null = null;

  function deliver(data: unknown): void {
    for (const listener of [...messageListeners]) listener(data);
  }

  function announceClose(reason: string): void {
    for (const listener of closeListeners.splice(0)) listener(reason);
  }

  function releaseHeld(): void {
    const pending = held ?? [];
    held = null;
    for (const data of pending) deliver(data);
    if (heldClose !== null) announceClose(heldClose);
  }

  return {
    onMessage(listener) {
      messageListeners.push(listener);
      if (held !== null && !flushQueued) {
        flushQueued = true;
        queueMicrotask(releaseHeld);
      }
    },
    onClose(listener) {
      if (closeReason !== null && held === null) {
        listener(closeReason);
        return;
      }
      closeListeners.push(listener);
    },
    receive(data) {
      if (closeReason !== null) return;
      if (held !== null) held.push(data);
      else deliver(data);
    },
    closed(reason) {
      if (closeReason !== null) return;
      closeReason = reason;
      // While messages are held, the close waits behind them; with no message listener at all, nothing waits.
      if (held !== null && messageListeners.length > 0) heldClose = reason;
      else {
        held = null;
        announceClose(reason);
      }
    },
    isClosed() {
      return closeReason !== null;
    },
  };
}
