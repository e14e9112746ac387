import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { HealthResponse, MetricsResponse } from '../../../../shared/protocol/api-types';
import { formatRate } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useNow } from '../../hooks/use-now';
import { useConsoleStore } from '../../state/store';
import { Fact } from './Facts';
import { latestLagMs, pipelineSeries } from './health-model';
import { PipelineChart } from './PipelineChart';

/** Ingest: the rate, how far behind the devices the console is, the counters, and the last hour charted. */
export function IngestCard({ health, metrics }: { readonly health: HealthResponse; readonly metrics: MetricsResponse | null }): ReactElement {
  const t = useMessages();
  const language = useConsoleStore((state) => state.language);
  const theme = useConsoleStore((state) => state.theme);
  const now = useNow();
  const fmt = (n: number): string => formatRate(n, language);
  const ingest = health.ingest;
  const lag = latestLagMs(metrics, now);
  const series = useMemo(() => pipelineSeries(metrics), [metrics]);
  const look = `${theme}-${language}`;
  return (
    <section className="card health-card health-ingest" data-testid="health-ingest" aria-labelledby="health-ingest-title">
      <h3 className="card-title" id="health-ingest-title">{t.healthView.ingest.title}</h3>
      <dl className="facts">
        <Fact term={t.healthView.ingest.rate} testId="health-ingest-rate" value={ingest.per_second}>
          {t.healthView.ingest.perSecond(fmt(ingest.per_second))}
        </Fact>
        <Fact term={t.healthView.ingest.lag} testId="health-lag" value={lag ?? ''}>
          {lag === null ? <span className="muted">{t.healthView.ingest.lagNone}</span> : t.healthView.ingest.ms(fmt(lag))}
        </Fact>
        <Fact term={t.healthView.ingest.received}>{fmt(ingest.received)}</Fact>
        <Fact term={t.healthView.ingest.scored}>{fmt(ingest.scored)}</Fact>
        <Fact term={t.healthView.ingest.duplicates}>{fmt(ingest.duplicates)}</Fact>
        <Fact term={t.healthView.ingest.late}>{fmt(ingest.late)}</Fact>
        <Fact term={t.healthView.ingest.clockSkew}>{fmt(ingest.clock_skew)}</Fact>
        <Fact term={t.healthView.ingest.lostMessages}>{fmt(ingest.lost_messages)}</Fact>
        <Fact term={t.healthView.ingest.pendingAcks}>{fmt(ingest.pending_acks)}</Fact>
      </dl>
      <div className="health-charts">
        <PipelineChart title={t.healthView.ingest.chartRate} testId="health-chart-rate" t={series.t} values={series.received} emptyText={t.healthView.ingest.chartEmpty} colorIndex={0} look={look} />
        <PipelineChart title={t.healthView.ingest.chartCommit} testId="health-chart-commit" t={series.t} values={series.commitMs} emptyText={t.healthView.ingest.chartEmpty} colorIndex={1} look={look} />
      </div>
    </section>
  );
}
