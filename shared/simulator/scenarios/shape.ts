/** 0 before `fromS`, 1 after `toS`, a smooth S-curve between (processes start and settle gently). */
export function ramp(elapsedS: number, fromS: number, toS: number): number {
  if (elapsedS <= fromS) return 0;
  if (elapsedS >= toS) return 1;
  const x = (elapsedS - fromS) / (toS - fromS);
  return x * x * (3 - 2 * x);
}

/** 0 before `fromS`, then linear to 1 at `toS`: for damage that accumulates steadily. */
export function linear(elapsedS: number, fromS: number, toS: number): number {
  if (elapsedS <= fromS) return 0;
  if (elapsedS >= toS) return 1;
  return (elapsedS - fromS) / (toS - fromS);
}

/** Scales a quantity by the variant: `min` at variant 0, `max` at variant 1. */
export function byVariant(variant: number, min: number, max: number): number {
  return min + (max - min) * variant;
}
