import type { StateCreator } from 'zustand';
import type { Language } from '../i18n/languages';
import { DEFAULT_LANGUAGE } from '../i18n/languages';
import type { ThemeName } from '../model/theme';
import { DEFAULT_THEME } from '../model/theme';
import type { ConsoleState } from './console-state';

export interface PreferencesSlice {
  readonly language: Language;
  readonly theme: ThemeName;
  setLanguage(language: Language): void;
  setTheme(theme: ThemeName): void;
}

export const createPreferencesSlice: StateCreator<ConsoleState, [], [], PreferencesSlice> = (set) => ({
  language: DEFAULT_LANGUAGE,
  theme: DEFAULT_THEME,
  setLanguage: (language) => set({ language }),
  setTheme: (theme) => set({ theme }),
});
