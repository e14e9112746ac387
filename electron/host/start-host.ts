import type { HostStartOptions, PortLike, RunningHost } from './host-api';
import { createHostCore } from './host-core';
import { servePort } from './transport/port-transport';

/** The desktop app's host: the same core, served to each window over its own MessagePort. */
export async function startHost(options: HostStartOptions): Promise<RunningHost> {
  const core = await createHostCore(options);
  const detachers = new Set<() => void>();
  return {
    service: core.handlers,
    attachPort(port: PortLike): () => void {
      const detach = servePort(port, core.handlers, core.hub, core.version, (error) =>
        core.log.error('renderer request failed', { error: String(error) }),
      );
      detachers.add(detach);
      return () => {
        detachers.delete(detach);
        detach();
      };
    },
    async stop(): Promise<void> {
      for (const detach of detachers) detach();
      detachers.clear();
      await core.stop();
    },
  };
}
