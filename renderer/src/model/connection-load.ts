import type { ConnectionHealth } from '../../../shared/protocol/api-types';

/** AWS IoT Core throttles a connection at its publish limit; warn while there is still headroom. */
export const NEAR_LIMIT_FRACTION = 0.8;

export function isNearLimit(connection: Pick<ConnectionHealth, 'rate_per_s' | 'limit_per_s'>): boolean {
  const { rate_per_s: rate, limit_per_s: limit } = connection;
  return limit !== null && limit > 0 && rate >= limit * NEAR_LIMIT_FRACTION;
}
