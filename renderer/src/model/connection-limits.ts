import type { ConnectionHealth } from '../../../shared/protocol/api-types';
import { NEAR_LIMIT_FRACTION } from './connection-load';

// A connection's figures against its broker's limits: publishes per second and subscriptions
// (AWS IoT Core: 100/s and 50 per connection). Used by the Health view and the Overview's panel.

/** How a figure stands against its limit: AWS IoT throttles at the limit, so warn before it. */
export type LoadLevel = 'none' | 'ok' | 'near' | 'over';

export function loadLevel(value: number, limit: number | null | undefined): LoadLevel {
  if (limit === null || limit === undefined || limit <= 0) return 'none';
  if (value >= limit) return 'over';
  if (value >= limit * NEAR_LIMIT_FRACTION) return 'near';
  return 'ok';
}

/** A share of the limit for a meter, 0…1 (null without a limit). */
export function loadShare(value: number, limit: number | null | undefined): number | null {
  if (limit === null || limit === undefined || limit <= 0) return null;
  return Math.min(1, Math.max(0, value / limit));
}

export interface ConnectionLoad {
  readonly rate: LoadLevel;
  readonly subscriptions: LoadLevel;
  /** The worse of the two. */
  readonly worst: LoadLevel;
}

const ORDER: ReadonlyArray<LoadLevel> = ['none', 'ok', 'near', 'over'];

export function connectionLoad(connection: ConnectionHealth): ConnectionLoad {
  const rate = loadLevel(connection.rate_per_s, connection.limit_per_s);
  const subscriptions = loadLevel(connection.subscriptions ?? 0, connection.subscription_limit);
  const worst = ORDER[Math.max(ORDER.indexOf(rate), ORDER.indexOf(subscriptions))] ?? 'none';
  return { rate, subscriptions, worst };
}
