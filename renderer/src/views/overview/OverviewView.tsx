import type { ReactElement } from 'react';
import type { AnalyticsEvent } from '../../../../shared/analytics/types';
import type { ZoneSummaryView } from '../../../../shared/analytics/types';
import type { AlertSummary, OverviewResponse } from '../../../../shared/protocol';
import { ConsoleHealth } from '../../components/ConsoleHealth';
import { RelativeTime } from '../../components/RelativeTime';
import { RiskBadge } from '../../components/RiskBadge';
import { RiskDistributionBar } from '../../components/RiskDistributionBar';
import { useHostQuery } from '../../hooks/use-host-query';
import { formatRate } from '../../i18n/formatters';
import { LANGUAGE_LOCALES } from '../../i18n/languages';
import { useMessages } from '../../i18n/messages-context';
import { ALARM_PRIORITY_ORDER, activeByPriority } from '../../model/alarm-lookup';
import { hasStatusAlarm, isOffline } from '../../model/device-filter';
import { deviceHref } from '../../model/route';
import { zonesAtRisk } from '../../model/overview';
import { useAlarmViews } from '../../state/alarm-access';
import { useConsoleStore } from '../../state/store';

/** How often the overview asks the host again; device changes themselves arrive pushed. */
const REFRESH_MS = 5_000;

/** The seed's dashboard cards, done right: fleet, risk, alarms, zones, alerts, and the pipeline. */
export function OverviewView({ wall = false }: { readonly wall?: boolean }): ReactElement {
  const t = useMessages();
  const overview = useHostQuery('overview.get', {}, { refreshMs: REFRESH_MS });
  const zones = useHostQuery('zones.list', {}, { refreshMs: REFRESH_MS });
  const stale = useConsoleStore((state) => state.link !== 'live');
  const data = overview.data;
  return (
    <section className={`overview${wall ? ' is-wall' : ''}${stale ? ' is-stale' : ''}`} data-testid="overview" aria-label={t.overview.title}>
      {!wall && <h2 className="view-title">{t.overview.title}</h2>}
      <div className="overview-grid">
        <FleetCard data={data} />
        <StatusCard data={data} />
        <section className="card card-risk" data-testid="overview-risk">
          <h3 className="card-title">{t.overview.riskDistribution}</h3>
          {data === null ? <p className="muted">{t.grid.loading}</p> : <RiskDistributionBar distribution={data.risk_distribution} />}
        </section>
        <AlarmsCard />
        <ZonesCard zones={zones.data?.zones ?? null} limit={wall ? 6 : 8} />
        <AlertsCard alerts={data?.recent_alerts ?? null} limit={wall ? 4 : 5} />
        <EventsCard limit={wall ? 4 : 8} />
        {!wall && <PipelineCard />}
      </div>
    </section>
  );
}

function FleetCard({ data }: { readonly data: OverviewResponse | null }): ReactElement {
  const t = useMessages();
  const language = useConsoleStore((state) => state.language);
  const share = data === null || data.total_devices === 0 ? null : data.active_devices / data.total_devices;
  return (
    <section className="card card-fleet" data-testid="overview-fleet">
      <h3 className="card-title">{t.overview.devices}</h3>
      <div className="figures">
        <Figure testId="overview-total" value={data?.total_devices ?? null} label={t.overview.total} />
        <Figure testId="overview-active" value={data?.active_devices ?? null} label={t.overview.active} />
      </div>
      {share !== null && (
        <p className="card-note">{t.overview.activeShare(new Intl.NumberFormat(LANGUAGE_LOCALES[language], { style: 'percent' }).format(share))}</p>
      )}
    </section>
  );
}

function Figure({ value, label, testId }: { readonly value: number | null; readonly label: string; readonly testId: string }): ReactElement {
  const t = useMessages();
  return (
    <div className="figure" data-testid={testId} data-value={value ?? ''}>
      <span className="figure-value">{value ?? t.emptyValue}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

function StatusCard({ data }: { readonly data: OverviewResponse | null }): ReactElement {
  const t = useMessages();
  const status = data?.system_status ?? null;
  return (
    <section className="card card-status" data-testid="overview-status" data-status={status ?? ''}>
      <h3 className="card-title">{t.overview.systemStatus}</h3>
      {status === null ? (
        <p className="muted">{t.grid.loading}</p>
      ) : (
        <p className={`system-status system-${status.toLowerCase()}`}>
          <svg className="system-mark" viewBox="0 0 16 16" width="28" height="28" aria-hidden="true" focusable="false">
            {status === 'HEALTHY' ? <circle cx="8" cy="8" r="6.5" /> : <polygon points="8,1 15,14.5 1,14.5" />}
          </svg>
          {t.overview.system[status]}
        </p>
      )}
      <p className="card-note">{t.overview.systemRule}</p>
    </section>
  );
}

function AlarmsCard(): ReactElement {
  const t = useMessages();
  const alarms = useAlarmViews();
  const devices = useConsoleStore((state) => state.devices);
  if (alarms !== null) {
    const counts = activeByPriority(alarms);
    return (
      <section className="card card-alarms" data-testid="overview-alarms" data-source="alarms">
        <h3 className="card-title">{t.overview.activeAlarms}</h3>
        <ul className="priority-counts">
          {ALARM_PRIORITY_ORDER.map((priority) => (
            <li key={priority} className={`priority priority-${priority}${counts[priority] > 0 ? ' is-lit' : ''}`} data-priority={priority} data-count={counts[priority]}>
              <span className="priority-count">{counts[priority]}</span>
              <span className="priority-name">{t.overview.priorities[priority]}</span>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  let withBits = 0;
  let offline = 0;
  for (const device of devices.values()) {
    if (hasStatusAlarm(device)) withBits += 1;
    if (isOffline(device) && device.last_seen !== null) offline += 1;
  }
  return (
    <section className="card card-alarms" data-testid="overview-alarms" data-source="status-bits">
      <h3 className="card-title">{t.overview.activeAlarms}</h3>
      <ul className="priority-counts">
        <li className={`priority priority-high${withBits > 0 ? ' is-lit' : ''}`} data-count={withBits} data-testid="overview-bits">
          <span className="priority-count">{withBits}</span>
          <span className="priority-name">{t.overview.devicesWithBits(withBits)}</span>
        </li>
        <li className={`priority priority-medium${offline > 0 ? ' is-lit' : ''}`} data-count={offline}>
          <span className="priority-count">{offline}</span>
          <span className="priority-name">{t.overview.devicesOffline(offline)}</span>
        </li>
      </ul>
      <p className="card-note">{t.overview.alarmsFromBits}</p>
    </section>
  );
}

function ZonesCard({ zones, limit }: { readonly zones: ReadonlyArray<ZoneSummaryView> | null; readonly limit: number }): ReactElement {
  const t = useMessages();
  const atRisk = zones === null ? null : zonesAtRisk(zones).slice(0, limit);
  return (
    <section className="card card-zones" data-testid="overview-zones">
      <h3 className="card-title">{t.overview.zonesAtRisk}</h3>
      {atRisk === null ? (
        <p className="muted">{t.grid.loading}</p>
      ) : atRisk.length === 0 ? (
        <p className="muted">{t.overview.noZonesAtRisk}</p>
      ) : (
        <ul className="zone-list">
          {atRisk.map((zone) => (
            <li key={zone.zone} className="zone-line" data-testid="overview-zone" data-zone={zone.zone}>
              <a href={`#/clusters?zone=${encodeURIComponent(zone.zone)}`} className="zone-name">
                {zone.zone}
              </a>
              <span className="zone-count">{t.overview.zoneLine(zone.high_or_above, zone.devices)}</span>
              <span className="zone-flags">
                {zone.high_risk_cluster && <span className="flag flag-cluster">{t.clusters.highRiskCluster}</span>}
                {zone.temp_divergence && <span className="flag flag-divergence">{t.clusters.tempDivergence}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertsCard({ alerts, limit }: { readonly alerts: ReadonlyArray<AlertSummary> | null; readonly limit: number }): ReactElement {
  const t = useMessages();
  return (
    <section className="card card-alerts" data-testid="overview-alerts">
      <h3 className="card-title">{t.overview.recentAlerts}</h3>
      {alerts === null ? (
        <p className="muted">{t.grid.loading}</p>
      ) : alerts.length === 0 ? (
        <p className="muted">{t.overview.noRecentAlerts}</p>
      ) : (
        <ul className="alert-list">
          {alerts.slice(0, limit).map((alert) => (
            <li key={`${alert.device_id}-${alert.alert_timestamp}`} className="alert-line" data-testid="overview-alert">
              <RiskBadge level={alert.alert_level === 'CRITICAL' || alert.alert_level === 'HIGH' ? alert.alert_level : null} />
              <a href={deviceHref(alert.device_id)} className="alert-device">
                {alert.device_id}
              </a>
              <span className="alert-message">{alert.message}</span>
              <RelativeTime iso={alert.alert_timestamp} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EventsCard({ limit }: { readonly limit: number }): ReactElement {
  const t = useMessages();
  const events = useConsoleStore((state) => state.analyticsEvents);
  return (
    <section className="card card-events" data-testid="overview-events">
      <h3 className="card-title">{t.overview.analyticsEvents}</h3>
      {events.length === 0 ? (
        <p className="muted">{t.overview.noAnalyticsEvents}</p>
      ) : (
        <ul className="event-list">
          {events.slice(0, limit).map((event, i) => (
            <EventLine key={`${event.at}-${event.event}-${i}`} event={event} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function EventLine({ event }: { readonly event: AnalyticsEvent }): ReactElement {
  const t = useMessages();
  const target = 'device_id' in event ? event.device_id : event.zone;
  return (
    <li className={`event-line severity-${event.severity.toLowerCase()}`} data-event={event.event}>
      <span className="severity-tag">{t.severity[event.severity]}</span>
      <span className="event-name">{t.eventNames[event.event]}</span>
      {'device_id' in event ? (
        <a href={deviceHref(event.device_id)} className="event-target">
          {target}
        </a>
      ) : (
        <a href={`#/clusters?zone=${encodeURIComponent(event.zone)}`} className="event-target">
          {target}
        </a>
      )}
      <RelativeTime iso={event.at} />
    </li>
  );
}

function PipelineCard(): ReactElement {
  const t = useMessages();
  const health = useConsoleStore((state) => state.health);
  const language = useConsoleStore((state) => state.language);
  const fmt = (n: number): string => formatRate(n, language);
  return (
    <section className="card card-pipeline" data-testid="overview-pipeline">
      <h3 className="card-title">
        <a href="#/health" data-testid="overview-health-link" title={t.healthView.nav.openHealth}>
          {t.overview.pipeline}
        </a>
      </h3>
      <ConsoleHealth />
      {health !== null && (
        <dl className="facts">
          <div>
            <dt>{t.overview.received}</dt>
            <dd>{fmt(health.ingest.received)}</dd>
          </div>
          <div>
            <dt>{t.overview.scored}</dt>
            <dd>{fmt(health.ingest.scored)}</dd>
          </div>
          <div>
            <dt>{t.overview.duplicates}</dt>
            <dd>{fmt(health.ingest.duplicates)}</dd>
          </div>
          <div>
            <dt>{t.overview.quarantined}</dt>
            <dd data-testid="overview-quarantined">{fmt(health.quarantine.total)}</dd>
          </div>
          <div>
            <dt>{t.overview.storeSize}</dt>
            <dd>{t.number.bytes(health.store.used_bytes ?? health.store.db_bytes)}</dd>
          </div>
          <div>
            <dt>{t.overview.storedReadings}</dt>
            <dd>{fmt(health.store.readings)}</dd>
          </div>
          {health.store.pending_writes !== undefined && (
            <div>
              <dt>{t.overview.pendingWrites}</dt>
              <dd>{fmt(health.store.pending_writes)}</dd>
            </div>
          )}
          <div>
            <dt>{t.overview.uptime}</dt>
            <dd>{t.number.duration(health.uptime_s)}</dd>
          </div>
          {health.store.write_error != null && (
            <div className="fact-bad">
              <dt>{t.overview.writeError}</dt>
              <dd>{health.store.write_error}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
