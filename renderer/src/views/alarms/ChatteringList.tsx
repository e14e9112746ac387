import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';

function targetOf(alarmId: string): string {
  const encoded = alarmId.split(':')[1] ?? alarmId;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Points chattering now (3 or more activations in a minute), each with the suggestion to shelve it. */
export function ChatteringList(): ReactElement | null {
  const t = useMessages().alarms;
  const chattering = useConsoleStore((state) => state.alarmStatus?.chattering ?? null);
  const readOnly = useConsoleStore((state) => state.station?.wall_display === true);
  if (chattering === null || chattering.length === 0) return null;
  return (
    <ul className="chattering-list" data-testid="chattering-list">
      {chattering.map((c) => (
        <li key={c.alarm_id} data-alarm-id={c.alarm_id}>
          <span className="tag tag-chattering">{t.chattering.flag}</span> <strong>{t.sources[c.source]}</strong> — {targetOf(c.alarm_id)}:{' '}
          {t.chattering.suggestion(c.activations)}
          {!readOnly && (
            <button type="button" className="button-quiet" onClick={() => useConsoleStore.getState().setAlarmDialog({ kind: 'action', action: 'shelve', ids: [c.alarm_id] })}>
              {t.actions.shelve}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
