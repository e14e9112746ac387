import type { ClientMessage } from '../../../shared/protocol/envelope';
import type { RpcChannel } from '../../../shared/protocol/rpc-client';
import { createChannelCore } from './channel-core';
import type { ChannelSource } from './channel-source';

/** What the desktop shell's preload posts to the page, with the port to the host as its one transferable. */
export const PORT_HANDOFF_MESSAGE = 'emberwatch:port';

export function createMessagePortChannel(port: MessagePort): RpcChannel {
  const core = createChannelCore();
  port.addEventListener('message', (event: MessageEvent) => core.receive(event.data));
  // Chromium fires 'close' on a port whose other end went away; where it does not, the session's
  // silence watch marks the link stale instead.
  port.addEventListener('close', () => core.closed('host port closed'));
  port.start();
  return {
    send: (message: ClientMessage) => port.postMessage(message),
    onMessage: core.onMessage,
    onClose: core.onClose,
    close: () => {
      port.close();
      core.closed('closed by console');
    },
  };
}

/**
 * Waits for ports from the desktop shell. The shell sends a new one whenever it restarts the host,
 * and the newest port replaces the previous one.
 */
export function createMessagePortSource(target: Window): ChannelSource {
  return {
    reopensOnClose: false,
    start(onChannel) {
      let current: RpcChannel | null = null;
      const onWindowMessage = (event: MessageEvent): void => {
        if (event.source !== target || event.data !== PORT_HANDOFF_MESSAGE) return;
        const port = event.ports[0];
        if (port === undefined) return;
        current?.close();
        current = createMessagePortChannel(port);
        onChannel(current);
      };
      target.addEventListener('message', onWindowMessage);
      return () => {
        target.removeEventListener('message', onWindowMessage);
        current?.close();
        current = null;
      };
    },
  };
}
