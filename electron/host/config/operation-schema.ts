import type { FieldSpec } from './settings-schema';

// Issue 11: backups and logs. Kept beside settings-schema.ts (as cloud-schema.ts is) so the
// schema's table stays readable; settings-schema.ts lists them under `backup` and `logs`.

export const BACKUP_SETTINGS_SPEC: FieldSpec = {
  kind: 'object',
  description: 'Backups of emberwatch.db: an online copy, checked after writing, on a schedule and on demand (POST /api/backups).',
  fields: {
    enabled: { kind: 'boolean', description: 'Make backups on the schedule (on demand works either way).', default: true },
    every_hours: { kind: 'number', description: 'Hours between scheduled backups, counted from the newest backup (also across restarts).', min: 1, max: 8760, default: 24 },
    keep: { kind: 'integer', description: 'Backups kept; the oldest beyond this are removed after each new one.', min: 1, max: 1000, default: 14 },
    dir: {
      kind: 'string',
      description: 'Where backups are written (relative to the data directory, or absolute); default backups/ in the data directory. Another disk protects against more.',
    },
  },
};

export const LOG_SETTINGS_SPEC: FieldSpec = {
  kind: 'object',
  description: 'The host\'s JSON-line log, logs/host.log in the data directory, rotated by size.',
  fields: {
    level: { kind: 'enum', values: ['debug', 'info', 'warn', 'error'], description: 'Lines below this level are not written.', default: 'info' },
    max_file_mb: { kind: 'number', description: 'Size at which host.log is rotated, MB (10^6 bytes).', min: 0.01, max: 1000, default: 10 },
    files: { kind: 'integer', description: 'Log files kept, the current one included (host.log, host.log.1 …).', min: 1, max: 100, default: 5 },
  },
};

/** The validated `backup` settings (mirrors BACKUP_SETTINGS_SPEC). */
export interface BackupSettings {
  readonly enabled: boolean;
  readonly every_hours: number;
  readonly keep: number;
  readonly dir?: string;
}

/** The validated `logs` settings (mirrors LOG_SETTINGS_SPEC). */
export interface LogSettings {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly max_file_mb: number;
  readonly files: number;
}
