import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { BackupView } from '../../../shared/protocol';

// Backup files: `emberwatch-YYYYMMDD-HHMMSS.db`, the time in UTC so names sort in the order they
// were made whatever the clock's time zone or summer time does (a second one within the same second
// gets `-2`, `-3` …). A backup being written is a hidden `.emberwatch-….db.partial` and is never
// counted, listed or kept.

export const BACKUPS_DIR_NAME = 'backups';
const NAME_PATTERN = /^emberwatch-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.db$/;

export interface BackupEntry {
  readonly name: string;
  readonly file: string;
  /** When it was made, from its name (whole seconds, UTC). */
  readonly atMs: number;
  /** 1 for the first backup of a second, 2 for the next … */
  readonly seq: number;
  readonly bytes: number;
}

/** `backup.dir` resolved against the data directory; default `<dataDir>/backups`. */
export function resolveBackupDir(dataDir: string, setting?: string): string {
  if (setting === undefined || setting.trim() === '') return join(dataDir, BACKUPS_DIR_NAME);
  return isAbsolute(setting) ? setting : resolve(dataDir, setting);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `emberwatch-20261122-030000.db` for the second `atMs` falls in (UTC); seq > 1 adds `-seq`. */
export function backupName(atMs: number, seq = 1): string {
  const d = new Date(atMs);
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `emberwatch-${stamp}${seq > 1 ? `-${seq}` : ''}.db`;
}

/** The time and sequence a backup's name carries, or null for any other file. */
export function parseBackupName(name: string): { readonly atMs: number; readonly seq: number } | null {
  const m = NAME_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, seq] = m;
  const atMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(atMs)) return null;
  return { atMs, seq: seq === undefined ? 1 : Number(seq) };
}

/** The backups in `dir`, newest first; an absent folder has none. */
export function listBackups(dir: string): ReadonlyArray<BackupEntry> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    try {
      const stat = statSync(file);
      if (stat.isFile()) out.push({ name, file, atMs: parsed.atMs, seq: parsed.seq, bytes: stat.size });
    } catch {
      // removed between the listing and the stat
    }
  }
  return out.sort((a, b) => b.atMs - a.atMs || b.seq - a.seq);
}

/** Keeps the newest `keep` backups and removes the rest; returns the names removed. */
export function pruneBackups(dir: string, keep: number): ReadonlyArray<string> {
  const removed: string[] = [];
  for (const entry of listBackups(dir).slice(Math.max(1, keep))) {
    try {
      unlinkSync(entry.file);
      removed.push(entry.name);
    } catch {
      // in use or already gone: the next prune tries again
    }
  }
  return removed;
}

export function toBackupView(entry: BackupEntry): BackupView {
  return { name: entry.name, file: entry.file, created_at: new Date(entry.atMs).toISOString(), bytes: entry.bytes };
}
