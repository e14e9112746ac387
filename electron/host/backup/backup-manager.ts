import type { BackupCreateResult, BackupsHealth, BackupsListResponse } from '../../../shared/protocol';
import type { BackupSettings } from '../config/operation-schema';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../store/database';
import type { BackupEntry } from './backup-files';
import { listBackups, pruneBackups, resolveBackupDir, toBackupView } from './backup-files';
import { BackupError, createBackup } from './create-backup';

// Scheduled and on-demand backups of the one database. One backup at a time: asking while one is
// being written gets that one. The schedule counts from the newest backup on disk, so a console
// restarted every few hours still makes one a day, and not one per start.

export interface BackupManagerOptions {
  readonly db: SqliteDatabase;
  readonly dataDir: string;
  readonly settings: BackupSettings;
  readonly siteId: string;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly nativeBinding?: string;
  readonly now?: () => number;
  /** Pages per backup step (tests make it small to keep a backup in flight). */
  readonly pagesPerStep?: number;
}

export type BackupTrigger = 'schedule' | 'demand';

/** Who asked for an on-demand backup, for the log. */
export interface BackupRequester {
  readonly operator: string;
  readonly station: string;
  readonly comment?: string;
}

/** The first scheduled backup waits this long after start, so a start-up is never slowed by one. */
export const FIRST_BACKUP_DELAY_MS = 60_000;
/** After a failed scheduled backup, the next try comes this soon (or at the interval, if shorter). */
export const RETRY_AFTER_FAILURE_MS = 3_600_000;
/** setTimeout's longest delay; a longer wait is taken in pieces. */
const MAX_TIMER_MS = 2_147_483_647;
/** The folder is listed again for health at most this often (someone may remove files by hand). */
const LIST_CACHE_MS = 30_000;

class BackupAborted extends Error {
  constructor() {
    super('the console is stopping');
    this.name = 'BackupAborted';
  }
}

export class BackupManager {
  readonly dir: string;
  private readonly now: () => number;
  private running: Promise<BackupCreateResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextAtMs: number | null = null;
  private lastError: string | null = null;
  private cache: { atMs: number; entries: ReadonlyArray<BackupEntry> } | null = null;
  private stopping = false;

  constructor(private readonly options: BackupManagerOptions) {
    this.dir = resolveBackupDir(options.dataDir, options.settings.dir);
    this.now = options.now ?? Date.now;
  }

  /** Starts the schedule (when settings enable it). */
  start(): void {
    if (!this.options.settings.enabled || this.stopping) return;
    const newest = this.entries()[0];
    const due = newest === undefined ? this.now() : newest.atMs + this.intervalMs();
    this.schedule(Math.max(due, this.now() + FIRST_BACKUP_DELAY_MS));
  }

  /** Makes a backup now (or joins the one being made), then removes the oldest beyond `keep`. */
  create(trigger: BackupTrigger, actor?: BackupRequester): Promise<BackupCreateResult> {
    if (this.stopping) return Promise.reject(new BackupError('the console is stopping; no backup was made'));
    if (this.running) return this.running;
    const run = this.run(trigger, actor).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(trigger: BackupTrigger, actor?: BackupRequester): Promise<BackupCreateResult> {
    const { log } = this.options;
    try {
      const made = await createBackup(this.options.db, {
        dir: this.dir,
        nowMs: this.now(),
        siteId: this.options.siteId,
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
        ...(this.options.pagesPerStep !== undefined ? { pagesPerStep: this.options.pagesPerStep } : {}),
        onStep: () => {
          if (this.stopping) throw new BackupAborted();
        },
      });
      const removed = pruneBackups(this.dir, this.options.settings.keep);
      this.cache = null;
      this.lastError = null;
      log.info('backup made', {
        file: made.entry.file,
        bytes: made.entry.bytes,
        took_ms: made.tookMs,
        trigger,
        ...(actor ? { operator: actor.operator, station: actor.station, ...(actor.comment ? { comment: actor.comment } : {}) } : {}),
        ...(removed.length > 0 ? { removed } : {}),
      });
      return {
        backup: toBackupView(made.entry),
        integrity: 'ok',
        site_id: made.siteId,
        schema_version: made.schemaVersion,
        took_ms: made.tookMs,
        removed,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!this.stopping) {
        this.lastError = message;
        log.error('backup failed', { error: message, trigger, dir: this.dir });
      }
      throw error instanceof BackupError ? error : new BackupError(message);
    }
  }

  private intervalMs(): number {
    return this.options.settings.every_hours * 3_600_000;
  }

  private schedule(atMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.nextAtMs = atMs;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, atMs - this.now()));
    this.timer = setTimeout(() => this.onTimer(), wait);
    this.timer.unref();
  }

  private onTimer(): void {
    this.timer = null;
    if (this.stopping || this.nextAtMs === null) return;
    if (this.now() < this.nextAtMs) {
      this.schedule(this.nextAtMs);
      return;
    }
    this.create('schedule').then(
      () => this.schedule(this.now() + this.intervalMs()),
      () => this.schedule(this.now() + Math.min(this.intervalMs(), RETRY_AFTER_FAILURE_MS)),
    );
  }

  private entries(): ReadonlyArray<BackupEntry> {
    const now = this.now();
    if (this.cache === null || now - this.cache.atMs > LIST_CACHE_MS || now < this.cache.atMs) {
      this.cache = { atMs: now, entries: listBackups(this.dir) };
    }
    return this.cache.entries;
  }

  list(): BackupsListResponse {
    this.cache = null;
    return {
      dir: this.dir,
      backups: this.entries().map(toBackupView),
      keep: this.options.settings.keep,
      next_at: this.nextAtMs === null ? null : new Date(this.nextAtMs).toISOString(),
      last_error: this.lastError,
    };
  }

  health(): BackupsHealth {
    const entries = this.entries();
    const newest = entries[0];
    return {
      dir: this.dir,
      count: entries.length,
      last_at: newest ? new Date(newest.atMs).toISOString() : null,
      last_file: newest ? newest.name : null,
      last_error: this.lastError,
      next_at: this.nextAtMs === null ? null : new Date(this.nextAtMs).toISOString(),
      running: this.running !== null,
    };
  }

  /** Stops the schedule and aborts a backup in flight (its partial file is removed) before the database closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAtMs = null;
    const inFlight = this.running;
    if (inFlight) await inFlight.catch(() => undefined);
  }
}
