/** The console's looks: a dark control-room theme (the default), a light one, and high contrast. */
export const THEME_NAMES = ['dark', 'light', 'contrast'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];
export const DEFAULT_THEME: ThemeName = 'dark';

export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEME_NAMES as ReadonlyArray<string>).includes(value);
}

const STORAGE_KEY = 'emberwatch.theme';

export function readStoredTheme(storage: Pick<Storage, 'getItem'> | undefined): ThemeName {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isThemeName(value) ? value : DEFAULT_THEME;
  } catch {
    return DEFAULT_THEME;
  }
}

export function storeTheme(storage: Pick<Storage, 'setItem'> | undefined, theme: ThemeName): void {
  try {
    storage?.setItem(STORAGE_KEY, theme);
  } catch {
    // A locked-down kiosk profile may refuse; the theme still applies for this session.
  }
}
