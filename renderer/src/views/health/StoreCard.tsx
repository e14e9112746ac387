import type { ReactElement } from 'react';
import type { HealthResponse } from '../../../../shared/protocol/api-types';
import { RelativeTime } from '../../components/RelativeTime';
import { formatRate } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { Fact } from './Facts';
import { WhenTime } from './WhenTime';

/** The store: its size against the cap, what it holds, its write queue, the disk it is on, and retention. */
export function StoreCard({ health }: { readonly health: HealthResponse }): ReactElement {
  const t = useMessages();
  const m = t.healthView.store;
  const r = t.healthView.retention;
  const language = useConsoleStore((state) => state.language);
  const store = health.store;
  const retention = health.retention;
  const disk = health.disk ?? null;
  const days = (n: number): string => r.days(n);
  return (
    <section className="card health-card health-store" data-testid="health-store" aria-labelledby="health-store-title">
      <h3 className="card-title" id="health-store-title">{m.title}</h3>
      <dl className="facts">
        <Fact term={m.size} testId="health-store-size" value={store.db_bytes}>{t.number.bytes(store.db_bytes)}</Fact>
        {store.used_bytes !== undefined && <Fact term={m.used}>{t.number.bytes(store.used_bytes)}</Fact>}
        {store.size_cap_bytes !== undefined && (
          <Fact term={m.cap}>
            {t.number.bytes(store.size_cap_bytes)}
            {store.size_capped === true && <span className="health-warning"> {m.capped}</span>}
          </Fact>
        )}
        <Fact term={m.readings}>{formatRate(store.readings, language)}</Fact>
        <Fact term={m.oldest}><RelativeTime iso={store.oldest_reading} /></Fact>
        {store.pending_writes !== undefined && <Fact term={m.pendingWrites}>{formatRate(store.pending_writes, language)}</Fact>}
        {store.last_commit_ms != null && <Fact term={m.lastCommit}>{t.healthView.ingest.ms(formatRate(store.last_commit_ms, language))}</Fact>}
        {store.write_error != null && <Fact term={m.writeError} bad>{store.write_error}</Fact>}
        {disk !== null && (
          <Fact term={m.disk} testId="health-disk" value={disk.free_bytes}>
            {m.diskFree(t.number.bytes(disk.free_bytes), t.number.bytes(disk.total_bytes))}
          </Fact>
        )}
      </dl>
      {retention !== undefined && (
        <>
          <h4>{r.title}</h4>
          <dl className="facts" data-testid="health-retention">
            <Fact term={r.kept}>{r.keptLine(days(retention.raw_days), days(retention.rollup_days), days(retention.events_days), days(retention.quarantine_days))}</Fact>
            <Fact term={r.lastRun}><WhenTime iso={retention.last_run_at} empty={r.never} /></Fact>
            <Fact term={r.nextRun}>{retention.running ? r.running : <WhenTime iso={retention.next_run_at} empty={r.never} />}</Fact>
          </dl>
        </>
      )}
    </section>
  );
}
