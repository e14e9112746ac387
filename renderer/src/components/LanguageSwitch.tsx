import type { ReactElement } from 'react';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useMessages } from '../i18n/messages-context';
import { useConsoleStore } from '../state/store';

export function LanguageSwitch(): ReactElement {
  const t = useMessages();
  const language = useConsoleStore((state) => state.language);
  const setLanguage = useConsoleStore((state) => state.setLanguage);
  return (
    <div className="language-switch" role="group" aria-label={t.language.label} data-testid="language-switch">
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          data-lang={option}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
