import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { MESSAGES } from './i18n/dictionary';
import { MessagesContext } from './i18n/messages-context';
import { useConsoleStore } from './state/store';
import { AlarmBanner } from './components/alarms/AlarmBanner';
import { WallTakeover } from './components/alarms/WallTakeover';
import { ALARM_VIEWS } from './views/alarms/alarm-views';
import { INCIDENT_VIEWS } from './views/incidents/incident-views';
import { ConsoleShell } from './views/ConsoleShell';

/** Views added to the console's own: the alarm screens, then the incidents and reports. */
const EXTRA_VIEWS = [...ALARM_VIEWS, ...INCIDENT_VIEWS];

export function App(): ReactElement {
  const language = useConsoleStore((state) => state.language);
  useEffect(() => {
    // Screen readers and font selection (Hangul) follow the document's language.
    document.documentElement.lang = language;
  }, [language]);
  return (
    <MessagesContext value={MESSAGES[language]}>
      <ConsoleShell
        // The alarm screens' slots: a banner under the header, and the wall display's takeover.
        banner={<AlarmBanner />}
        wallTakeover={<WallTakeover />}
        extraViews={EXTRA_VIEWS}
      />
    </MessagesContext>
  );
}
