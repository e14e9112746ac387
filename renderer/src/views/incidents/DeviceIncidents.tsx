import './incidents.css';
import { useId } from 'react';
import type { ReactElement } from 'react';
import { useHostQuery } from '../../hooks/use-host-query';
import { useMessages } from '../../i18n/messages-context';
import { formatHashRoute } from '../../model/route';
import { IncidentTable } from './IncidentTable';
import { useReportExport } from './use-report-export';

/** A device's recent incidents on its detail page, each with "export report". */
export function DeviceIncidents({ deviceId }: { readonly deviceId: string }): ReactElement {
  const t = useMessages().incidentsView;
  const id = useId();
  const query = useHostQuery('incidents.list', { device: deviceId }, { refreshMs: 30_000 });
  const exporter = useReportExport();
  const incidents = query.data?.incidents ?? null;
  return (
    <section className="device-incidents" aria-labelledby={`${id}-title`} data-testid="device-incidents">
      <div className="view-head">
        <h3 id={`${id}-title`} className="incident-section-title">{t.device.title}</h3>
        <a href={formatHashRoute(['incidents'])}>{t.device.all}</a>
      </div>
      <p className="muted incident-status" role="status" aria-live="polite">{exporter.status}</p>
      {incidents === null ? (
        <p className="muted">{query.error ?? t.loading}</p>
      ) : incidents.length === 0 ? (
        <p className="muted">{t.device.empty}</p>
      ) : (
        <IncidentTable incidents={incidents} exporter={exporter} compact />
      )}
    </section>
  );
}
