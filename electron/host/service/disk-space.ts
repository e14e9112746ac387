import { statfsSync } from 'node:fs';
import type { DiskHealth } from '../../../shared/protocol';

/** Free and total space of the disk holding `dir` (free = what an unprivileged process may use); null if unreadable. */
export function diskSpace(dir: string): DiskHealth | null {
  try {
    const s = statfsSync(dir);
    return { free_bytes: s.bavail * s.bsize, total_bytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}
