import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
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

/**
 * Structured JSON lines in `<dataDir>/logs/host.log` for after-the-fact analysis, and one readable
 * line on stderr for whoever watches the terminal. Logging never throws into the caller.
 */
export function createLogger(dataDir: string | null, options: { readonly level?: LogLevel; readonly stderr?: boolean } = {}): Logger {
  const minimum = ORDER[options.level ?? 'info'];
  const toStderr = options.stderr ?? true;
  let file: string | null = null;
  if (dataDir !== null) {
    try {
      mkdirSync(join(dataDir, 'logs'), { recursive: true });
      file = join(dataDir, 'logs', 'host.log');
    } catch {
      file = null;
    }
  }
  const write = (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void => {
    if (ORDER[level] < minimum) return;
    const at = new Date().toISOString();
    const safe = redact(fields);
    try {
      if (file !== null) appendFileSync(file, `${JSON.stringify({ at, level, message, ...safe })}\n`);
    } catch {
      // A full disk must not take the console down; stderr still carries the line.
    }
    if (toStderr) {
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
