import { memo } from 'react';
import type { NamedExoticComponent, ReactElement } from 'react';
import type { RiskLevelName } from '../../../shared/protocol/api-types';
import { useMessages } from '../i18n/messages-context';
import { toBadgeLevel } from '../model/risk';
import { RiskShape } from './RiskShape';

interface RiskBadgeProps {
  readonly level: RiskLevelName | null;
}

/** Level as text, colour and shape together; an unscored device shows a dash, not a guess. */
function RiskBadgeView({ level }: RiskBadgeProps): ReactElement {
  const t = useMessages();
  const badge = toBadgeLevel(level);
  const name = t.risk[badge];
  return (
    <span className={`risk-badge risk-${badge.toLowerCase()}`} data-testid="risk-badge" data-level={badge} title={name}>
      <RiskShape level={badge} />
      {badge === 'UNSCORED' ? (
        <>
          <span aria-hidden="true">{t.emptyValue}</span>
          <span className="visually-hidden">{name}</span>
        </>
      ) : (
        <span>{name}</span>
      )}
    </span>
  );
}

// Memoised on the level alone: a fleet update re-renders rows, rarely their badges.
export const RiskBadge: NamedExoticComponent<RiskBadgeProps> = memo(RiskBadgeView);
