import Database from 'better-sqlite3';

/** What a database file says about itself, read without changing it. */
export interface DatabaseInspection {
  /** `PRAGMA integrity_check`'s lines: exactly ['ok'] for a sound file. */
  readonly integrity: ReadonlyArray<string>;
  readonly ok: boolean;
  /** `meta.site_id`, or null when the file has none (not an Emberwatch database, or damaged). */
  readonly siteId: string | null;
  /** `PRAGMA user_version`: the last migration applied. */
  readonly schemaVersion: number;
}

export interface InspectOptions {
  /** better-sqlite3 built for the running ABI (the desktop app's Electron build). */
  readonly nativeBinding?: string;
  /** Open read-write (a fresh backup copy this process owns); default read-only. */
  readonly writable?: boolean;
}

/** Opens an SQLite file for a check; throws with a readable message when it is not one. */
export function openForCheck(file: string, options: InspectOptions = {}): Database.Database {
  return new Database(file, {
    readonly: options.writable !== true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}

/** Reads integrity, site and schema version of an open database. */
export function inspectOpenDatabase(db: Database.Database): DatabaseInspection {
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const integrity = (db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  let siteId: string | null = null;
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: unknown } | undefined;
    siteId = typeof row?.value === 'string' && row.value !== '' ? row.value : null;
  } catch {
    siteId = null;
  }
  return { integrity, ok: integrity.length === 1 && integrity[0] === 'ok', siteId, schemaVersion };
}

/** Integrity, site and schema version of a database file (a backup, or one about to be replaced). */
export function inspectDatabaseFile(file: string, options: InspectOptions = {}): DatabaseInspection {
  const db = openForCheck(file, options);
  try {
    return inspectOpenDatabase(db);
  } finally {
    db.close();
  }
}
