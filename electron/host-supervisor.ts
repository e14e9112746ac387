/**
 * Keeps the host's utility process alive and every window connected to it. Written against small
 * interfaces instead of Electron's classes so that the restart and re-connect rules can be tested
 * in plain Node.
 */

/** The part of Electron's UtilityProcess the supervisor uses. */
export interface HostChild<Port> {
  postMessage(message: unknown, transfer?: Port[]): void;
  kill(): boolean;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

/** A renderer window: receives a fresh port after each page load and after each host restart. */
export interface HostClient<Port> {
  readonly id: number;
  deliver(port: Port): boolean;
}

export interface SupervisorDeps<Port> {
  fork(): HostChild<Port>;
  createChannel(): { readonly port1: Port; readonly port2: Port };
  closePort(port: Port): void;
  log(message: string): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface HostSupervisor<Port> {
  start(): void;
  /** (Re)connects a window; called when its page has finished loading. */
  connect(client: HostClient<Port>): void;
  disconnect(clientId: number): void;
  /** Asks the host to stop cleanly, kills it after `timeoutMs`, and does not restart it. */
  stop(timeoutMs: number): Promise<void>;
  readonly running: boolean;
  readonly stopping: boolean;
}

/** A host that stayed up this long is considered healthy again, so backoff starts over. */
export const HEALTHY_UPTIME_MS = 60_000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

export function restartDelay(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(exponent, 16));
}

export const ATTACH_PORT = 'attach-port';
export const STOP_HOST = 'stop';

export function createHostSupervisor<Port>(deps: SupervisorDeps<Port>): HostSupervisor<Port> {
  const clients = new Map<number, HostClient<Port>>();
  let child: HostChild<Port> | undefined;
  let startedAt = 0;
  let failures = 0;
  let restartTimer: unknown;
  let stopping = false;
  let exited: Promise<void> = Promise.resolve();

  function handOff(target: HostChild<Port>, client: HostClient<Port>): void {
    const { port1, port2 } = deps.createChannel();
    target.postMessage({ type: ATTACH_PORT }, [port1]);
    if (!client.deliver(port2)) {
      // The window went away between load and hand-off; closing our end lets the host detach.
      deps.closePort(port2);
    }
  }

  function spawn(): void {
    restartTimer = undefined;
    if (stopping) return;
    const current = deps.fork();
    child = current;
    startedAt = deps.now();
    exited = new Promise<void>((resolve) => {
      current.once('exit', (code: number) => {
        if (child === current) child = undefined;
        resolve();
        if (stopping) return;
        const uptime = deps.now() - startedAt;
        failures = uptime >= HEALTHY_UPTIME_MS ? 1 : failures + 1;
        const delay = restartDelay(failures);
        deps.log(`host exited unexpectedly (code ${code}) after ${Math.round(uptime / 1000)} s; restarting in ${delay} ms`);
        restartTimer = deps.setTimer(spawn, delay);
      });
    });
    for (const client of clients.values()) handOff(current, client);
  }

  return {
    get running(): boolean {
      return child !== undefined;
    },
    get stopping(): boolean {
      return stopping;
    },
    start(): void {
      if (child || restartTimer !== undefined || stopping) return;
      spawn();
    },
    connect(client: HostClient<Port>): void {
      clients.set(client.id, client);
      // While the host is restarting the window keeps its last state; it gets a port on respawn.
      if (child) handOff(child, client);
    },
    disconnect(clientId: number): void {
      clients.delete(clientId);
    },
    async stop(timeoutMs: number): Promise<void> {
      stopping = true;
      if (restartTimer !== undefined) {
        deps.clearTimer(restartTimer);
        restartTimer = undefined;
      }
      const current = child;
      if (!current) return;
      current.postMessage({ type: STOP_HOST });
      let timer: unknown;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = deps.setTimer(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([exited.then(() => 'exited' as const), timedOut]);
      deps.clearTimer(timer);
      if (outcome === 'timeout') {
        deps.log(`host did not stop within ${timeoutMs} ms; killing it`);
        current.kill();
      }
    },
  };
}
