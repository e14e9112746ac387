import type { ReactElement } from 'react';
import type { CloudHealth } from '../../../../shared/protocol/api-types';
import { formatRate } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { Fact } from './Facts';
import { WhenTime } from './WhenTime';

/** The cloud outbox: how much waits, since when, and the circuit breaker around every cloud call. */
export function CloudCard({ cloud }: { readonly cloud: CloudHealth | undefined }): ReactElement {
  const t = useMessages();
  const m = t.healthView.cloud;
  const language = useConsoleStore((state) => state.language);
  return (
    <section className="card health-card health-cloud" data-testid="health-cloud" aria-labelledby="health-cloud-title">
      <h3 className="card-title" id="health-cloud-title">{m.title}</h3>
      {cloud === undefined ? (
        <p className="muted">{m.off}</p>
      ) : (
        <>
          {!cloud.enabled && <p className="muted">{m.off}</p>}
          <dl className="facts">
            <Fact term={m.depth} testId="health-outbox-depth" value={cloud.outbox_depth}>{formatRate(cloud.outbox_depth, language)}</Fact>
            <Fact term={m.oldest}><WhenTime iso={cloud.oldest_entry} empty={t.emptyValue} /></Fact>
            <Fact term={m.breaker} testId="health-breaker" value={cloud.breaker} bad={cloud.breaker !== 'closed'}>{m.breakerState[cloud.breaker]}</Fact>
            {cloud.enabled && <Fact term={m.lastSent}><WhenTime iso={cloud.last_sent_at} empty={t.emptyValue} /></Fact>}
            {cloud.last_error !== null && <Fact term={m.lastError} bad>{cloud.last_error}</Fact>}
          </dl>
        </>
      )}
    </section>
  );
}
