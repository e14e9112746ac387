import type { ReactElement } from 'react';
import type { RiskBadgeLevel } from '../model/risk';

/**
 * A distinct outline per level, so the level reads without colour (colour-blind operators, a
 * washed-out wall display): the more urgent, the more angular.
 */
export function RiskShape({ level }: { readonly level: RiskBadgeLevel }): ReactElement {
  return (
    <svg className="risk-shape" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      {riskShapeElements(level)}
    </svg>
  );
}

/** The shape's elements on a 16 × 16 grid, for drawing inside another SVG (the clusters map). */
export function riskShapeElements(level: RiskBadgeLevel): ReactElement {
  switch (level) {
    case 'CRITICAL':
      return (
        <>
          <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" />
          <rect className="risk-shape-mark" x="7" y="3.5" width="2" height="6" />
          <rect className="risk-shape-mark" x="7" y="10.75" width="2" height="2" />
        </>
      );
    case 'HIGH':
      return <polygon points="8,1.5 15,14.5 1,14.5" />;
    case 'MEDIUM':
      return <polygon points="8,1 15,8 8,15 1,8" />;
    case 'LOW':
      return <rect x="2.5" y="2.5" width="11" height="11" />;
    case 'NORMAL':
      return <circle cx="8" cy="8" r="6" />;
    case 'UNSCORED':
      return <circle className="risk-shape-open" cx="8" cy="8" r="5.5" />;
  }
}
