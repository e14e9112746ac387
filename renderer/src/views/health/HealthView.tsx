import './health-view.css';
import type { ReactElement } from 'react';
import { useHostQuery } from '../../hooks/use-host-query';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { CloudCard } from './CloudCard';
import { ConnectionsCard } from './ConnectionsCard';
import { HostCard } from './HostCard';
import { IngestCard } from './IngestCard';
import { QuarantineCard } from './QuarantineCard';
import { StatusPanel } from './StatusPanel';
import { StoreCard } from './StoreCard';

/** The pipeline's hour changes per 10-second bucket; asking more often would only redraw the same. */
const METRICS_REFRESH_MS = 10_000;

/**
 * The console's account of itself (issue 11): health.get, pushed every two seconds, and metrics.get
 * for the last hour. What an operator needs to tell "the fleet is quiet" from "the console is blind".
 */
export function HealthView(): ReactElement {
  const t = useMessages();
  const health = useConsoleStore((state) => state.health);
  const stale = useConsoleStore((state) => state.link !== 'live');
  const metrics = useHostQuery('metrics.get', {}, { refreshMs: METRICS_REFRESH_MS });
  return (
    <section className={`health-view${stale ? ' is-stale' : ''}`} data-testid="health-view" aria-labelledby="health-view-title">
      <h2 className="view-title" id="health-view-title">{t.healthView.title}</h2>
      {health === null ? (
        <p className="muted" data-testid="health-waiting">{t.healthView.waiting}</p>
      ) : (
        <div className="health-grid">
          <StatusPanel health={health} />
          <IngestCard health={health} metrics={metrics.data} />
          <ConnectionsCard connections={health.connections} />
          <QuarantineCard quarantine={health.quarantine} />
          <StoreCard health={health} />
          <CloudCard cloud={health.cloud} />
          <HostCard health={health} />
        </div>
      )}
    </section>
  );
}
