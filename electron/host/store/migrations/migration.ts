/**
 * One schema step. A released migration is never edited: a change is a new file with the next
 * number, listed in index.ts. `PRAGMA user_version` records the last one applied.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}
