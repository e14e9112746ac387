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

function twoDigits(text: string, index: number): number {
  const a = digitAt(text, index);
  const b = digitAt(text, index + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for years ≥ 0. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
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
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

function quote(text: string): string {
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

function inRange(ms: number): boolean {
  return ms >= 0 && ms <= MAX_TIMESTAMP_MS;
}

// The canonical form `YYYY-MM-DDTHH:MM:SS.sssZ` is what nearly every device sends; reading it by
// character codes, remembering the last date seen and reusing the text as output keeps the common
// case free of regex and Date work.
let lastDateKey = -1;
let lastDateDays = 0;

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
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const m1 = digitAt(text, 20);
  const m2 = digitAt(text, 21);
  const m3 = digitAt(text, 22);
  if ((century | yy | month | day | hour | minute | second | m1 | m2 | m3) < 0) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const year = century * 100 + yy;
  const dateKey = (year * 100 + month) * 100 + day;
  if (dateKey !== lastDateKey) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    lastDateDays = daysFromCivil(year, month, day);
    lastDateKey = dateKey;
  }
  return lastDateDays * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + m1 * 100 + m2 * 10 + m3;
}

const TWO_DIGITS: ReadonlyArray<string> = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS: ReadonlyArray<string> = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let lastFormatDay = -1;
let lastFormatPrefix = '';

function datePrefix(days: number): string {
  if (days !== lastFormatDay) {
    // H. Hinnant's civil_from_days.
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    lastFormatPrefix = `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
    lastFormatDay = days;
  }
  return lastFormatPrefix;
}

/** Formats epoch milliseconds as ISO-8601 UTC with milliseconds. */
export function formatIsoMillis(ms: number): string {
  if (!(ms >= 0 && ms <= MAX_TIMESTAMP_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  return `${datePrefix(days)}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[millis]}Z`;
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
