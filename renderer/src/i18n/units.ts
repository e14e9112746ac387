import type { Language } from './languages';
import { LANGUAGE_LOCALES } from './languages';

const byteFormats = new Map<Language, Intl.NumberFormat>();

/** 1,234,567 → "1.2 MB" (decimal units, as disks are sold). */
export function formatBytes(value: number, language: Language): string {
  let format = byteFormats.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(LANGUAGE_LOCALES[language], { maximumFractionDigits: 1 });
    byteFormats.set(language, format);
  }
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, value);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${format.format(i === 0 ? Math.round(v) : v)} ${units[i]}`;
}

export interface DurationParts {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly secs: number;
}

export function formatDurationParts(seconds: number): DurationParts {
  const total = Math.max(0, Math.floor(seconds));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    secs: total % 60,
  };
}
