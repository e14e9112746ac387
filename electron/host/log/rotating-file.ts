import { appendFileSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** When a log file is rotated, and how many files are kept (the current one included). */
export interface RotationPolicy {
  readonly maxBytes: number;
  readonly maxFiles: number;
}

/** 10 MB × 5 files: about 50 MB of history, bounded, however long a wall display runs. */
export const DEFAULT_ROTATION: RotationPolicy = { maxBytes: 10_000_000, maxFiles: 5 };

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * An append-only file rotated by size: `host.log` → `host.log.1` → … → `host.log.<maxFiles-1>`,
 * the oldest deleted. Appends are synchronous, so a line is in the file when `append` returns (a
 * crash right after still leaves it). Throws what the file system throws; the logger decides.
 */
export class RotatingFile {
  private size: number;

  constructor(
    readonly file: string,
    private readonly policy: RotationPolicy = DEFAULT_ROTATION,
  ) {
    this.size = sizeOf(file);
  }

  append(text: string): void {
    const bytes = Buffer.byteLength(text);
    // A line larger than the limit still goes in whole, into a file of its own.
    if (this.size > 0 && this.size + bytes > this.policy.maxBytes) this.rotate();
    appendFileSync(this.file, text);
    this.size += bytes;
  }

  /** Shifts every file one place up and starts an empty current file. */
  rotate(): void {
    const keep = Math.max(1, Math.floor(this.policy.maxFiles));
    // Anything numbered beyond what is kept (a smaller `files` setting than before) goes too.
    for (const old of rotatedFiles(this.file)) if (old.index >= keep - 1) removeIfPresent(old.path);
    for (let i = keep - 2; i >= 1; i -= 1) {
      try {
        renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
      } catch {
        // a gap in the numbering: nothing to move
      }
    }
    if (keep > 1) {
      try {
        renameSync(this.file, `${this.file}.1`);
      } catch {
        removeIfPresent(this.file);
      }
    } else {
      removeIfPresent(this.file);
    }
    this.size = 0;
  }
}

/** `host.log.1`, `host.log.2` … beside `file`, with their numbers. */
export function rotatedFiles(file: string): ReadonlyArray<{ readonly path: string; readonly index: number }> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<{ path: string; index: number }> = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (/^\d+$/.test(rest)) out.push({ path: join(dir, name), index: Number(rest) });
  }
  return out.sort((a, b) => a.index - b.index);
}
