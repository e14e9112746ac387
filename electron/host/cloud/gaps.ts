// Where a device's local history has holes that the cloud's RawData may fill. Times are event
// times (epoch ms); ranges are inclusive at both ends, as a BETWEEN query reads them.

export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The stretches of [fromMs, toMs] longer than `minGapMs` with no local reading: before the first,
 * between two, after the last (or all of it when there is none). `timestamps` ascending.
 */
export function findGaps(timestamps: ReadonlyArray<number>, fromMs: number, toMs: number, minGapMs: number): TimeRange[] {
  if (toMs <= fromMs) return [];
  const gaps: TimeRange[] = [];
  let previous = fromMs;
  let first = true;
  for (const ts of timestamps) {
    if (ts < fromMs || ts > toMs) continue;
    // A leading stretch is measured from the range's start; between readings, the reading itself is had.
    if (ts - previous > minGapMs) gaps.push({ fromMs: first ? previous : previous + 1, toMs: ts - 1 });
    previous = ts;
    first = false;
  }
  if (toMs - previous > minGapMs) gaps.push({ fromMs: first ? previous : previous + 1, toMs });
  return gaps;
}

/** Ranges sorted and joined where they overlap or lie within `joinWithinMs` of each other. */
export function mergeRanges(ranges: ReadonlyArray<TimeRange>, joinWithinMs = 0): TimeRange[] {
  const sorted = [...ranges].filter((r) => r.toMs >= r.fromMs).sort((a, b) => a.fromMs - b.fromMs);
  const out: Array<{ fromMs: number; toMs: number }> = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.fromMs <= last.toMs + joinWithinMs) last.toMs = Math.max(last.toMs, range.toMs);
    else out.push({ fromMs: range.fromMs, toMs: range.toMs });
  }
  return out;
}
