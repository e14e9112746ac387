import type { ProtocolHandlers } from '../../../shared/protocol';
import type { PortLike } from '../host-api';
import type { EventHub } from '../service/event-hub';
import { openProtocolSession } from './protocol-session';

/** The desktop app's transport: structured clones over a MessagePort handed over by main. */
export function servePort(
  port: PortLike,
  handlers: ProtocolHandlers,
  hub: EventHub,
  version: string,
  onInternalError: (error: unknown) => void,
): () => void {
  const session = openProtocolSession(handlers, hub, (message) => port.postMessage(message), version, onInternalError);
  port.on('message', (event) => session.receive(event.data));
  port.on('close', () => session.close());
  port.start();
  return () => {
    session.close();
    port.close();
  };
}
