import type { ReactElement } from 'react';
import { useMessages } from '../i18n/messages-context';
import { LanguageSwitch } from './LanguageSwitch';
import type { NavEntry } from './NavBar';
import { NavBar } from './NavBar';
import { ThemeSwitch } from './ThemeSwitch';

export function HeaderBar({ entries, current }: { readonly entries: ReadonlyArray<NavEntry>; readonly current: string | null }): ReactElement {
  const t = useMessages();
  return (
    <header className="header-bar">
      <h1 className="brand">{t.appTitle}</h1>
      <NavBar entries={entries} current={current} />
      <div className="header-tools">
        <ThemeSwitch />
        <LanguageSwitch />
      </div>
    </header>
  );
}
