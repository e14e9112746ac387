/**
 * Main's own log: each line on stderr (a terminal, when there is one) and as a JSON line in
 * `<dataDir>/logs/main.log`, beside the host's host.log, so that an installed app started from a
 * menu or at login still records why its host died. Plain Node, no electron import: main passes
 * Electron's userData in, so this is testable without the binary. Main logs little (starts,
 * restarts, blocked requests); the file is rotated once at 1 MB.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const MAIN_LOG_FILE_NAME = 'main.log';
const MAX_BYTES = 1_000_000;

/** The data directory as the host resolves it: --data-dir > EMBERWATCH_DATA_DIR > Electron's userData. */
export function mainDataDir(hostArgs: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>, userData: string): string {
  for (let i = 0; i < hostArgs.length; i += 1) {
    const arg = hostArgs[i] ?? '';
    if (arg.startsWith('--data-dir=')) return resolve(arg.slice('--data-dir='.length));
    if (arg === '--data-dir' && hostArgs[i + 1] !== undefined) return resolve(hostArgs[i + 1] as string);
  }
  const fromEnv = env.EMBERWATCH_DATA_DIR;
  return resolve(fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : userData);
}

/**
 * A log function writing to stderr and to `<dataDir>/logs/main.log`. The folder is made only when
 * the data directory exists (Electron makes userData; the host makes a --data-dir one), so main
 * never scatters directories of its own; lines before that go to stderr only. Never throws.
 */
export function createMainLog(dataDir: () => string): (message: string, level?: 'info' | 'warn' | 'error') => void {
  return (message, level = 'info') => {
    const at = new Date().toISOString();
    try {
      process.stderr.write(`emberwatch: ${message}\n`);
    } catch {
      // no stderr (started from a desktop menu on some systems)
    }
    try {
      const dir = dataDir();
      if (!existsSync(dir)) return;
      const logs = join(dir, 'logs');
      mkdirSync(logs, { recursive: true });
      const file = join(logs, MAIN_LOG_FILE_NAME);
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
      if (size > MAX_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, `${JSON.stringify({ at, level, message, component: 'main' })}\n`);
    } catch {
      // a full or read-only disk must not stop the app
    }
  };
}
