import type { Language } from '../../i18n/languages';
import { LANGUAGE_LOCALES } from '../../i18n/languages';

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** `2026-11-22 10:04:05`-like, in the station's time zone: incidents span days. */
export function formatDateTime(iso: string, language: Language): string {
  let format = dateTimeFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(LANGUAGE_LOCALES[language], {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
    });
    dateTimeFormats.set(language, format);
  }
  return format.format(Date.parse(iso));
}

/** A `datetime-local` input's value (local time) as epoch ms; undefined when empty or unreadable. */
export function localInputToMs(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Epoch ms as a `datetime-local` value, in local time, to the minute. */
export function msToLocalInput(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
