import { useState } from 'react';
import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/envelope';
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
import { LanguageEditor } from './LanguageEditor';
import { NarrowEditors, RestartBanner, WideEditors } from './SettingsEditors';
import { useSettingsSnapshot } from './use-settings-snapshot';
import type { SettingsSnapshotState } from './use-settings-snapshot';

/**
 * What the console runs with, read from the host: connections, thresholds, storage and retention,
 * operators; a supervisor changes them here (each change checked, saved to settings.json and
 * journaled), imports the device registry; and this screen's own choices (language, theme, the
 * wall display's rotation).
 */
export function SettingsView(): ReactElement {
  const t = useMessages();
  const settings = useSettingsSnapshot();
  return (
    <section className="settings-view" data-testid="settings" aria-label={t.settings.title}>
      <div className="view-head">
        <h2 className="view-title">{t.settings.title}</h2>
        <span className="muted">{t.settingsEdit.intro}</span>
      </div>
      <RestartBanner state={settings} />
      <div className="settings-grid">
        <ConnectionSettings />
        <NarrowEditors state={settings} />
        <DisplaySettings settings={settings} />
        <WideEditors state={settings} />
        <WallSettings />
        <ConsoleFacts />
        <QuarantineList />
      </div>
    </section>
  );
}

function DisplaySettings({ settings }: { readonly settings: SettingsSnapshotState }): ReactElement {
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
      {settings.snapshot !== null && <LanguageEditor snapshot={settings.snapshot} onSaved={settings.replace} />}
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
