import type { ReactElement } from 'react';
import type { HealthResponse } from '../../../../shared/protocol/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { useHostQuery } from '../../hooks/use-host-query';
import { formatRate } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { reasonsByCount } from './health-model';

const RECENT = 6;
const REFRESH_MS = 5_000;

/** Quarantine: the total, the count per reason code, and the newest entries (quarantine.list). */
export function QuarantineCard({ quarantine }: { readonly quarantine: HealthResponse['quarantine'] }): ReactElement {
  const t = useMessages();
  const m = t.healthView.quarantine;
  const language = useConsoleStore((state) => state.language);
  const recent = useHostQuery('quarantine.list', { limit: RECENT }, { refreshMs: REFRESH_MS });
  const reasons = reasonsByCount(quarantine.by_reason);
  const messages = recent.data?.messages ?? [];
  return (
    <section className="card health-card health-quarantine" data-testid="health-quarantine" aria-labelledby="health-quarantine-title">
      <h3 className="card-title" id="health-quarantine-title">{m.title}</h3>
      <dl className="facts">
        <div data-testid="health-quarantine-total" data-value={quarantine.total}>
          <dt>{m.total}</dt>
          <dd>{formatRate(quarantine.total, language)}</dd>
        </div>
      </dl>
      {reasons.length > 0 && (
        <>
          <h4>{m.byReason}</h4>
          <ul className="health-reason-counts">
            {reasons.map((r) => (
              <li key={r.reason} data-reason={r.reason} data-count={r.count}>
                <code>{r.reason}</code> <span className="health-count">{formatRate(r.count, language)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{m.recent}</h4>
      {messages.length === 0 ? (
        <p className="muted">{m.none}</p>
      ) : (
        <ul className="health-quarantine-list">
          {messages.map((q, i) => (
            <li key={`${q.received_at}-${i}`} data-testid="health-quarantine-entry">
              <code className="health-reason-code">{q.reason}</code>
              <RelativeTime iso={q.received_at} />
              <span className="health-quarantine-topic" title={`${m.topic}: ${q.topic} (${q.connection})`}>{q.topic}</span>
              <span className="health-quarantine-detail muted" title={q.payload_preview}>{q.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
