import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { alarmText } from './alarm-text';

/** During an alarm flood: how many, and the first-out alarm (the likeliest cause) highlighted. */
export function FloodSummary(): ReactElement | null {
  const m = useMessages();
  const t = m.alarms;
  const language = useConsoleStore((state) => state.language);
  const flood = useConsoleStore((state) => state.alarmStatus?.flood ?? null);
  const firstOut = useConsoleStore((state) => (flood?.first_out ? (state.alarms.get(flood.first_out.alarm_id) ?? null) : null));
  if (flood === null || !flood.flooding) return null;
  const text = firstOut === null ? null : alarmText(firstOut, m, language);
  return (
    <section className="flood-summary" data-testid="flood-summary" data-alarms={flood.alarms} role="status">
      <strong>{t.flood.title}</strong>
      <span>{t.flood.summary(flood.alarms, flood.in_window)}</span>
      {flood.first_out !== null && (
        <span className="flood-first-out" data-testid="flood-first-out" data-alarm-id={flood.first_out.alarm_id}>
          {t.flood.firstOut}: {text === null ? flood.first_out.alarm_id : `${text.cause} — ${text.where} (${text.time})`}
        </span>
      )}
    </section>
  );
}
