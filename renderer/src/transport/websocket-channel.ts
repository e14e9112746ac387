import type { ClientMessage } from '../../../shared/protocol/envelope';
import type { RpcChannel } from '../../../shared/protocol/rpc-client';
import { backoffDelay } from './backoff';
import { createChannelCore } from './channel-core';
import type { ChannelSource } from './channel-source';

/** A dial that neither opens nor fails (a silently dropped SYN) must not stall reconnection. */
const OPEN_TIMEOUT_MS = 10_000;

/** Opens one socket; resolves once it is open, rejects if it closes or hangs first. */
export function openWebSocketChannel(url: string): Promise<RpcChannel> {
  return new Promise<RpcChannel>((resolve, reject) => {
    const socket = new WebSocket(url);
    const core = createChannelCore();
    let opened = false;
    const openTimer = setTimeout(() => socket.close(), OPEN_TIMEOUT_MS);

    socket.addEventListener('open', () => {
      opened = true;
      clearTimeout(openTimer);
      resolve({
        send: (message: ClientMessage) => socket.send(JSON.stringify(message)),
        onMessage: core.onMessage,
        onClose: core.onClose,
        close: () => {
          socket.close(1000, 'closed by console');
          core.closed('closed by console');
        },
      });
    });
    socket.addEventListener('message', (event: MessageEvent) => core.receive(event.data));
    // An error is always followed by a close, which says all that is needed.
    socket.addEventListener('error', () => {});
    socket.addEventListener('close', (event: CloseEvent) => {
      clearTimeout(openTimer);
      if (!opened) {
        reject(new Error(`could not open ${url} (code ${event.code})`));
        return;
      }
      core.closed(event.reason === '' ? `socket closed (code ${event.code})` : `socket closed: ${event.reason}`);
    });
  });
}

/** Dials the host, and redials with backoff (0.5 s doubling to 10 s, jittered) whenever the socket is lost. */
export function createWebSocketSource(url: string): ChannelSource {
  return {
    reopensOnClose: true,
    start(onChannel) {
      let stopped = false;
      let attempt = 0;
      let retryTimer: ReturnType<typeof setTimeout> | undefined;
      let current: RpcChannel | null = null;

      const retryLater = (): void => {
        if (stopped) return;
        retryTimer = setTimeout(dial, backoffDelay(attempt));
        attempt += 1;
      };

      function dial(): void {
        retryTimer = undefined;
        openWebSocketChannel(url).then(
          (channel) => {
            if (stopped) {
              channel.close();
              return;
            }
            attempt = 0;
            current = channel;
            channel.onClose(() => {
              if (current === channel) current = null;
              retryLater();
            });
            onChannel(channel);
          },
          retryLater,
        );
      }

      dial();
      return () => {
        stopped = true;
        clearTimeout(retryTimer);
        current?.close();
        current = null;
      };
    },
  };
}
