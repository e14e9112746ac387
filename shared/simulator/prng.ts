/**
 * Seeded randomness for the simulator. Math.random cannot be seeded, and a run must be repeatable
 * from its seed alone, so every random draw in the simulator goes through an Rng from here.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer uniform in [min, max], both included. */
  int(min: number, max: number): number;
  /** Normal distribution (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
}

/** splitmix32 finaliser: spreads nearby integers (seed 1, seed 2) over the whole 32-bit space. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seed for an independent stream, from a base seed and a path of integers (device index, purpose).
 * Giving each device its own stream keeps its values unchanged when another device's scenario changes.
 */
export function deriveSeed(seed: number, ...path: ReadonlyArray<number>): number {
  let h = mix32(Math.trunc(seed) >>> 0);
  for (const part of path) h = mix32(h ^ mix32(Math.trunc(part) >>> 0));
  return h;
}

/** mulberry32: tiny, fast, and good enough for simulated sensor noise. */
export function createRng(seed: number): Rng {
  let state = Math.trunc(seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean = 0, sd = 1): number => {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const poisson = (mean: number): number => {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(normal(mean, Math.sqrt(mean))));
    // Knuth's method; exact for the small means arcs and similar rare events have.
    const limit = Math.exp(-mean);
    let k = 0;
    let p = next();
    while (p > limit) {
      k += 1;
      p *= next();
    }
    return k;
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal,
    poisson,
  };
}

/**
 * A uniform [0, 1) value that depends only on its inputs, for choices that must not consume a
 * stream (e.g. which spelling one message uses), so they cannot shift any other random draw.
 */
export function hashUnit(seed: number, ...path: ReadonlyArray<number>): number {
  return deriveSeed(seed, ...path) / 4294967296;
}
