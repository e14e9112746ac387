import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE_NAME } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrations/index';
import type { DatabaseInspection } from './inspect-database';
import { inspectDatabaseFile, inspectOpenDatabase } from './inspect-database';

// Restoring a backup into a data directory, while the console is stopped. The backup must be sound,
// an Emberwatch database of a schema this version understands, and of the same site as the database
// it replaces (unless the operator says otherwise); the replaced database is kept aside, never
// deleted. Nothing is changed until every check has passed.

export type RestoreRefusalReason =
  | 'NOT_FOUND'
  | 'NOT_A_DATABASE'
  | 'DAMAGED'
  | 'NOT_EMBERWATCH'
  | 'NEWER_SCHEMA'
  | 'IN_USE'
  | 'OTHER_SITE'
  | 'CURRENT_UNREADABLE'
  | 'LIVE_COPY';

export class RestoreRefusal extends Error {
  constructor(
    message: string,
    readonly reason: RestoreRefusalReason,
  ) {
    super(message);
    this.name = 'RestoreRefusal';
  }
}

export interface RestoreOptions {
  readonly dataDir: string;
  /** The backup file. */
  readonly from: string;
  /** Allow a backup of another site to replace this data directory's database. */
  readonly replaceSite?: boolean;
  readonly nowMs?: number;
  readonly nativeBinding?: string;
  /** The newest schema this version understands (default: its last migration). */
  readonly supportedSchema?: number;
}

export interface RestoreOutcome {
  /** The database now in the data directory. */
  readonly database: string;
  readonly from: string;
  readonly siteId: string;
  readonly schemaVersion: number;
  /** The database it replaced, kept aside; null when the data directory had none. */
  readonly previous: { readonly keptAs: string; readonly siteId: string | null; readonly schemaVersion: number | null } | null;
  /** The backup's site differs from the replaced database's (allowed by replaceSite). */
  readonly siteReplaced: boolean;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').replace('T', '-').replace('Z', '');
}

function checkBackup(from: string, options: RestoreOptions): DatabaseInspection & { readonly siteId: string } {
  if (!existsSync(from) || !statSync(from).isFile()) throw new RestoreRefusal(`${from} does not exist`, 'NOT_FOUND');
  const wal = `${from}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new RestoreRefusal(
      `${from} has a -wal file beside it: it is a live database (or a copy of one), not a backup. ` +
        'Restore a backup Emberwatch made (backups/emberwatch-YYYYMMDD-HHMMSS.db).',
      'LIVE_COPY',
    );
  }
  let inspection: DatabaseInspection;
  try {
    inspection = inspectDatabaseFile(from, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new RestoreRefusal(`${from} is not a readable SQLite database: ${(error as Error).message}`, 'NOT_A_DATABASE');
  }
  if (!inspection.ok) throw new RestoreRefusal(`${from} failed its integrity check: ${inspection.integrity.join('; ')}`, 'DAMAGED');
  if (inspection.siteId === null) throw new RestoreRefusal(`${from} is not an Emberwatch database (it names no site)`, 'NOT_EMBERWATCH');
  const supported = options.supportedSchema ?? SCHEMA_VERSION;
  if (inspection.schemaVersion > supported) {
    throw new RestoreRefusal(
      `${from} has schema version ${inspection.schemaVersion}, but this Emberwatch understands up to ${supported}: ` +
        'it was made by a newer version. Install that version (or newer) to restore it. Nothing was changed.',
      'NEWER_SCHEMA',
    );
  }
  return { ...inspection, siteId: inspection.siteId };
}

/**
 * The current database's site and schema, read under an exclusive lock: a console (serve or the
 * desktop app) that has the database open holds a lock that makes this fail at once, so a restore
 * never swaps the file under a running console.
 */
function checkCurrent(file: string, options: RestoreOptions): { readonly siteId: string | null; readonly schemaVersion: number | null; readonly error: string | null } {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (error) {
    return { siteId: null, schemaVersion: null, error: (error as Error).message };
  }
  try {
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        throw new RestoreRefusal(
          `${file} is in use: an Emberwatch console (npm run serve, or the desktop app) has this data directory open. ` +
            'Stop it first, then run the restore again. Nothing was changed.',
          'IN_USE',
        );
      }
      return { siteId: null, schemaVersion: null, error: (error as Error).message };
    }
    try {
      const inspection = inspectOpenDatabase(db);
      return { siteId: inspection.siteId, schemaVersion: inspection.schemaVersion, error: inspection.ok ? null : inspection.integrity.join('; ') };
    } catch (error) {
      return { siteId: null, schemaVersion: null, error: (error as Error).message };
    }
  } finally {
    // Closing the last connection also folds a WAL left by a crash into the file kept aside.
    db.close();
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function moveIfPresent(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  renameSync(from, to);
  return true;
}

/** Restores `from` as the data directory's database; throws RestoreRefusal (nothing changed) when it must not. */
export function restoreDatabase(options: RestoreOptions): RestoreOutcome {
  const from = resolve(options.from);
  const database = join(resolve(options.dataDir), DATABASE_FILE_NAME);
  const backup = checkBackup(from, options);
  if (from === database) throw new RestoreRefusal(`${from} is the data directory's own database`, 'LIVE_COPY');

  let previous: RestoreOutcome['previous'] = null;
  let siteReplaced = false;
  const hasCurrent = existsSync(database);
  let current: ReturnType<typeof checkCurrent> | null = null;
  if (hasCurrent) {
    current = checkCurrent(database, options);
    if (current.siteId === null && !options.replaceSite) {
      throw new RestoreRefusal(
        `the current database ${database} cannot be read (${current.error ?? 'it names no site'}), so its site cannot be compared ` +
          `with the backup's (${backup.siteId}). If the backup is this site's, run the restore again with --replace-site; ` +
          'the current file is kept aside either way.',
        'CURRENT_UNREADABLE',
      );
    }
    if (current.siteId !== null && current.siteId !== backup.siteId) {
      if (!options.replaceSite) {
        throw new RestoreRefusal(
          `the backup belongs to another site (${backup.siteId}) than this data directory's database (${current.siteId}); ` +
            'restoring it would mix two sites. To replace this site with that one, run the restore again with --replace-site. Nothing was changed.',
          'OTHER_SITE',
        );
      }
      siteReplaced = true;
    }
  }

  // Every check passed: copy first (the backup stays as it is), then swap names.
  const incoming = `${database}.restoring`;
  mkdirSync(resolve(options.dataDir), { recursive: true });
  for (const stale of [incoming, `${incoming}-journal`]) if (existsSync(stale)) unlinkSync(stale);
  copyFileSync(from, incoming);
  fsyncFile(incoming);
  let keptAs = `${database}.before-restore-${stamp(options.nowMs ?? Date.now())}`;
  for (let n = 2; existsSync(keptAs); n += 1) keptAs = `${database}.before-restore-${stamp(options.nowMs ?? Date.now())}-${n}`;
  try {
    if (hasCurrent) {
      moveIfPresent(database, keptAs);
      // A -wal or -shm beside the old file belongs to it, never to the restored one.
      moveIfPresent(`${database}-wal`, `${keptAs}-wal`);
      moveIfPresent(`${database}-shm`, `${keptAs}-shm`);
      moveIfPresent(`${database}-journal`, `${keptAs}-journal`);
      previous = { keptAs, siteId: current?.siteId ?? null, schemaVersion: current?.schemaVersion ?? null };
    }
    renameSync(incoming, database);
  } catch (error) {
    // Put the old database back if it had been moved, and leave no half-restored state.
    if (hasCurrent && !existsSync(database)) {
      moveIfPresent(keptAs, database);
      moveIfPresent(`${keptAs}-wal`, `${database}-wal`);
    }
    if (existsSync(incoming)) unlinkSync(incoming);
    throw error;
  }
  return { database, from, siteId: backup.siteId, schemaVersion: backup.schemaVersion, previous, siteReplaced };
}
