import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { takeoverAlarm } from '../../state/alarms-model';
import { useConsoleStore } from '../../state/store';
import { alarmText } from './alarm-text';
import { AlarmStation } from './AlarmStation';

/**
 * On a wall display a critical alarm takes the whole screen until someone acknowledges it at a
 * station: the cause in large words, the device, zone, value and time. The wall cannot act.
 */
export function WallTakeover(): ReactElement {
  const m = useMessages();
  const t = m.alarms;
  const language = useConsoleStore((state) => state.language);
  const alarm = useConsoleStore((state) => takeoverAlarm(state.alarms));
  const text = alarm === null ? null : alarmText(alarm, m, language);
  return (
    <>
      <AlarmStation wall />
      {alarm !== null && text !== null && (
        <section className="wall-takeover" data-testid="wall-takeover" data-alarm-id={alarm.id} role="alert">
          <p className="wall-takeover-title">{t.banner.takeoverTitle}</p>
          <p className="wall-takeover-cause">{text.cause}</p>
          <p className="wall-takeover-where">
            {text.where} · {text.zone}
          </p>
          {text.value !== null && <p className="wall-takeover-value">{text.value}</p>}
          <p className="wall-takeover-message">{alarm.message}</p>
          <p className="wall-takeover-time">{text.time}</p>
          <p className="wall-takeover-hint">{t.banner.takeoverHint}</p>
        </section>
      )}
    </>
  );
}
