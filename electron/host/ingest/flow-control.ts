/**
 * Backpressure from the store to the broker connections.
 *
 * The broker's window of unacknowledged messages should bound what the console holds, but a broker
 * can be set without one (Mosquitto `max_inflight_messages 0`), and a single read of the socket can
 * bring thousands of messages at once. So the console bounds itself: while more rows wait for the
 * store than `pauseAt`, a connection stops taking packets from its socket (TCP then pushes back on
 * the broker) until the backlog is down to `resumeAt`. Memory stays bounded whatever the broker does,
 * and the store's writer gets the event loop to catch up.
 */
export interface FlowControl {
  /** After a message was handed over: `next` lets the connection read on, now or once the store caught up. */
  admit(next: () => void): void;
}

/** What flow control needs of the store's writer. */
export interface Backlogged {
  backlog(): number;
  whenBacklogAtMost(atMost: number, resume: () => void): void;
}

/** Rows waiting for the store at which reading stops: a few commit groups, a few megabytes. */
export const PAUSE_AT_ROWS = 8_000;
/** …and at which it starts again: enough still queued that the next commit group is full. */
export const RESUME_AT_ROWS = 2_000;

export function storeFlowControl(store: Backlogged, pauseAt = PAUSE_AT_ROWS, resumeAt = RESUME_AT_ROWS): FlowControl {
  return {
    admit(next: () => void): void {
      if (store.backlog() < pauseAt) next();
      else store.whenBacklogAtMost(resumeAt, next);
    },
  };
}

/** No bound (tests of the connection alone). */
export const UNBOUNDED_FLOW: FlowControl = { admit: (next) => next() };
