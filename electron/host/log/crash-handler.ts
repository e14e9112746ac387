import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHostArgs } from '../config/parse-args';
import { resolveDataDir } from '../config/resolve-config';
import { HOST_LOG_FILE_NAME, formatLogLine, logsDir } from './logger';

// What a host process does when something escapes every handler: one last `fatal` line, written
// synchronously (the process may not live to see an asynchronous write) with the stack, to the
// same host.log the logger writes and to stderr; then, if the caller asks, a bounded attempt to
// stop cleanly (commit and close the database); then exit non-zero so the desktop app's supervisor
// (or systemd) restarts it and records the exit code.

export interface CrashHandlerOptions {
  /** Which process this is, in the fatal line: 'serve', 'host'. */
  readonly component: string;
  /** The data directory's logs/ folder, or null when it is not known (stderr only). */
  readonly logDir: () => string | null;
  /** Last words, e.g. stopping the host; bounded by `timeoutMs`. */
  readonly beforeExit?: () => Promise<unknown> | unknown;
  readonly timeoutMs?: number;
  readonly exitCode?: number;
  /** Tests: the process object to listen on and exit. */
  readonly target?: NodeJS.Process;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function describeError(error: unknown): { readonly error: string; readonly stack: string | null } {
  if (error instanceof Error) return { error: `${error.name}: ${error.message}`, stack: error.stack ?? null };
  let text: string;
  try {
    text = typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
  } catch {
    text = String(error);
  }
  return { error: text, stack: null };
}

/** Writes the fatal line now, synchronously; never throws. */
export function writeFatalLine(logDir: string | null, component: string, what: string, error: unknown): void {
  const at = new Date().toISOString();
  const { error: text, stack } = describeError(error);
  const fields = { component, error: text, stack, pid: process.pid, uptime_s: Math.round(process.uptime()) };
  if (logDir !== null) {
    try {
      mkdirSync(logDir, { recursive: true });
      appendFileSync(join(logDir, HOST_LOG_FILE_NAME), formatLogLine(at, 'fatal', what, fields));
    } catch {
      // nowhere to write it but stderr
    }
  }
  try {
    process.stderr.write(`${at} FATAL emberwatch ${component}: ${what}: ${stack ?? text}\n`);
  } catch {
    // stderr closed
  }
}

/**
 * The host's logs/ folder as resolved from its own arguments, before the host has started (so a
 * crash during start-up is recorded too). Null when the arguments cannot be read.
 */
export function crashLogDir(argv: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>, defaultDataDir?: string): string | null {
  try {
    return logsDir(resolveDataDir(parseHostArgs(argv), env, defaultDataDir));
  } catch {
    return null;
  }
}

/** Installs the handlers for uncaughtException and unhandledRejection; returns an uninstaller. */
export function installCrashHandler(options: CrashHandlerOptions): () => void {
  const target = options.target ?? process;
  const code = options.exitCode ?? 1;
  let crashing = false;
  const crash = (what: string, error: unknown): void => {
    writeFatalLine(options.logDir(), options.component, what, error);
    // A second failure while stopping: no more last words.
    if (crashing || !options.beforeExit) {
      target.exit(code);
      return;
    }
    crashing = true;
    target.exitCode = code;
    const deadline = setTimeout(() => target.exit(code), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    Promise.resolve()
      .then(() => options.beforeExit?.())
      .catch((error: unknown) => writeFatalLine(options.logDir(), options.component, 'stopping after the crash failed', error))
      .finally(() => {
        clearTimeout(deadline);
        target.exit(code);
      });
  };
  const onException = (error: Error): void => crash('uncaught exception', error);
  const onRejection = (reason: unknown): void => crash('unhandled rejection', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
