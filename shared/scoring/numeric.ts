// Numerics that must land on the same doubles as the source system's numpy calls.

const PAIRWISE_BLOCK = 128;

/**
 * numpy's pairwise summation (what `np.mean` and `np.sum` use on float64): below 8 values a plain
 * loop; up to 128 values eight interleaved partial sums combined as a tree, then the remainder;
 * above that, halves split at a multiple of 8. A plain left-to-right sum differs in the last bits.
 */
export function pairwiseSum(values: ArrayLike<number>, start: number, count: number): number {
  if (count < 8) {
    let sum = 0;
    for (let i = start; i < start + count; i++) sum += values[i] as number;
    return sum;
  }
  if (count <= PAIRWISE_BLOCK) {
    let r0 = values[start] as number;
    let r1 = values[start + 1] as number;
    let r2 = values[start + 2] as number;
    let r3 = values[start + 3] as number;
    let r4 = values[start + 4] as number;
    let r5 = values[start + 5] as number;
    let r6 = values[start + 6] as number;
    let r7 = values[start + 7] as number;
    const blockEnd = start + (count - (count % 8));
    let i = start + 8;
    for (; i < blockEnd; i += 8) {
      r0 += values[i] as number;
      r1 += values[i + 1] as number;
      r2 += values[i + 2] as number;
      r3 += values[i + 3] as number;
      r4 += values[i + 4] as number;
      r5 += values[i + 5] as number;
      r6 += values[i + 6] as number;
      r7 += values[i + 7] as number;
    }
    // The grouping is numpy's exactly; do not let a formatter flatten it.
    let sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < start + count; i++) sum += values[i] as number;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

/** numpy's mean of a float64 array: pairwise sum, then one division. */
export function numpyMean(values: ArrayLike<number>, start: number, count: number): number {
  return pairwiseSum(values, start, count) / count;
}

/**
 * Least-squares slope of values against their index 0…n−1 (what `np.polyfit(x, y, 1)[0]` gives, to
 * within rounding), in centred form for accuracy. Fewer than three values give 0, as in the source.
 */
export function linearTrend(values: ArrayLike<number>, start: number, count: number): number {
  if (count < 3) return 0;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[start + i] as number;
  const meanY = sum / count;
  const meanX = (count - 1) / 2;
  let sxy = 0;
  for (let i = 0; i < count; i++) sxy += (i - meanX) * ((values[start + i] as number) - meanY);
  const sxx = (count * (count * count - 1)) / 12;
  return sxy / sxx;
}
