import type { Migration } from './migration';

export const MIGRATION_001: Migration = {
  version: 1,
  description: 'site identity and device registry',
  sql: `
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE devices (
      device_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      zone TEXT NOT NULL,
      position_x REAL,
      position_y REAL,
      source TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX devices_zone ON devices(zone);
  `,
};
