import { statSync } from 'node:fs';

/** Bytes on disk of the database with its WAL, which can be large between checkpoints. */
export function databaseBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // The WAL and shared-memory files exist only while the database is open in WAL mode.
    }
  }
  return total;
}
