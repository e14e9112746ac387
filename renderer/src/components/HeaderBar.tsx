import type { ReactElement } from 'react';
import { useMessages } from '../i18n/messages-context';
import { ConnectionStatus } from './ConnectionStatus';
import { ConsoleHealth } from './ConsoleHealth';
import { LanguageSwitch } from './LanguageSwitch';

export function HeaderBar(): ReactElement {
  const t = useMessages();
  return (
    <header className="header-bar">
      <h1 className="brand">{t.appTitle}</h1>
      <ConnectionStatus />
      <ConsoleHealth />
      <LanguageSwitch />
    </header>
  );
}
