import type { ReactElement } from 'react';
import type { HealthResponse } from '../../../../shared/protocol/api-types';
import { useMessages } from '../../i18n/messages-context';
import { WhenTime } from './WhenTime';

/** The composite verdict first: status, whether the system_health alarm stands, and the reasons in words. */
export function StatusPanel({ health }: { readonly health: HealthResponse }): ReactElement {
  const t = useMessages();
  const system = health.system_health;
  return (
    <section className={`card health-verdict health-verdict-${health.status}`} data-testid="health-verdict" data-status={health.status} aria-labelledby="health-verdict-title">
      <h3 className="card-title" id="health-verdict-title">{t.healthView.composite}</h3>
      <p className={`health-status health-${health.status} health-verdict-status`}>
        <span className="health-mark" aria-hidden="true" />
        {t.health.status[health.status]}
      </p>
      {system !== undefined && (
        <p className={system.alarm ? 'health-alarm is-raised' : 'health-alarm'} data-testid="health-system-alarm" data-raised={system.alarm}>
          {system.alarm ? t.healthView.alarmRaised : t.healthView.alarmNotRaised}
          {system.changed_at !== null && (
            <>
              {' · '}
              <WhenTime iso={system.changed_at} empty="" />
            </>
          )}
        </p>
      )}
      {health.reasons.length === 0 ? (
        <p className="muted">{t.healthView.allWell}</p>
      ) : (
        <ul className="health-reasons" aria-label={t.healthView.reasonsLabel} data-testid="health-reasons">
          {health.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
