import './incidents.css';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { IncidentsParams } from '../../../../shared/protocol';
import { PRIORITIES } from '../../../../shared/alarms/types';
import { useHostQuery } from '../../hooks/use-host-query';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { localInputToMs } from './incident-format';
import { IncidentTable } from './IncidentTable';
import { ShiftReportPanel } from './ShiftReportPanel';
import { useReportExport } from './use-report-export';

interface Filters {
  readonly from: string;
  readonly to: string;
  readonly device: string;
  readonly zone: string;
  readonly priority: string;
  readonly state: string;
}

const NO_FILTERS: Filters = { from: '', to: '', device: '', zone: '', priority: '', state: '' };

/** Only the filters that are set; an empty period is the host's default (the last 7 days and whatever still stands). */
function paramsOf(f: Filters): IncidentsParams {
  const from = localInputToMs(f.from);
  const to = localInputToMs(f.to);
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(f.device.trim() === '' ? {} : { device: f.device.trim() }),
    ...(f.zone.trim() === '' ? {} : { zone: f.zone.trim() }),
    ...(f.priority === '' ? {} : { priority: f.priority }),
    ...(f.state === '' ? {} : { state: f.state }),
  };
}

/** Incidents found by time, device, zone, priority and state, each with its report; and the shift report. */
export function IncidentsView(): ReactElement {
  const m = useMessages();
  const t = m.incidentsView;
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Typing a device id asks the host once it settles, not on every key.
  const params = useDeferredValue(useMemo(() => paramsOf(filters), [filters]));
  const query = useHostQuery('incidents.list', params, { refreshMs: 15_000 });
  const exporter = useReportExport();
  const devices = useConsoleStore((state) => state.devices);
  const { deviceIds, zones } = useMemo(() => {
    const ids = [...devices.keys()].sort();
    const zoneSet = [...new Set([...devices.values()].map((d) => d.zone))].sort();
    return { deviceIds: ids, zones: zoneSet };
  }, [devices]);
  const set = (key: keyof Filters) => (e: { readonly target: { readonly value: string } }): void => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const incidents = query.data?.incidents ?? null;
  return (
    <section className="incidents-view" data-testid="incidents-view" aria-labelledby={`${id}-title`}>
      <div className="view-head">
        <h2 id={`${id}-title`} className="view-title">{t.title}</h2>
        {incidents !== null && (
          <span className="muted" data-testid="incident-count" data-value={incidents.length}>
            {t.count(incidents.length)}
          </span>
        )}
      </div>
      <p className="muted incident-intro">{t.intro}</p>
      <form className="incident-filters" aria-label={t.filters.label} onSubmit={(e) => e.preventDefault()} data-testid="incident-filters">
        <div className="incident-field">
          <label htmlFor={`${id}-from`}>{t.filters.from}</label>
          <input id={`${id}-from`} type="datetime-local" value={filters.from} onChange={set('from')} data-testid="filter-from" />
        </div>
        <div className="incident-field">
          <label htmlFor={`${id}-to`}>{t.filters.to}</label>
          <input id={`${id}-to`} type="datetime-local" value={filters.to} onChange={set('to')} data-testid="filter-to" />
        </div>
        <div className="incident-field">
          <label htmlFor={`${id}-device`}>{t.filters.device}</label>
          <input id={`${id}-device`} type="search" list={`${id}-devices`} value={filters.device} onChange={set('device')} data-testid="filter-device" autoComplete="off" spellCheck={false} />
        </div>
        <datalist id={`${id}-devices`}>
          {deviceIds.map((d) => <option key={d} value={d} />)}
        </datalist>
        <div className="incident-field">
          <label htmlFor={`${id}-zone`}>{t.filters.zone}</label>
          <input id={`${id}-zone`} type="search" list={`${id}-zones`} value={filters.zone} onChange={set('zone')} data-testid="filter-zone" autoComplete="off" spellCheck={false} />
        </div>
        <datalist id={`${id}-zones`}>
          {zones.map((z) => <option key={z} value={z} />)}
        </datalist>
        <div className="incident-field">
          <label htmlFor={`${id}-priority`}>{t.filters.priority}</label>
          <select id={`${id}-priority`} value={filters.priority} onChange={set('priority')} data-testid="filter-priority">
            <option value="">{t.filters.any}</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{m.alarms.priorities[p]}</option>)}
          </select>
        </div>
        <div className="incident-field">
          <label htmlFor={`${id}-state`}>{t.filters.state}</label>
          <select id={`${id}-state`} value={filters.state} onChange={set('state')} data-testid="filter-state">
            <option value="">{t.filters.any}</option>
            <option value="open">{t.filters.open}</option>
            <option value="closed">{t.filters.closed}</option>
          </select>
        </div>
        <button type="button" className="button-quiet" onClick={() => setFilters(NO_FILTERS)} disabled={filters === NO_FILTERS}>
          {t.filters.reset}
        </button>
      </form>
      <p className="muted incident-status" role="status" aria-live="polite" data-testid="export-status">{exporter.status}</p>
      {incidents === null ? (
        <p className="grid-message">{query.error ?? t.loading}</p>
      ) : incidents.length === 0 ? (
        <p className="grid-message" data-testid="incidents-empty">{t.empty}</p>
      ) : (
        <IncidentTable incidents={incidents} exporter={exporter} />
      )}
      <ShiftReportPanel />
    </section>
  );
}
