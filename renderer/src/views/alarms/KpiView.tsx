import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { PRIORITIES } from '../../../../shared/alarms/types';
import { useHostQuery } from '../../hooks/use-host-query';
import { useMessages } from '../../i18n/messages-context';
import type { KpiPeriod } from './kpi-model';
import { duration, kpiRange, percent, rateBars } from './kpi-model';

const PERIODS: ReadonlyArray<KpiPeriod> = ['day', 'week', 'month'];

/** The EEMUA 191 figures: alarm rate per 10 minutes, floods, chattering, stale alarms, priority split, noisiest points. */
export function KpiView(): ReactElement {
  const t = useMessages().alarms;
  const k = t.kpi;
  const [period, setPeriod] = useState<KpiPeriod>('day');
  const [asked] = useState(() => Date.now());
  const range = useMemo(() => kpiRange(period, asked), [period, asked]);
  const query = useHostQuery('alarms.kpis', range, { refreshMs: 60_000, keepPrevious: false });
  const kpis = query.data;
  const bars = kpis === null ? [] : rateBars(kpis);
  const peak = Math.max(1, ...bars.map((b) => b.peak));
  return (
    <section className="kpi-view" data-testid="kpi-view" aria-label={k.title}>
      <div className="view-head">
        <h2 className="view-title">{k.title}</h2>
        <label>
          {k.period}{' '}
          <select value={period} data-testid="kpi-period" onChange={(e) => setPeriod(e.target.value as KpiPeriod)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {k.periods[p]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {kpis === null ? (
        <p className="grid-message">{query.error ?? t.view.loading}</p>
      ) : (
        <div className="kpi-grid">
          <article className="card kpi-card" data-testid="kpi-rate">
            <h3>{k.perTenMinutes}</h3>
            <p className="kpi-figures">
              <span>
                {k.alarms}: <strong data-testid="kpi-alarms">{kpis.alarms}</strong>
              </span>
              <span>
                {k.average}: <strong data-testid="kpi-average">{kpis.per_10_min.average.toFixed(2)}</strong>
              </span>
              <span>
                {k.peak}: <strong>{kpis.per_10_min.peak}</strong>
              </span>
              <span>
                {k.late}: <strong>{kpis.late}</strong>
              </span>
            </p>
            <div className="kpi-bars" role="img" aria-label={k.perTenMinutes}>
              {bars.map((b) => (
                <span key={b.start} className={b.peak > 10 ? 'kpi-bar is-flood' : 'kpi-bar'} data-value={b.peak} style={{ height: `${(b.peak / peak) * 100}%` }} />
              ))}
            </div>
            <p className="muted">{k.target}</p>
          </article>
          <article className="card kpi-card" data-testid="kpi-split">
            <h3>{k.prioritySplit}</h3>
            <table className="kpi-table">
              <tbody>
                {PRIORITIES.map((p) => (
                  <tr key={p}>
                    <th scope="row">{t.priorities[p]}</th>
                    <td className="col-num">{kpis.priority_split[p].count}</td>
                    <td className="col-num">{percent(kpis.priority_split[p].share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{k.splitTarget}</p>
          </article>
          <article className="card kpi-card" data-testid="kpi-floods">
            <h3>{k.floods}</h3>
            <p className="kpi-figures">
              <span>
                {k.floods}: <strong>{kpis.floods.episodes.length}</strong>
              </span>
              <span>
                {k.timeInFlood}: <strong>{duration(kpis.floods.time_in_flood_ms)}</strong> ({percent(kpis.floods.share_of_time)})
              </span>
            </p>
            <h3>{k.chattering}</h3>
            {kpis.chattering.length === 0 ? (
              <p className="muted">{k.none}</p>
            ) : (
              <ul className="kpi-list">
                {kpis.chattering.slice(0, 10).map((c) => (
                  <li key={c.alarm_id}>
                    {t.sources[c.source]} — {c.alarm_id} ({c.peak_in_window})
                  </li>
                ))}
              </ul>
            )}
            <h3>{k.stale}</h3>
            {kpis.stale.length === 0 ? (
              <p className="muted">{k.none}</p>
            ) : (
              <ul className="kpi-list" data-testid="kpi-stale">
                {kpis.stale.slice(0, 10).map((s) => (
                  <li key={s.alarm_id}>
                    {t.sources[s.source]} — {s.alarm_id} ({duration(s.age_ms)})
                  </li>
                ))}
              </ul>
            )}
          </article>
          <article className="card kpi-card" data-testid="kpi-noisy">
            <h3>{k.topNoisy}</h3>
            {kpis.top_noisiest.length === 0 ? (
              <p className="muted">{k.none}</p>
            ) : (
              <ol className="kpi-list">
                {kpis.top_noisiest.map((n) => (
                  <li key={n.alarm_id} data-alarm-id={n.alarm_id}>
                    <strong>{n.count}</strong> {t.sources[n.source]} — {n.alarm_id}
                  </li>
                ))}
              </ol>
            )}
          </article>
          <article className="card kpi-card" data-testid="kpi-stations">
            <h3>{k.stations}</h3>
            {kpis.stations.length === 0 ? (
              <p className="muted">{k.none}</p>
            ) : (
              <table className="kpi-table">
                <thead>
                  <tr>
                    <th scope="col">{t.fields.station}</th>
                    <th scope="col">{k.actions}</th>
                    <th scope="col">{k.acknowledgements}</th>
                  </tr>
                </thead>
                <tbody>
                  {kpis.stations.map((s) => (
                    <tr key={s.station}>
                      <th scope="row">{s.station}</th>
                      <td className="col-num">{s.actions}</td>
                      <td className="col-num">{s.acknowledgements}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
        </div>
      )}
    </section>
  );
}
