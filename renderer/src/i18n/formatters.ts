import type { Language } from './languages';
import { LANGUAGE_LOCALES } from './languages';

// Intl formatters are costly to build and cheap to reuse; one per language is plenty.
const rateFormats = new Map<Language, Intl.NumberFormat>();
const clockFormats = new Map<Language, Intl.DateTimeFormat>();

export function formatRate(perSecond: number, language: Language): string {
  let format = rateFormats.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(LANGUAGE_LOCALES[language], { maximumFractionDigits: 1 });
    rateFormats.set(language, format);
  }
  // A tenth of a message per second matters at a trickle and is noise at a flood.
  return format.format(perSecond >= 10 ? Math.round(perSecond) : perSecond);
}

/** A console-clock time of day, with seconds: stale data is judged to the second. */
export function formatClockTime(epochMs: number, language: Language): string {
  let format = clockFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(LANGUAGE_LOCALES[language], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    clockFormats.set(language, format);
  }
  return format.format(epochMs);
}
