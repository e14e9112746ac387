// Reading timestamps: ISO-8601 strings (device) or epoch milliseconds (the IoT rule's timestamp()).
// Accepted range is 1970-01-01 to 9999-12-31 UTC, so every accepted time prints in the fixed
// 24-character ISO form and sorts as text the same way as in time.

export const MAX_TIMESTAMP_MS = 253_402_300_799_999;

export type TimestampParse =
  | { readonly ok: true; readonly ms: number; readonly iso: string }
  | { readonly ok: false; readonly reason: string };

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = digitAt(text, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

function civilToMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

function quote(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

function inRange(ms: number): boolean {
  return ms >= 0 && ms <= MAX_TIMESTAMP_MS;
}

// The canonical form `YYYY-MM-DDTHH:MM:SS.sssZ` is what nearly every device sends; reading it by
// character codes and reusing the text as output keeps the common case free of regex and Date work.
function parseCanonical(text: string): number {
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 ||
    text.charCodeAt(23) !== 90
  ) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = digits(text, 20, 3);
  if ((year | month | day | hour | minute | second | millis) < 0) return Number.NaN;
  return civilToMs(year, month, day, hour, minute, second, millis);
}

/** Formats epoch milliseconds as ISO-8601 UTC with milliseconds. */
export function formatIsoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Parses an ISO-8601 date-time. Sub-millisecond digits are truncated; a time without a zone is
 * taken as UTC (the source system ran in UTC); a date without a time is refused, since readings
 * of one day would otherwise collide as redeliveries.
 */
export function parseIsoTimestamp(text: string): TimestampParse {
  if (text.length === 24) {
    const ms = parseCanonical(text);
    if (ms === ms) {
      return inRange(ms) ? { ok: true, ms, iso: text } : { ok: false, reason: `${quote(text)} is outside 1970–9999` };
    }
  }
  const match = text.length <= 64 ? ISO_PATTERN.exec(text) : null;
  if (match === null) return { ok: false, reason: `${quote(text)} is not an ISO-8601 date-time` };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7];
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  let ms = civilToMs(year, month, day, hour, minute, second, millis);
  if (ms !== ms) return { ok: false, reason: `${quote(text)} is not a valid calendar date and time` };
  if (match[9] !== undefined) {
    const offsetHours = Number(match[10]);
    const offsetMinutes = match[11] === undefined ? 0 : Number(match[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return { ok: false, reason: `${quote(text)} has an invalid UTC offset` };
    const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000;
    ms = match[9] === '+' ? ms - offsetMs : ms + offsetMs;
  }
  if (!inRange(ms)) return { ok: false, reason: `${quote(text)} is outside 1970–9999` };
  return { ok: true, ms, iso: formatIsoMillis(ms) };
}

/** Epoch milliseconds as the IoT rule's timestamp() gives them. */
export function parseEpochMillis(value: number): TimestampParse {
  if (!Number.isFinite(value)) return { ok: false, reason: `${value} is not a finite number` };
  if (!Number.isInteger(value)) return { ok: false, reason: `${value} is not a whole number of epoch milliseconds` };
  if (!inRange(value)) return { ok: false, reason: `${value} is outside 1970–9999 in epoch milliseconds` };
  return { ok: true, ms: value, iso: formatIsoMillis(value) };
}
