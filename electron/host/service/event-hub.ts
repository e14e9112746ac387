import type { EventName, EventPayload } from '../../../shared/protocol';

export type AnyEventListener = (event: EventName, payload: EventPayload<EventName>) => void;

/** Fan-out of pushed events to every attached renderer, whatever its transport. */
export class EventHub {
  private readonly listeners = new Set<AnyEventListener>();

  subscribe(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken renderer link must not stop the others from hearing the event.
      }
    }
  }

  size(): number {
    return this.listeners.size;
  }
}
