import type { ReactElement } from 'react';
import type { IncidentView } from '../../../../shared/protocol';
import type { AlarmSource } from '../../../../shared/alarms/sources';
import type { Priority } from '../../../../shared/alarms/types';
import { useMessages } from '../../i18n/messages-context';
import { formatHashRoute } from '../../model/route';
import { useConsoleStore } from '../../state/store';
import { formatDateTime } from './incident-format';
import type { ReportExport } from './use-report-export';

/** Incidents, newest first, each with its report's PDF and CSV. */
export function IncidentTable({ incidents, exporter, compact = false }: {
  readonly incidents: ReadonlyArray<IncidentView>;
  readonly exporter: ReportExport;
  /** On a device's page: no device column. */
  readonly compact?: boolean;
}): ReactElement {
  const m = useMessages();
  const t = m.incidentsView;
  const language = useConsoleStore((state) => state.language);
  return (
    <div className="table-scroll">
      <table className="incident-table" data-testid="incident-table">
        <thead>
          <tr>
            <th scope="col">{t.columns.start}</th>
            {!compact && <th scope="col">{t.columns.device}</th>}
            <th scope="col">{t.columns.zone}</th>
            <th scope="col">{t.columns.firstOut}</th>
            <th scope="col">{t.columns.priority}</th>
            <th scope="col">{t.columns.state}</th>
            <th scope="col" className="num">{t.columns.duration}</th>
            <th scope="col" className="num">{t.columns.timeToAck}</th>
            <th scope="col">{t.columns.outcome}</th>
            <th scope="col">{t.columns.export}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => {
            const subject = `${i.device_ids.join(', ') || i.zone || i.first_out.source} ${formatDateTime(i.start, language)}`;
            return (
              <tr key={i.id} data-testid="incident-row" data-incident-id={i.id} data-state={i.state} className={i.state === 'open' ? 'incident-row is-open' : 'incident-row'}>
                <th scope="row" className="incident-start">{formatDateTime(i.start, language)}</th>
                {!compact && (
                  <td>
                    {i.device_ids.length === 0
                      ? m.emptyValue
                      : i.device_ids.map((d, k) => (
                          <span key={d}>
                            {k > 0 && ', '}
                            <a href={formatHashRoute(['device', d])}>{d}</a>
                          </span>
                        ))}
                  </td>
                )}
                <td>{i.zone ?? m.emptyValue}</td>
                <td>{m.alarms.sources[i.first_out.source as AlarmSource] ?? i.first_out.source}</td>
                <td>
                  <span className={`alarm-priority prio-${i.highest_priority}`}>{m.alarms.priorities[i.highest_priority as Priority] ?? i.highest_priority}</span>
                </td>
                <td>{i.state === 'open' ? <strong className="incident-open">{t.filters.open}</strong> : t.filters.closed}</td>
                <td className="num">{i.duration_s === null ? t.stillOpen : t.duration(i.duration_s)}</td>
                <td className="num">{i.time_to_ack_s === null ? m.emptyValue : t.duration(i.time_to_ack_s)}</td>
                <td className="incident-outcome">{t.outcomes[i.outcome] ?? i.outcome}</td>
                <td>
                  <div className="incident-exports">
                    {(['pdf', 'csv'] as const).map((format) => {
                      const key = `${i.id}:${format}`;
                      return (
                        <button
                          key={format}
                          type="button"
                          className="button-quiet"
                          data-testid={`export-${format}`}
                          aria-label={t.exportLabel(format.toUpperCase(), subject)}
                          disabled={exporter.busy !== null}
                          aria-busy={exporter.busy === key}
                          onClick={() => exporter.run(key, { kind: 'incident', format, id: i.id })}
                        >
                          {format === 'pdf' ? t.exportPdf : t.exportCsv}
                        </button>
                      );
                    })}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
