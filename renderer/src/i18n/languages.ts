export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, so an operator can find theirs whatever is on screen. */
export const LANGUAGE_NAMES: { readonly [L in Language]: string } = { en: 'English', ko: '한국어' };

/** The locale used for numbers and clock times in each language. */
export const LANGUAGE_LOCALES: { readonly [L in Language]: string } = { en: 'en-GB', ko: 'ko-KR' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as ReadonlyArray<string>).includes(value);
}
