/**
 * Min/max decimation for charts: a day at 1 Hz is 86,400 points, a chart is a thousand pixels wide.
 * Each bucket of x keeps, per series, its lowest and its highest value in the order they occurred,
 * so a spike of one second still reaches its true height on screen while the path has at most two
 * points a bucket. Series share x (uPlot's aligned data), so a bucket yields two x positions: its
 * first and its last sample.
 */

export type SeriesValues = ArrayLike<number | null | undefined>;

export interface Decimated {
  readonly x: Float64Array;
  readonly ys: ReadonlyArray<Array<number | null>>;
}

/** Returns the input unchanged (copied into the output shape) when it has no more than 2 × buckets points. */
export function minMaxDecimate(x: ArrayLike<number>, ys: ReadonlyArray<SeriesValues>, buckets: number): Decimated {
  const n = x.length;
  const target = Math.max(1, Math.floor(buckets));
  if (n <= target * 2) {
    return { x: Float64Array.from(x), ys: ys.map((y) => Array.from({ length: n }, (_, i) => finiteOrNull(y[i]))) };
  }
  const x0 = x[0] as number;
  const span = (x[n - 1] as number) - x0;
  const width = span > 0 ? span / target : 1;
  const outX: number[] = [];
  const outYs: Array<Array<number | null>> = ys.map(() => []);
  let start = 0;
  while (start < n) {
    const bucket = Math.min(target - 1, Math.floor(((x[start] as number) - x0) / width));
    let end = start + 1;
    while (end < n && Math.min(target - 1, Math.floor(((x[end] as number) - x0) / width)) === bucket) end += 1;
    const last = end - 1;
    outX.push(x[start] as number);
    if (last !== start) outX.push(x[last] as number);
    ys.forEach((y, s) => {
      let minI = -1;
      let maxI = -1;
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = start; i < end; i++) {
        const v = y[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        if (v < min) {
          min = v;
          minI = i;
        }
        if (v > max) {
          max = v;
          maxI = i;
        }
      }
      const out = outYs[s] as Array<number | null>;
      if (minI === -1) {
        out.push(null);
        if (last !== start) out.push(null);
      } else if (last === start) {
        out.push(min);
      } else if (minI <= maxI) {
        out.push(min, max);
      } else {
        out.push(max, min);
      }
    });
    start = end;
  }
  return { x: Float64Array.from(outX), ys: outYs };
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Inserts a null after any gap wider than `maxGap` in x, so a line breaks where the device was
 * silent instead of drawing a straight bridge over hours nobody measured.
 */
export function breakGaps(x: ArrayLike<number>, ys: ReadonlyArray<SeriesValues>, maxGap: number): Decimated {
  const outX: number[] = [];
  const outYs: Array<Array<number | null>> = ys.map(() => []);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (i > 0 && xi - (x[i - 1] as number) > maxGap) {
      outX.push(((x[i - 1] as number) + xi) / 2);
      for (const out of outYs) out.push(null);
    }
    outX.push(xi);
    ys.forEach((y, s) => (outYs[s] as Array<number | null>).push(finiteOrNull(y[i])));
  }
  return { x: Float64Array.from(outX), ys: outYs };
}
