import type { ReactElement } from 'react';
import type { HealthResponse } from '../../../../shared/protocol/api-types';
import { useMessages } from '../../i18n/messages-context';
import { Fact } from './Facts';
import { WhenTime } from './WhenTime';

/** The host process (memory, uptime, version, logs) and its backups. */
export function HostCard({ health }: { readonly health: HealthResponse }): ReactElement {
  const t = useMessages();
  const m = t.healthView.host;
  const b = t.healthView.backups;
  const memory = health.memory;
  const backups = health.backups;
  return (
    <section className="card health-card health-host" data-testid="health-host" aria-labelledby="health-host-title">
      <h3 className="card-title" id="health-host-title">{m.title}</h3>
      <dl className="facts">
        {memory !== undefined && (
          <>
            <Fact term={m.rss} testId="health-memory-rss" value={memory.rss_bytes}>{t.number.bytes(memory.rss_bytes)}</Fact>
            <Fact term={m.heap} testId="health-memory-heap" value={memory.heap_used_bytes}>
              {m.heapLine(t.number.bytes(memory.heap_used_bytes), t.number.bytes(memory.heap_total_bytes))}
            </Fact>
          </>
        )}
        <Fact term={m.uptime} testId="health-uptime" value={health.uptime_s}>{t.number.duration(health.uptime_s)}</Fact>
        <Fact term={m.version}>{health.version}</Fact>
        {health.logs !== undefined && <Fact term={m.logs}>{t.number.bytes(health.logs.bytes)}</Fact>}
      </dl>
      <h4>{b.title}</h4>
      {backups === undefined ? (
        <p className="muted">{t.emptyValue}</p>
      ) : (
        <dl className="facts" data-testid="health-backups">
          <Fact term={b.last} testId="health-backup-last" value={backups.last_at ?? ''}><WhenTime iso={backups.last_at} empty={b.none} /></Fact>
          <Fact term={b.next} testId="health-backup-next" value={backups.next_at ?? ''}>
            {backups.running ? b.running : <WhenTime iso={backups.next_at} empty={b.off} />}
          </Fact>
          <Fact term={b.count}>{backups.count}</Fact>
          {backups.last_error !== null && <Fact term={b.lastError} bad>{backups.last_error}</Fact>}
        </dl>
      )}
    </section>
  );
}
