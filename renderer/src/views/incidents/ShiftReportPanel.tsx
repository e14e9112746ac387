import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { localInputToMs, msToLocalInput } from './incident-format';
import { useReportExport } from './use-report-export';

const SHIFT_MS = 8 * 3600_000;

/** A supervisor's hand-over: pick the period, take the PDF or the CSV. */
export function ShiftReportPanel(): ReactElement {
  const t = useMessages().incidentsView;
  const id = useId();
  const exporter = useReportExport();
  const [from, setFrom] = useState(() => msToLocalInput(Date.now() - SHIFT_MS));
  const [to, setTo] = useState(() => msToLocalInput(Date.now()));
  const fromMs = localInputToMs(from);
  const toMs = localInputToMs(to);
  const valid = fromMs !== undefined && toMs !== undefined && toMs > fromMs;
  const lastShift = (): void => {
    const now = Date.now();
    setFrom(msToLocalInput(now - SHIFT_MS));
    setTo(msToLocalInput(now));
  };
  return (
    <section className="shift-report" aria-labelledby={`${id}-title`} data-testid="shift-report">
      <h3 id={`${id}-title`} className="incident-section-title">{t.shift.title}</h3>
      <p className="muted">{t.shift.intro}</p>
      <div className="incident-filters">
        <div className="incident-field">
          <label htmlFor={`${id}-from`}>{t.shift.from}</label>
          <input id={`${id}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="shift-from" />
        </div>
        <div className="incident-field">
          <label htmlFor={`${id}-to`}>{t.shift.to}</label>
          <input id={`${id}-to`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="shift-to" aria-invalid={!valid} />
        </div>
        <button type="button" className="button-quiet" onClick={lastShift}>{t.shift.lastShift}</button>
        {(['pdf', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            data-testid={`shift-export-${format}`}
            disabled={!valid || exporter.busy !== null}
            aria-busy={exporter.busy === format}
            onClick={() => valid && exporter.run(format, { kind: 'shift', format, from: fromMs, to: toMs })}
          >
            {format === 'pdf' ? t.exportPdf : t.exportCsv}
          </button>
        ))}
      </div>
      {!valid && <p className="incident-error" role="alert">{t.shift.badPeriod}</p>}
      <p className="muted incident-status" role="status" aria-live="polite" data-testid="shift-status">{exporter.status}</p>
    </section>
  );
}
