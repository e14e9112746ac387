// Python's `format(x, '.Nf')`, so messages show the digits the source system showed.
// Number.prototype.toFixed also rounds the exact binary value, but breaks an exact tie upwards
// (0.125 → "0.13") where Python rounds it to even ("0.12").

const TIE_PROBE_DIGITS = 30;
const TIE_TAIL = `5${'0'.repeat(TIE_PROBE_DIGITS - 1)}`;

export function formatFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const magnitude = Math.abs(value);
  const zeros = digits > 0 ? `.${'0'.repeat(digits)}` : '';
  // Doubles this large are whole numbers, and toFixed switches to exponent notation for them.
  if (magnitude >= 1e21) return `${sign}${BigInt(magnitude).toString()}${zeros}`;
  let text = magnitude.toFixed(digits);
  const probeDigits = Math.min(100, digits + TIE_PROBE_DIGITS);
  const wide = magnitude.toFixed(probeDigits);
  if (probeDigits === digits + TIE_PROBE_DIGITS && wide.endsWith(TIE_TAIL)) {
    let truncated = wide.slice(0, wide.length - TIE_PROBE_DIGITS);
    if (truncated.endsWith('.')) truncated = truncated.slice(0, -1);
    const lastDigit = truncated.charCodeAt(truncated.length - 1) - 48;
    if (lastDigit % 2 === 0) text = truncated;
  }
  return `${sign}${text}`;
}

/** Python's `str()` of an int. */
export function formatInteger(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(Math.trunc(value)).toString();
}
