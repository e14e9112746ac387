import type { ReactElement } from 'react';
import type { ConnectionHealth } from '../../../shared/protocol/api-types';
import { formatRate } from '../i18n/formatters';
import { useMessages } from '../i18n/messages-context';
import { connectionLoad } from '../model/connection-limits';
import { useConsoleStore } from '../state/store';

/** The host's own account of itself (health.get): status, its MQTT connections, ingest rate. */
export function ConsoleHealth(): ReactElement {
  const t = useMessages();
  const health = useConsoleStore((state) => state.health);
  const language = useConsoleStore((state) => state.language);
  // The report is the host's last word; while the link is not live it may no longer be true.
  const stale = useConsoleStore((state) => state.link !== 'live');
  if (health === null) {
    return (
      <div className="health" data-testid="console-health" data-status="unknown">
        <span className="muted">{t.health.waiting}</span>
      </div>
    );
  }
  return (
    <div
      className={stale ? 'health is-stale' : 'health'}
      data-testid="console-health"
      data-status={health.status}
      aria-label={t.health.label}
    >
      <div className="health-summary">
        <span className={`health-status health-${health.status}`}>
          <span className="health-mark" aria-hidden="true" />
          {t.health.status[health.status]}
        </span>
        <span className="health-rate" data-testid="ingest-rate" data-value={health.ingest.per_second}>
          {t.health.ingestRate(formatRate(health.ingest.per_second, language))}
        </span>
        {health.mode.demo && <span className="tag">{t.health.demo}</span>}
      </div>
      {health.connections.length === 0 ? (
        <span className="health-warning" data-testid="no-connection">
          {t.health.noConnection}
        </span>
      ) : (
        <ul className="mqtt-connections" aria-label={t.health.connectionsLabel}>
          {health.connections.map((connection) => (
            <MqttConnection key={connection.id} connection={connection} />
          ))}
        </ul>
      )}
      {health.reasons.length > 0 && (
        <ul className="health-reasons">
          {health.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MqttConnection({ connection }: { readonly connection: ConnectionHealth }): ReactElement {
  const t = useMessages();
  const language = useConsoleStore((state) => state.language);
  // Near either limit: publishes per second or subscriptions (AWS IoT throttles or refuses past them).
  const load = connectionLoad(connection).worst;
  const nearLimit = load === 'near' || load === 'over';
  const title = connection.last_error === null ? connection.url : `${connection.url}\n${connection.last_error}`;
  return (
    <li
      className={`mqtt-connection mqtt-${connection.state}${nearLimit ? ' is-near-limit' : ''}`}
      data-testid="mqtt-connection"
      data-connection-id={connection.id}
      data-state={connection.state}
      title={title}
    >
      <span className="mqtt-mark" aria-hidden="true" />
      <span className="mqtt-id">{connection.id}</span>
      <span>{t.health.connectionState[connection.state]}</span>
      <span className="muted">{t.health.ingestRate(formatRate(connection.rate_per_s, language))}</span>
      {nearLimit && <span className="health-warning">{t.health.nearLimit}</span>}
    </li>
  );
}
