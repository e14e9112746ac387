// Small numerics of the analytics: a robust line fit, a correlation, and the seed's FFT
// periodicity test. All work on caller-provided typed arrays so a reading allocates nothing.

/** `value` is above `threshold` by more than `epsilon` (so a rise printed as 0.30 is not above 0.3). */
export function above(value: number, threshold: number, epsilon: number): boolean {
  return value - threshold > epsilon;
}

export function below(value: number, threshold: number, epsilon: number): boolean {
  return threshold - value > epsilon;
}

export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** 1 − SS_res / SS_tot of the fitted line, within 0…1 (1 for a flat series fitted exactly). */
  readonly r2: number;
}

function median(values: Float64Array, count: number): number {
  const sorted = values.subarray(0, count).sort();
  const mid = count >> 1;
  return count % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Theil–Sen line: the median of the pairwise slopes, and the median of y − slope·x as intercept.
 * One outlying point (a noisy first reading of a minute) barely moves it. `scratch` must hold
 * n(n−1)/2 values. Returns null with fewer than two distinct x.
 */
export function theilSen(xs: Float64Array, ys: Float64Array, n: number, scratch: Float64Array): LineFit | null {
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx !== 0) scratch[k++] = ((ys[j] as number) - (ys[i] as number)) / dx;
    }
  }
  if (k === 0) return null;
  const slope = median(scratch, k);
  for (let i = 0; i < n; i++) scratch[i] = (ys[i] as number) - slope * (xs[i] as number);
  const intercept = median(scratch, n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += ys[i] as number;
  mean /= n;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    const y = ys[i] as number;
    const e = y - (intercept + slope * (xs[i] as number));
    ssTot += (y - mean) * (y - mean);
    ssRes += e * e;
  }
  const r2 = ssTot > 1e-12 ? Math.max(0, Math.min(1, 1 - ssRes / ssTot)) : ssRes <= 1e-12 ? 1 : 0;
  return { slope, intercept, r2 };
}

/** Pearson correlation of two equally long series; null when either does not vary. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number | null {
  if (n < 3) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa <= 1e-12 || sbb <= 1e-12) return null;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

export interface Periodicity {
  readonly periodic: boolean;
  /** In samples (the caller's unit). */
  readonly period: number | null;
  /** Cycles per sample, signed as np.fft.fftfreq gives it. */
  readonly dominantFrequency: number | null;
}

const twiddles = new Map<number, { readonly cos: Float64Array; readonly sin: Float64Array }>();

function twiddleTable(n: number): { readonly cos: Float64Array; readonly sin: Float64Array } {
  let table = twiddles.get(n);
  if (!table) {
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    table = { cos, sin };
    twiddles.set(n, table);
  }
  return table;
}

/**
 * The seed's `detect_periodicity`: the discrete Fourier transform of the values (DC included),
 * the strongest bin after DC, periodic when its magnitude exceeds twice the mean magnitude.
 * The values are real, so bin n−k mirrors bin k: only the first half is computed, and the
 * strongest bin is taken among the non-negative frequencies (np.argmax's first maximum, free of
 * the rounding that decides between two mirrored bins). A direct transform: n is at most the
 * sixty minutes of an hour.
 */
export function detectPeriodicity(values: ArrayLike<number>, n: number): Periodicity {
  if (n < 10) return { periodic: false, period: null, dominantFrequency: null };
  const { cos, sin } = twiddleTable(n);
  const half = Math.floor(n / 2);
  let total = 0;
  let bestK = 1;
  let bestMag = -1;
  for (let k = 0; k <= half; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      const idx = (k * t) % n;
      const v = values[t] as number;
      re += v * (cos[idx] as number);
      im -= v * (sin[idx] as number);
    }
    const mag = Math.sqrt(re * re + im * im);
    // Bins 1…⌈n/2⌉−1 appear twice in the full spectrum; DC and (for even n) Nyquist once.
    total += k === 0 || 2 * k === n ? mag : 2 * mag;
    if (k >= 1 && mag > bestMag) {
      bestMag = mag;
      bestK = k;
    }
  }
  // np.fft.fftfreq: k/n below ⌈n/2⌉, (k − n)/n from there (the Nyquist bin of an even n is −0.5).
  const frequency = bestK < Math.ceil(n / 2) ? bestK / n : (bestK - n) / n;
  return {
    periodic: bestMag > (total / n) * 2,
    period: 1 / Math.abs(frequency),
    dominantFrequency: frequency,
  };
}
