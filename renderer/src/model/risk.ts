import type { RiskLevelName } from '../../../shared/protocol/api-types';

/** What a badge shows: one of the scored levels, or that the device has no score yet. */
export type RiskBadgeLevel = RiskLevelName | 'UNSCORED';

const RANK: { readonly [L in RiskBadgeLevel]: number } = {
  CRITICAL: 5,
  HIGH: 4,
  MEDIUM: 3,
  LOW: 2,
  NORMAL: 1,
  UNSCORED: 0,
};

export function toBadgeLevel(level: RiskLevelName | null): RiskBadgeLevel {
  return level ?? 'UNSCORED';
}

/** Higher is more urgent; an unscored device ranks below NORMAL so it never hides a real risk. */
export function riskRank(level: RiskLevelName | null): number {
  return RANK[toBadgeLevel(level)];
}
