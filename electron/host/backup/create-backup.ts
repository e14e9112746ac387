import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, statfsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteDatabase } from '../store/database';
import type { BackupEntry } from './backup-files';
import { backupName, parseBackupName } from './backup-files';
import { inspectOpenDatabase, openForCheck } from './inspect-database';

/** A backup that could not be made or did not pass its check; nothing is left behind. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface CreateBackupOptions {
  readonly dir: string;
  readonly nowMs: number;
  /** The live database's site: the copy must carry the same. */
  readonly siteId: string;
  readonly nativeBinding?: string;
  /**
   * Pages copied per step; between steps the event loop (and the store's writer) runs. Default
   * 1000 (4 MB): a step takes milliseconds, so ingest never waits long for a backup.
   */
  readonly pagesPerStep?: number;
  /** Called between steps; throwing aborts the backup (the host is stopping). */
  readonly onStep?: (remainingPages: number, totalPages: number) => void;
}

export interface CreatedBackup {
  readonly entry: BackupEntry;
  readonly siteId: string;
  readonly schemaVersion: number;
  readonly tookMs: number;
}

const DEFAULT_PAGES_PER_STEP = 1000;
/** Left free beyond the copy itself, so a backup never fills the disk the live database may share. */
export const FREE_SPACE_RESERVE_BYTES = 64 * 1024 * 1024;

/** Refuses before writing when the folder's disk cannot take the copy (and the reserve). */
function checkFreeSpace(db: SqliteDatabase, dir: string): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const needed = pageSize * pages + FREE_SPACE_RESERVE_BYTES;
  let free: number;
  try {
    const fs = statfsSync(dir);
    free = fs.bavail * fs.bsize;
  } catch {
    return; // the platform cannot tell; the copy itself will fail cleanly if the disk fills
  }
  if (free < needed) {
    const mb = (n: number): string => `${Math.ceil(n / 1e6)} MB`;
    throw new BackupError(`not enough free space in ${dir} for a backup: it needs about ${mb(needed)}, ${mb(free)} is free (lower backup.keep or set backup.dir to a larger disk)`);
  }
}

function fsyncPath(path: string, flags: 'r' | 'r+'): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, flags);
    fsyncSync(fd);
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      unlinkSync(path);
    } catch {
      // not there
    }
  }
}

/** The first free name for this second (`-2`, `-3` … when one was already made in it). */
function freeName(dir: string, nowMs: number): string {
  for (let seq = 1; ; seq += 1) {
    const name = backupName(nowMs, seq);
    if (!existsSync(join(dir, name))) return name;
  }
}

/**
 * An online backup of the live database with SQLite's backup API (better-sqlite3 `db.backup`):
 * pages are copied in steps while the console keeps writing on the same connection, and SQLite
 * carries every commit made meanwhile into the copy, so the copy is the database as it stood at one
 * commit. The copy is written under a hidden temporary name, switched to a self-contained file
 * (rollback journal, no -wal beside it), checked (`PRAGMA integrity_check`, `meta.site_id` equal to
 * the live one's), flushed to disk and only then given its `emberwatch-YYYYMMDD-HHMMSS.db` name.
 */
export async function createBackup(db: SqliteDatabase, options: CreateBackupOptions): Promise<CreatedBackup> {
  const started = Date.now();
  try {
    mkdirSync(options.dir, { recursive: true });
  } catch (error) {
    throw new BackupError(`the backup folder ${options.dir} cannot be made: ${(error as Error).message}`);
  }
  checkFreeSpace(db, options.dir);
  const name = freeName(options.dir, options.nowMs);
  const partial = join(options.dir, `.${name}.partial`);
  const final = join(options.dir, name);
  removeQuietly(partial);
  const pages = Math.max(1, Math.floor(options.pagesPerStep ?? DEFAULT_PAGES_PER_STEP));
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        options.onStep?.(remainingPages, totalPages);
        return pages;
      },
    });
    const copy = openForCheck(partial, { writable: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    let inspection;
    try {
      // The copy carries the live file's WAL flag; a backup should be one file that opens anywhere.
      copy.pragma('journal_mode = DELETE');
      inspection = inspectOpenDatabase(copy);
    } finally {
      copy.close();
    }
    if (!inspection.ok) throw new BackupError(`the copy failed its integrity check: ${inspection.integrity.join('; ')}`);
    if (inspection.siteId !== options.siteId) {
      throw new BackupError(`the copy names site ${inspection.siteId ?? '(none)'}, not this console's ${options.siteId}`);
    }
    fsyncPath(partial, 'r+');
    renameSync(partial, final);
    fsyncPath(options.dir, 'r');
    return {
      entry: { name, file: final, atMs: Math.floor(options.nowMs / 1000) * 1000, seq: parseBackupName(name)?.seq ?? 1, bytes: statSync(final).size },
      siteId: inspection.siteId,
      schemaVersion: inspection.schemaVersion,
      tookMs: Date.now() - started,
    };
  } catch (error) {
    removeQuietly(partial);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup to ${final} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
