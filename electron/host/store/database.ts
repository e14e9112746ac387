import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Migration } from './migrations/index';
import { MIGRATIONS } from './migrations/index';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE_NAME = 'emberwatch.db';

/** SQLite's page cache for the one connection, in KiB. */
const CACHE_KIB = 64 * 1024;
/** WAL pages (4 KiB each) after which a commit checkpoints: about 40 MB. */
const WAL_CHECKPOINT_PAGES = 10_000;

/** The database was written by a newer Emberwatch; opening it could damage it, so we refuse. */
export class NewerDatabaseError extends Error {
  constructor(file: string, found: number, supported: number) {
    super(
      `${file} has schema version ${found}, but this Emberwatch understands up to ${supported}. ` +
        'It was written by a newer version; install that version or restore a backup. The file was not changed.',
    );
    this.name = 'NewerDatabaseError';
  }
}

export interface OpenOptions {
  readonly nativeBinding?: string;
  readonly migrations?: ReadonlyArray<Migration>;
}

/** Refuses a database from a newer Emberwatch before anything (even the journal mode) is written to it. */
function refuseNewer(db: SqliteDatabase, file: string, migrations: ReadonlyArray<Migration>): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new NewerDatabaseError(file, current, latest);
}

function applyMigrations(db: SqliteDatabase, file: string, migrations: ReadonlyArray<Migration>): void {
  refuseNewer(db, file, migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // Each step commits with its version number, so a crash mid-upgrade resumes at that step.
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Opens (creating if needed) the one database of a data directory. WAL lets readers run beside
 * the single writer; synchronous is set per transaction kind by the writer, NORMAL by default.
 */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    refuseNewer(db, file, options.migrations ?? MIGRATIONS);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Enough cache for the index pages every device's newest rows live in; temporary sorts
    // (downsampling GROUP BYs) stay in memory.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    // With thousands of devices a commit dirties a page per device in the readings index; a larger
    // WAL between checkpoints writes each of those pages back to the file once rather than often.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    applyMigrations(db, file, options.migrations ?? MIGRATIONS);
    db.prepare(`INSERT OR IGNORE INTO meta(key, value) VALUES ('site_id', ?)`).run(randomUUID());
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The site's identity, made once when its database was created; it names the console to brokers. */
export function readSiteId(db: SqliteDatabase): string {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string } | undefined;
  if (!row) throw new Error('the database has no site id');
  return row.value;
}
