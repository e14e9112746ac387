import type { Language } from './languages';
import { DEFAULT_LANGUAGE, isLanguage } from './languages';

const STORAGE_KEY = 'emberwatch.language';

/** Storage may be missing or refuse access (a locked-down kiosk profile); the default language then applies. */
export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is harmless; the switch still works for this session.
  }
}
