import { useState } from 'react';
import type { ReactElement } from 'react';
import type { JournalVerifyResponse } from '../../../../shared/protocol/alarms-types';
import { useHostQuery } from '../../hooks/use-host-query';
import { formatClockTime } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';

const DAY_MS = 24 * 3_600_000;

/** The last day of the append-only journal, and a check of its whole hash chain on request. */
export function JournalPanel(): ReactElement {
  const m = useMessages();
  const t = m.alarms;
  const language = useConsoleStore((state) => state.language);
  const client = useConsoleStore((state) => state.client);
  const [since] = useState(() => Date.now() - DAY_MS);
  const query = useHostQuery('journal.list', { since, limit: 1000 }, { refreshMs: 10_000, keepPrevious: true });
  const [verdict, setVerdict] = useState<JournalVerifyResponse | string | null>(null);
  const verify = (): void => {
    if (client === null) return;
    client.request('journal.verify', {}).then(setVerdict, (error: unknown) => setVerdict(error instanceof Error ? error.message : String(error)));
  };
  const entries = query.data?.entries ?? [];
  return (
    <div className="journal-panel" data-testid="journal-panel">
      <div className="view-head">
        <button type="button" className="button" data-testid="journal-verify" onClick={verify}>
          {t.actions.verifyJournal}
        </button>
        {verdict !== null && (
          <span
            className={typeof verdict !== 'string' && verdict.ok ? 'journal-ok' : 'journal-broken'}
            data-testid="journal-verdict"
            data-ok={String(typeof verdict !== 'string' && verdict.ok)}
          >
            {typeof verdict === 'string' ? verdict : verdict.ok ? t.journal.verified(verdict.entries) : t.journal.broken(String(verdict.seq ?? '?'), verdict.message)}
          </span>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="grid-message">{query.error ?? t.journal.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="alarm-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.fields.time}</th>
                <th scope="col">{t.fields.operator}</th>
                <th scope="col">{t.fields.station}</th>
                <th scope="col">{t.fields.action}</th>
                <th scope="col">{t.fields.device}</th>
                <th scope="col">{t.fields.comment}</th>
              </tr>
            </thead>
            <tbody>
              {[...entries].reverse().map((e) => (
                <tr key={e.seq} data-testid="journal-row" data-seq={e.seq} data-action={e.action}>
                  <td className="col-num">{e.seq}</td>
                  <td>{formatClockTime(Date.parse(e.at), language)}</td>
                  <td>{e.operator}</td>
                  <td>{e.station}</td>
                  <td>{t.journalActions[e.action]}</td>
                  <td>{e.alarm_id ?? m.emptyValue}</td>
                  <td>{e.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
