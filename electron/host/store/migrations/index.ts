import { MIGRATION_001 } from './001-registry';
import { MIGRATION_002 } from './002-history';
import { MIGRATION_003 } from './003-alarms';
import { MIGRATION_004 } from './004-cloud';
import { MIGRATION_005 } from './005-incident-index';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** In version order; each file holds one step. */
export const MIGRATIONS: ReadonlyArray<Migration> = [MIGRATION_001, MIGRATION_002, MIGRATION_003, MIGRATION_004, MIGRATION_005];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
