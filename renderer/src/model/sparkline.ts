export interface SparklineRange {
  readonly min: number;
  readonly max: number;
}

/** Lowest and highest finite value, widened to `minSpan` so a flat line sits in the middle, not at an edge. */
export function sparklineRange(values: ReadonlyArray<number>, minSpan: number): SparklineRange | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return null;
  if (max - min < minSpan) {
    const mid = (min + max) / 2;
    return { min: mid - minSpan / 2, max: mid + minSpan / 2 };
  }
  return { min, max };
}

/**
 * An SVG path through the values, spread evenly over `width` (the newest at the right edge) and
 * scaled into `height` with the maximum at the top. Non-finite values break the line.
 */
export function sparklinePath(values: ReadonlyArray<number>, width: number, height: number, range: SparklineRange | null, capacity = values.length): string {
  if (range === null || values.length === 0) return '';
  const slots = Math.max(2, capacity);
  const step = width / (slots - 1);
  const offset = slots - values.length;
  const span = range.max - range.min || 1;
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = (offset + i) * step;
    const y = height - ((v - range.min) / span) * height;
    path += `${pen ? 'L' : 'M'}${round(x)} ${round(y)}`;
    pen = true;
  });
  return path;
}

function round(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}
