import type { ReactElement } from 'react';
import { useHostQuery } from '../../hooks/use-host-query';
import { formatClockTime } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';

/** The last 24 hours of alarm transitions, newest first (the store's record, not this screen's memory). */
export function AlarmHistory(): ReactElement {
  const m = useMessages();
  const t = m.alarms;
  const language = useConsoleStore((state) => state.language);
  const query = useHostQuery('alarms.history', { limit: 500 }, { refreshMs: 10_000, keepPrevious: true });
  if (query.data === null) return <p className="grid-message">{query.error ?? t.view.loading}</p>;
  if (query.data.transitions.length === 0) return <p className="grid-message">{t.view.historyEmpty}</p>;
  return (
    <div className="table-scroll">
      <table className="alarm-table" data-testid="alarm-history">
        <thead>
          <tr>
            <th scope="col">{t.fields.time}</th>
            <th scope="col">{t.fields.priority}</th>
            <th scope="col">{t.fields.cause}</th>
            <th scope="col">{t.fields.device}</th>
            <th scope="col">{t.fields.action}</th>
            <th scope="col">{t.fields.state}</th>
            <th scope="col">{t.fields.operator}</th>
            <th scope="col">{t.fields.comment}</th>
          </tr>
        </thead>
        <tbody>
          {query.data.transitions.map((row, i) => (
            <tr key={`${row.alarm_id}@${row.at}#${i}`} data-testid="history-row" data-alarm-id={row.alarm_id} data-cause={row.cause}>
              <td>{formatClockTime(Date.parse(row.at), language)}</td>
              <td>
                <span className={`alarm-priority prio-${row.priority}`}>{t.priorities[row.priority]}</span>
              </td>
              <td>
                {t.sources[row.source]}
                {row.late && <span className="tag">{t.banner.late}</span>}
              </td>
              <td>{row.device_id ?? row.zone ?? m.emptyValue}</td>
              <td>{t.causes[row.cause]}</td>
              <td>
                {t.states[row.from]} → {t.states[row.to]}
              </td>
              <td>{row.operator === null ? m.emptyValue : `${row.operator} @ ${row.station ?? ''}`}</td>
              <td>{row.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
