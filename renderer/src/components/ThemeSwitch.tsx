import type { ReactElement } from 'react';
import { useMessages } from '../i18n/messages-context';
import { THEME_NAMES } from '../model/theme';
import { useConsoleStore } from '../state/store';

export function ThemeSwitch(): ReactElement {
  const t = useMessages();
  const theme = useConsoleStore((state) => state.theme);
  const setTheme = useConsoleStore((state) => state.setTheme);
  return (
    <div className="segmented" role="group" aria-label={t.theme.label} data-testid="theme-switch">
      {THEME_NAMES.map((name) => (
        <button
          key={name}
          type="button"
          data-theme-option={name}
          aria-pressed={name === theme}
          onClick={() => {
            // Set before React re-renders: charts read their colours from the theme when they are made.
            document.documentElement.dataset.theme = name;
            setTheme(name);
          }}
        >
          {t.theme.names[name]}
        </button>
      ))}
    </div>
  );
}
