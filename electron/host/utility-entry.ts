/**
 * Entry of the host when the desktop app runs it in an Electron utility process. Plain Node: the
 * only Electron-specific thing is `process.parentPort`, typed here so nothing imports electron.
 */
import { PortSecretBox } from './cloud/port-secret-box';
import type { PortLike, RunningHost } from './host-api';
import { crashLogDir, installCrashHandler, writeFatalLine } from './log/crash-handler';
import { startHost } from './start-host';

interface ParentMessage {
  readonly data: unknown;
  readonly ports: ReadonlyArray<PortLike>;
}

interface ParentPort {
  on(event: 'message', listener: (event: ParentMessage) => void): unknown;
  postMessage(message: unknown): void;
}

const STOP_TIMEOUT_MS = 10_000;
const PARENT_CHECK_MS = 2_000;

const parentPort = (process as NodeJS.Process & { readonly parentPort?: ParentPort }).parentPort;

function fatal(what: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`emberwatch host: ${what}: ${detail}\n`);
}

function messageType(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { readonly type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

function main(port: ParentPort): void {
  let host: RunningHost | undefined;
  let stopping = false;
  const waiting: PortLike[] = [];
  const defaultDataDir = process.env.EMBERWATCH_DEFAULT_DATA_DIR;
  const logDir = crashLogDir(process.argv.slice(2), process.env, defaultDataDir);
  // Secrets entered in settings are sealed by main's safeStorage, asked for over this port.
  const secrets = new PortSecretBox(port);

  async function shutdown(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    // A host that will not stop must not keep the process (and the database lock) alive.
    const deadline = setTimeout(() => process.exit(code === 0 ? 1 : code), STOP_TIMEOUT_MS);
    deadline.unref();
    for (const p of waiting.splice(0)) p.close();
    try {
      await host?.stop();
    } catch (error) {
      fatal('stopping failed', error);
      code = code === 0 ? 1 : code;
    }
    process.exit(code);
  }

  port.on('message', (event) => {
    if (secrets.handle(event.data)) return;
    const type = messageType(event.data);
    if (type === 'attach-port') {
      const p = event.ports[0];
      if (!p) return;
      if (stopping) p.close();
      else if (host) host.attachPort(p);
      else waiting.push(p);
    } else if (type === 'stop') {
      void shutdown(0);
    }
  });

  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  // A fatal line with the stack in logs/host.log (written before anything else is tried), then the
  // bounded shutdown; main's supervisor sees the non-zero exit, logs it and restarts the host.
  installCrashHandler({ component: 'host', logDir: () => logDir, beforeExit: () => shutdown(1) });

  // If the app dies without telling us, this process is re-parented; stop instead of lingering.
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) void shutdown(0);
  }, PARENT_CHECK_MS).unref();

  const sqliteNativeBinding = process.env.EMBERWATCH_SQLITE_BINDING;
  startHost({
    argv: process.argv.slice(2),
    env: process.env,
    secrets,
    ...(defaultDataDir ? { defaultDataDir } : {}),
    ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
  }).then(
    (running) => {
      host = running;
      if (stopping) {
        void running.stop().finally(() => process.exit(0));
        return;
      }
      for (const p of waiting.splice(0)) running.attachPort(p);
      port.postMessage({ type: 'ready' });
    },
    (error: unknown) => {
      // The desktop app has no terminal: the reason goes to logs/host.log as well as stderr.
      writeFatalLine(logDir, 'host', 'failed to start', error);
      process.exit(1);
    },
  );
}

if (parentPort) {
  main(parentPort);
} else {
  process.stderr.write('emberwatch host: utility-entry runs only inside the desktop app; use `npm run serve` instead\n');
  process.exit(2);
}
