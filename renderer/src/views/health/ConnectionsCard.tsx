import type { ReactElement } from 'react';
import type { ConnectionHealth } from '../../../../shared/protocol/api-types';
import { formatRate } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import type { LoadLevel } from '../../model/connection-limits';
import { connectionLoad, loadShare } from '../../model/connection-limits';

/** Every connection: its state, its rate and subscriptions against the broker's limits, its last error. */
export function ConnectionsCard({ connections }: { readonly connections: ReadonlyArray<ConnectionHealth> }): ReactElement {
  const t = useMessages();
  const m = t.healthView.connections;
  return (
    <section className="card health-card health-connections" data-testid="health-connections" aria-labelledby="health-connections-title">
      <h3 className="card-title" id="health-connections-title">{m.title}</h3>
      {connections.length === 0 ? (
        <p className="health-warning">{m.none}</p>
      ) : (
        <div className="health-table-wrap">
          <table className="compact-table health-table">
            <thead>
              <tr>
                <th scope="col">{m.id}</th>
                <th scope="col">{m.state}</th>
                <th scope="col">{m.rate}</th>
                <th scope="col">{m.subscriptions}</th>
                <th scope="col">{m.lastError}</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((connection) => (
                <ConnectionRow key={connection.id} connection={connection} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ConnectionRow({ connection }: { readonly connection: ConnectionHealth }): ReactElement {
  const t = useMessages();
  const language = useConsoleStore((state) => state.language);
  const load = connectionLoad(connection);
  return (
    <tr
      className={`health-connection mqtt-${connection.state} load-${load.worst}`}
      data-testid="health-connection"
      data-connection-id={connection.id}
      data-state={connection.state}
      data-load={load.worst}
    >
      <th scope="row">
        <span className="health-connection-id">{connection.id}</span>
        <span className="health-connection-url muted">{connection.url}</span>
      </th>
      <td>
        <span className="mqtt-mark" aria-hidden="true" /> {t.health.connectionState[connection.state]}
      </td>
      <td>
        <LoadMeter value={connection.rate_per_s} limit={connection.limit_per_s} level={load.rate} text={formatRate(connection.rate_per_s, language)} unit=" /s" testId="health-connection-rate" noLimitNote />
      </td>
      <td>
        <LoadMeter
          value={connection.subscriptions ?? 0}
          limit={connection.subscription_limit ?? null}
          level={load.subscriptions}
          text={String(connection.subscriptions ?? '—')}
          unit=""
          testId="health-connection-subscriptions"
        />
      </td>
      <td className={connection.last_error === null ? 'muted' : 'health-error'}>{connection.last_error ?? t.healthView.connections.noError}</td>
    </tr>
  );
}

/** A figure and, with a limit, a meter of it and a word when it nears or reaches the limit (not colour alone). */
function LoadMeter({ value, limit, level, text, unit, testId, noLimitNote = false }: {
  readonly noLimitNote?: boolean;
  readonly value: number;
  readonly limit: number | null;
  readonly level: LoadLevel;
  readonly text: string;
  readonly unit: string;
  readonly testId: string;
}): ReactElement {
  const t = useMessages();
  const m = t.healthView.connections;
  const share = loadShare(value, limit);
  return (
    <span className={`health-load load-${level}`} data-testid={testId} data-value={value} data-limit={limit ?? ''} data-level={level}>
      <span>{limit === null ? `${text}${unit}` : m.ofLimit(`${text}${unit}`, `${limit}${unit}`)}</span>
      {share !== null && (
        <meter className="health-meter" min={0} max={1} low={0.8} high={0.99} optimum={0} value={share} aria-label={m.ofLimit(text, String(limit))} />
      )}
      {limit === null && noLimitNote && <span className="muted health-load-note">{m.noLimit}</span>}
      {level === 'near' && <span className="health-warning">{m.nearLimit}</span>}
      {level === 'over' && <span className="health-warning">{m.overLimit}</span>}
    </span>
  );
}
