import type { RpcChannel } from '../../../shared/protocol/rpc-client';

/**
 * Where channels to the host come from. The WebSocket source dials (and redials) the host itself;
 * the MessagePort source waits for the desktop shell to hand one over. The rest of the renderer
 * sees only the channels.
 */
export interface ChannelSource {
  /** Starts looking for channels and hands each one over as it opens; the returned function stops. */
  start(onChannel: (channel: RpcChannel) => void): () => void;
  /** True when closing a channel leads this source to open a fresh one by itself. */
  readonly reopensOnClose: boolean;
}
