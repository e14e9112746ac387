import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RotationPolicy } from './rotating-file';
import { DEFAULT_ROTATION, RotatingFile } from './rotating-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** The data directory's log folder, and the host's file in it. */
export const LOGS_DIR_NAME = 'logs';
export const HOST_LOG_FILE_NAME = 'host.log';

export function logsDir(dataDir: string): string {
  return join(dataDir, LOGS_DIR_NAME);
}

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values must never reach a log file. */
const SECRET_KEYS = /pass(word)?|secret|token|key|pin/i;

function redact(fields: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : v;
  return out;
}

/** One JSON line, as every Emberwatch log file holds them (`fatal` is the crash handler's). */
export function formatLogLine(at: string, level: LogLevel | 'fatal', message: string, fields?: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ at, level, message, ...redact(fields) })}\n`;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly stderr?: boolean;
  /** Size-based rotation of host.log (settings logs.max_file_mb × logs.files); default 10 MB × 5. */
  readonly rotation?: RotationPolicy;
}

/**
 * Structured JSON lines in `<dataDir>/logs/host.log` (rotated by size) for after-the-fact analysis,
 * and one readable line on stderr for whoever watches the terminal. Logging never throws into the caller.
 */
export function createLogger(dataDir: string | null, options: LoggerOptions = {}): Logger {
  const minimum = ORDER[options.level ?? 'info'];
  const toStderr = options.stderr ?? true;
  let file: RotatingFile | null = null;
  if (dataDir !== null) {
    try {
      mkdirSync(logsDir(dataDir), { recursive: true });
      file = new RotatingFile(join(logsDir(dataDir), HOST_LOG_FILE_NAME), options.rotation ?? DEFAULT_ROTATION);
    } catch {
      file = null;
    }
  }
  const write = (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void => {
    if (ORDER[level] < minimum) return;
    const at = new Date().toISOString();
    try {
      file?.append(formatLogLine(at, level, message, fields));
    } catch {
      // A full disk must not take the console down; stderr still carries the line.
    }
    if (toStderr) {
      const safe = redact(fields);
      const extra = safe && Object.keys(safe).length > 0 ? ` ${JSON.stringify(safe)}` : '';
      process.stderr.write(`${at} ${level.toUpperCase()} ${message}${extra}\n`);
    }
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** What the log folder holds, for `/api/health`: every file, rotated ones and main.log included. */
export function logsUsage(dir: string): { readonly dir: string; readonly bytes: number; readonly files: number } {
  let bytes = 0;
  let files = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return { dir, bytes: 0, files: 0 };
  }
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (!stat.isFile()) continue;
      bytes += stat.size;
      files += 1;
    } catch {
      // rotated away between the listing and the stat
    }
  }
  return { dir, bytes, files };
}
