import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { HeaderBar } from './components/HeaderBar';
import { MESSAGES } from './i18n/dictionary';
import { MessagesContext } from './i18n/messages-context';
import { useConsoleStore } from './state/store';
import { DeviceGrid } from './views/DeviceGrid';

export function App(): ReactElement {
  const language = useConsoleStore((state) => state.language);
  useEffect(() => {
    // Screen readers and font selection (Hangul) follow the document's language.
    document.documentElement.lang = language;
  }, [language]);
  return (
    <MessagesContext value={MESSAGES[language]}>
      <div className="app">
        <HeaderBar />
        <main className="app-main">
          <DeviceGrid />
        </main>
      </div>
    </MessagesContext>
  );
}
