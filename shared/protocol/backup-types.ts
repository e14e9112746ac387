/**
 * Backups of the console's database (issue 11): `POST /api/backups` makes one now, `GET /api/backups`
 * lists them. A backup is one SQLite file, `emberwatch-YYYYMMDD-HHMMSS.db` (UTC), checked after
 * writing; restoring one is a command-line step while the console is stopped (README).
 */

/** One backup file as the console sees it. */
export interface BackupView {
  /** File name, e.g. emberwatch-20261122-030000.db */
  readonly name: string;
  /** Full path on the console's machine. */
  readonly file: string;
  /** When it was made (from its name), ISO-8601. */
  readonly created_at: string;
  readonly bytes: number;
}

/** Who asks for a backup: an operator (not a viewer, not at a wall display), as for alarm actions. */
export interface BackupCreateParams {
  readonly operator?: string;
  readonly station?: string;
  readonly comment?: string;
  /** Over the WebSocket from beyond loopback: the console's token (REST uses the Authorization header). */
  readonly token?: string;
}

export interface BackupCreateResult {
  readonly backup: BackupView;
  /** `PRAGMA integrity_check` of the copy: always "ok" here (a failed check is an error, not a result). */
  readonly integrity: 'ok';
  readonly site_id: string;
  readonly schema_version: number;
  /** Milliseconds the copy and its check took. */
  readonly took_ms: number;
  /** Older backups removed to keep the newest `backup.keep`. */
  readonly removed: ReadonlyArray<string>;
}

export interface BackupsListResponse {
  readonly dir: string;
  /** Newest first. */
  readonly backups: ReadonlyArray<BackupView>;
  /** settings backup.keep */
  readonly keep: number;
  /** The next scheduled backup (ISO-8601), or null when the schedule is off. */
  readonly next_at: string | null;
  readonly last_error: string | null;
}
