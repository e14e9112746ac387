import type { FieldSpec } from './settings-schema';

// Issue 11: backups, logs and the system-health bounds. Kept beside settings-schema.ts (as
// cloud-schema.ts is) so the schema's table stays readable; settings-schema.ts lists them under
// `backup`, `logs` and `health`.

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

// The composite system-health alarm's bounds. Defaults: a short outage or a slow commit is normal
// (a broker restart, a checkpoint), so a reason must stand for 30 s before the alarm, and the alarm
// clears only after 2 minutes of health; the figures are well past what a working console shows
// (DESIGN.md: commits of milliseconds, host memory <= 400 MB at 10,000 devices), and a numeric reason
// clears only below 80 % of its bound, so it does not chatter at the edge.
export const HEALTH_SETTINGS_SPEC: FieldSpec = {
  kind: 'object',
  description: 'When the console raises its composite system_health alarm (a connection down while others are up, the store failing or slow, a quarantine surge, the cloud outbox stuck, disk or memory short).',
  fields: {
    raise_after_s: { kind: 'number', description: 'Seconds a reason must stand, unbroken, before the alarm is raised.', min: 0, max: 3600, default: 30 },
    clear_after_s: { kind: 'number', description: 'Seconds without any reason before the alarm clears.', min: 0, max: 3600, default: 120 },
    commit_ms_max: { kind: 'number', description: 'Average commit time over the last minute, ms, above which the store is too slow.', min: 1, max: 600000, default: 2000 },
    pending_writes_max: { kind: 'integer', description: 'Writes waiting for the store above which its queue is too long.', min: 1, max: 100000000, default: 100000 },
    quarantine_per_s_max: { kind: 'number', description: 'Quarantined messages per second (last minute\'s average) above which bad input is surging.', min: 0.01, max: 1000000, default: 5 },
    outbox_stuck_minutes: { kind: 'number', description: 'Minutes the oldest cloud outbox entry may wait (while the cloud link is on).', min: 1, max: 100000, default: 15 },
    breaker_open_minutes: { kind: 'number', description: 'Minutes the cloud circuit breaker may stay open.', min: 1, max: 100000, default: 5 },
    disk_free_min_percent: { kind: 'number', description: 'Free space of the data directory\'s disk, percent, below which it is nearly full.', min: 0, max: 99, default: 5 },
    memory_max_mb: { kind: 'number', description: 'Host resident memory, MB (10^6 bytes), above which it is too large.', min: 64, max: 1000000, default: 1536 },
  },
};

/** The validated `health` settings (mirrors HEALTH_SETTINGS_SPEC). */
export interface HealthSettings {
  readonly raise_after_s: number;
  readonly clear_after_s: number;
  readonly commit_ms_max: number;
  readonly pending_writes_max: number;
  readonly quarantine_per_s_max: number;
  readonly outbox_stuck_minutes: number;
  readonly breaker_open_minutes: number;
  readonly disk_free_min_percent: number;
  readonly memory_max_mb: number;
}

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
