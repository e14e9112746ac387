import type { Migration } from './migration';

// The alarm system (issue 7). Kept for good: retention never touches these tables. Times are epoch
// milliseconds, except the journal's `at`, which is the ISO-8601 text its hash was taken over.

export const MIGRATION_003: Migration = {
  version: 3,
  description: 'alarms, their transitions, the hash-chained journal, applied station actions, escalations, stations and operators',
  sql: `
    -- One row per alarm point ever raised: its current record (shared/alarms AlarmRecord as JSON),
    -- with the columns the API filters on beside it.
    CREATE TABLE alarms (
      id TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      device_id TEXT,
      zone TEXT,
      source TEXT NOT NULL,
      priority TEXT NOT NULL,
      activated_at INTEGER,
      last_change_at INTEGER NOT NULL,
      record TEXT NOT NULL
    ) STRICT;
    CREATE INDEX alarms_state ON alarms(state);
    CREATE INDEX alarms_device ON alarms(device_id) WHERE device_id IS NOT NULL;

    -- Every change an operator could see, in the order it happened: the KPIs and history read it.
    CREATE TABLE alarm_transitions (
      id INTEGER PRIMARY KEY,
      alarm_id TEXT NOT NULL,
      device_id TEXT,
      zone TEXT,
      source TEXT NOT NULL,
      priority TEXT NOT NULL,
      from_state TEXT NOT NULL,
      to_state TEXT NOT NULL,
      cause TEXT NOT NULL,
      at INTEGER NOT NULL,
      operator TEXT,
      station TEXT,
      comment TEXT,
      condition_active INTEGER NOT NULL,
      late INTEGER NOT NULL,
      recorded_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX alarm_transitions_at ON alarm_transitions(at);
    CREATE INDEX alarm_transitions_device_at ON alarm_transitions(device_id, at) WHERE device_id IS NOT NULL;

    -- The append-only journal of operator actions and settings changes; each entry carries the
    -- hash of the one before (shared/alarms/journal.ts). device_id is for the ?device= filter only.
    CREATE TABLE journal (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      operator TEXT NOT NULL,
      station TEXT NOT NULL,
      action TEXT NOT NULL,
      alarm_id TEXT,
      comment TEXT,
      hash TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      at_ms INTEGER NOT NULL,
      device_id TEXT
    ) STRICT;
    CREATE INDEX journal_at ON journal(at_ms);
    CREATE INDEX journal_device ON journal(device_id, seq) WHERE device_id IS NOT NULL;
    CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
      BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
      BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

    -- Station actions (shared over MQTT) applied here, at most once each: a replay is a no-op.
    CREATE TABLE alarm_station_actions (
      action_id TEXT PRIMARY KEY,
      alarm_id TEXT NOT NULL,
      result TEXT NOT NULL,
      at INTEGER NOT NULL
    ) STRICT;

    -- Alarm presentations sent beyond the room (escalationKey = id@activated_at), once each.
    CREATE TABLE alarm_escalations (
      key TEXT PRIMARY KEY,
      alarm_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      targets TEXT NOT NULL
    ) STRICT;

    -- The screens of this console: who is signed in, wall display or not, and what each silenced.
    CREATE TABLE alarm_stations (
      station TEXT PRIMARY KEY,
      operator TEXT,
      wall_display INTEGER NOT NULL,
      silenced TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- Operators who signed in here; the PIN is an scrypt hash (scrypt$N$r$p$salt$hash), never the PIN.
    CREATE TABLE alarm_operators (
      name TEXT PRIMARY KEY,
      pin_hash TEXT,
      created_at INTEGER NOT NULL,
      last_sign_in_at INTEGER,
      last_station TEXT
    ) STRICT;
  `,
};
