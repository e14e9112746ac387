import type { Migration } from './migration';

// The cloud link (issue 9). Health reads the outbox's depth, oldest entry and set-aside entries by
// kind every few seconds; during a long outage the outbox holds many large rows, and without this
// index each count would read them all. With it the count reads only the index.

export const MIGRATION_004: Migration = {
  version: 4,
  description: 'cloud outbox index for health (depth, oldest entry, set-aside entries by kind)',
  sql: `
    CREATE INDEX cloud_outbox_kind ON cloud_outbox(kind, next_attempt_at, created_at);
  `,
};
