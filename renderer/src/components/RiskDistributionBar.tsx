import type { ReactElement } from 'react';
import type { RiskDistribution } from '../../../shared/protocol/api-types';
import { RISK_LEVEL_NAMES } from '../../../shared/protocol/api-types';
import { useMessages } from '../i18n/messages-context';
import { RiskShape } from './RiskShape';

const URGENT_FIRST = [...RISK_LEVEL_NAMES].reverse();

/** The fleet's levels as one stacked bar and a legend with counts; each level keeps its shape. */
export function RiskDistributionBar({ distribution }: { readonly distribution: RiskDistribution }): ReactElement {
  const t = useMessages();
  const total = RISK_LEVEL_NAMES.reduce((sum, level) => sum + distribution[level], 0);
  return (
    <div className="risk-distribution" data-testid="risk-distribution">
      <div className="risk-stack" aria-hidden="true">
        {URGENT_FIRST.map((level) =>
          distribution[level] > 0 ? (
            <span
              key={level}
              className={`risk-stack-part risk-fill-${level.toLowerCase()}`}
              style={{ flexGrow: distribution[level] }}
            />
          ) : null,
        )}
        {total === 0 && <span className="risk-stack-part risk-fill-empty" style={{ flexGrow: 1 }} />}
      </div>
      <ul className="risk-legend">
        {URGENT_FIRST.map((level) => (
          <li key={level} className={`risk-legend-item risk-text-${level.toLowerCase()}`} data-level={level} data-count={distribution[level]}>
            <RiskShape level={level} />
            <span className="risk-legend-name">{t.risk[level]}</span>
            <span className="risk-legend-count">{distribution[level]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
