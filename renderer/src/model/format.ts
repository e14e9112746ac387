/** A reading with a fixed number of decimals, or null when there is nothing sensible to show. */
export function formatFixed(value: number | null | undefined, decimals: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const text = value.toFixed(decimals);
  // -0.0 reads as a sign error on a control-room screen.
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
