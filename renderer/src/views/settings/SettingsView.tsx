import { useState } from 'react';
import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/envelope';
import { DEFAULT_SCORING_CONFIG } from '../../../../shared/scoring/config';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { RelativeTime } from '../../components/RelativeTime';
import { ThemeSwitch } from '../../components/ThemeSwitch';
import { useHostQuery } from '../../hooks/use-host-query';
import { formatRate } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { DEFAULT_DWELL_S, DEFAULT_WALL_VIEWS, WALL_VIEW_IDS } from '../../model/rotation';
import { formatHashRoute } from '../../model/route';
import type { WallViewId } from '../../model/rotation';
import { useConsoleStore } from '../../state/store';

const T = DEFAULT_SCORING_CONFIG.thresholds;

/**
 * What the console runs with, read from the host: connections, thresholds, storage and retention;
 * and this screen's own choices (language, theme, the wall display's rotation). The console is
 * configured in settings.json and by flags; the screen has no write path for those.
 */
export function SettingsView(): ReactElement {
  const t = useMessages();
  return (
    <section className="settings-view" data-testid="settings" aria-label={t.settings.title}>
      <div className="view-head">
        <h2 className="view-title">{t.settings.title}</h2>
        <span className="muted">{t.settings.readOnly}</span>
      </div>
      <div className="settings-grid">
        <ConnectionSettings />
        <ThresholdSettings />
        <RetentionSettings />
        <DisplaySettings />
        <WallSettings />
        <ConsoleFacts />
        <QuarantineList />
      </div>
    </section>
  );
}

function DisplaySettings(): ReactElement {
  const t = useMessages();
  return (
    <section className="card" data-testid="settings-display">
      <h3 className="card-title">{t.settings.display}</h3>
      <div className="setting-row">
        <span className="setting-name">{t.settings.language}</span>
        <LanguageSwitch />
      </div>
      <div className="setting-row">
        <span className="setting-name">{t.settings.theme}</span>
        <ThemeSwitch />
      </div>
    </section>
  );
}

function ConnectionSettings(): ReactElement {
  const t = useMessages();
  const health = useConsoleStore((state) => state.health);
  const language = useConsoleStore((state) => state.language);
  return (
    <section className="card card-wide" data-testid="settings-connections">
      <h3 className="card-title">{t.settings.connections}</h3>
      {health === null ? (
        <p className="muted">{t.health.waiting}</p>
      ) : health.connections.length === 0 ? (
        <p className="health-warning">{t.health.noConnection}</p>
      ) : (
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{t.settings.connectionUrl}</th>
              <th scope="col">{t.settings.connectionState}</th>
              <th scope="col" className="num">{t.settings.connectionRate}</th>
              <th scope="col" className="num">{t.settings.connectionLimit}</th>
              <th scope="col" className="num">{t.settings.connectionMessages}</th>
            </tr>
          </thead>
          <tbody>
            {health.connections.map((c) => (
              <tr key={c.id} data-testid="settings-connection" data-connection-id={c.id}>
                <th scope="row" className="mono">{c.id}</th>
                <td className="mono wrap">{c.url}</td>
                <td>{t.health.connectionState[c.state]}</td>
                <td className="num">{formatRate(c.rate_per_s, language)}</td>
                <td className="num">{c.limit_per_s === null ? t.settings.noLimit : formatRate(c.limit_per_s, language)}</td>
                <td className="num">{formatRate(c.messages, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {health?.mode.embedded_broker_url != null && (
        <p className="card-note">
          {t.settings.embeddedBroker}: <span className="mono">{health.mode.embedded_broker_url}</span>
        </p>
      )}
    </section>
  );
}

function ThresholdSettings(): ReactElement {
  const t = useMessages();
  const n = t.settings.thresholdNames;
  const rows: ReadonlyArray<readonly [string, string]> = [
    [n.temperatureHigh, `${T.temperatureC.high} °C`],
    [n.temperatureCritical, `${T.temperatureC.critical} °C`],
    [n.overvoltage, `${T.overvoltageV} V`],
    [n.undervoltage, `${T.undervoltageV} V`],
    [n.overcurrent, `${T.overcurrentA} A`],
    [n.leakage, `${T.leakageMa} mA`],
    [n.co, `${T.coPpm} ppm`],
    [n.voc, `${T.vocUgM3} µg/m³`],
    [n.powerFactor, `${T.powerFactorMin}`],
  ];
  return (
    <section className="card" data-testid="settings-thresholds">
      <h3 className="card-title">{t.settings.thresholds}</h3>
      <dl className="facts facts-columns">
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="card-note">{t.settings.thresholdsNote}</p>
    </section>
  );
}

function RetentionSettings(): ReactElement {
  const t = useMessages();
  const store = useConsoleStore((state) => state.health?.store ?? null);
  const language = useConsoleStore((state) => state.language);
  return (
    <section className="card" data-testid="settings-retention">
      <h3 className="card-title">{t.settings.retention}</h3>
      {store === null ? (
        <p className="muted">{t.health.waiting}</p>
      ) : (
        <dl className="facts">
          <div>
            <dt>{t.settings.oldestReading}</dt>
            <dd>{store.oldest_reading === null ? t.emptyValue : <RelativeTime iso={store.oldest_reading} />}</dd>
          </div>
          <div>
            <dt>{t.settings.storeUsed}</dt>
            <dd>{t.number.bytes(store.used_bytes ?? store.db_bytes)}</dd>
          </div>
          <div>
            <dt>{t.overview.storedReadings}</dt>
            <dd>{formatRate(store.readings, language)}</dd>
          </div>
          {store.size_cap_bytes !== undefined && (
            <div>
              <dt>{t.settings.sizeCap}</dt>
              <dd>
                {t.number.bytes(store.size_cap_bytes)}
                {store.size_capped === true ? ` · ${t.settings.sizeCapped}` : ''}
              </dd>
            </div>
          )}
        </dl>
      )}
      <p className="card-note">{t.settings.retentionNote}</p>
    </section>
  );
}

function WallSettings(): ReactElement {
  const t = useMessages();
  const [views, setViews] = useState<ReadonlyArray<WallViewId>>(DEFAULT_WALL_VIEWS);
  const [dwell, setDwell] = useState(DEFAULT_DWELL_S);
  const toggle = (view: WallViewId): void =>
    setViews(views.includes(view) ? views.filter((v) => v !== view) : WALL_VIEW_IDS.filter((v) => v === view || views.includes(v)));
  // The hash form works in both faces: serve mode's /wall and the desktop app's own scheme.
  const href = formatHashRoute(['wall'], views.length === 0 ? { dwell: String(dwell) } : { views: views.join(','), dwell: String(dwell) });
  return (
    <section className="card" data-testid="settings-wall">
      <h3 className="card-title">{t.settings.wall}</h3>
      <p className="card-note">{t.settings.wallHelp}</p>
      <fieldset className="setting-row">
        <legend className="setting-name">{t.settings.wallViews}</legend>
        <div className="checks">
          {WALL_VIEW_IDS.map((view) => (
            <label key={view} className="check">
              <input type="checkbox" checked={views.includes(view)} onChange={() => toggle(view)} />
              {t.nav.views[view]}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="setting-row">
        <span className="setting-name">{t.settings.wallDwell}</span>
        <input type="number" min={3} max={3600} value={dwell} onChange={(event) => setDwell(Math.max(3, Number(event.target.value) || DEFAULT_DWELL_S))} />
      </label>
      <a className="button" href={href} data-testid="settings-wall-link">
        {t.settings.wallOpen}
      </a>
    </section>
  );
}

function ConsoleFacts(): ReactElement {
  const t = useMessages();
  const health = useConsoleStore((state) => state.health);
  const host = useConsoleStore((state) => state.host);
  return (
    <section className="card" data-testid="settings-console">
      <h3 className="card-title">{t.settings.console}</h3>
      <dl className="facts">
        <div>
          <dt>{t.settings.version}</dt>
          <dd>{health?.version ?? host?.version ?? t.emptyValue}</dd>
        </div>
        <div>
          <dt>{t.settings.protocol}</dt>
          <dd>
            {host?.protocol ?? t.emptyValue} / {PROTOCOL_VERSION}
          </dd>
        </div>
        <div>
          <dt>{t.overview.uptime}</dt>
          <dd>{health === null ? t.emptyValue : t.number.duration(health.uptime_s)}</dd>
        </div>
      </dl>
    </section>
  );
}

function QuarantineList(): ReactElement {
  const t = useMessages();
  const quarantine = useHostQuery('quarantine.list', { limit: 10 }, { refreshMs: 15_000 });
  const messages = quarantine.data?.messages ?? [];
  return (
    <section className="card card-wide" data-testid="settings-quarantine">
      <h3 className="card-title">{t.settings.quarantineTitle}</h3>
      {messages.length === 0 ? (
        <p className="muted">{t.settings.noQuarantine}</p>
      ) : (
        <table className="compact-table">
          <tbody>
            {messages.map((m, i) => (
              <tr key={`${m.received_at}-${i}`}>
                <td>
                  <RelativeTime iso={m.received_at} />
                </td>
                <td className="mono">{m.reason}</td>
                <td className="wrap">{m.detail}</td>
                <td className="mono wrap">{m.topic}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
