import type { StateCreator } from 'zustand';
import type { Language } from '../i18n/languages';
import { DEFAULT_LANGUAGE } from '../i18n/languages';
import type { ConsoleState } from './console-state';

export interface PreferencesSlice {
  readonly language: Language;
  setLanguage(language: Language): void;
}

export const createPreferencesSlice: StateCreator<ConsoleState, [], [], PreferencesSlice> = (set) => ({
  language: DEFAULT_LANGUAGE,
  setLanguage: (language) => set({ language }),
});
