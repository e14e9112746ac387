import type { ZoneSummaryView } from '../../../shared/analytics/types';
import type { ThresholdSettingsView } from '../../../shared/protocol/settings-types';

/**
 * A zone heating as a whole (a room, not a board): its mean temperature is at the engine's "high"
 * band, or most of its devices are rising and the room is already past the "medium" band. Boards
 * warming up after a start rise together too, at room temperature: that is not a room on fire.
 * `bands`: the engine's temperature bands in effect (the store's `scoring.thresholds.temperatureC`).
 */
export function isZoneHeating(
  meanTemperature: number | null,
  summary: Pick<ZoneSummaryView, 'devices' | 'rising_devices' | 'correlated'> | null,
  bands: ThresholdSettingsView['temperatureC'],
): boolean {
  if (meanTemperature === null) return false;
  if (meanTemperature >= bands.high) return true;
  if (summary === null || !summary.correlated || meanTemperature < bands.medium) return false;
  return summary.rising_devices >= Math.max(2, Math.ceil(summary.devices / 2));
}

/**
 * Zones that need a look, most urgent first: a high-risk cluster or a temperature divergence, then
 * any device at HIGH or above; ordered by those flags, then the count at high, then the zone's
 * highest risk score.
 */
export function zonesAtRisk(zones: ReadonlyArray<ZoneSummaryView>): ReadonlyArray<ZoneSummaryView> {
  const flagged = (z: ZoneSummaryView): number => (z.high_risk_cluster ? 2 : 0) + (z.temp_divergence ? 1 : 0);
  return zones
    .filter((z) => z.high_or_above > 0 || z.high_risk_cluster || z.temp_divergence)
    .sort((a, b) => flagged(b) - flagged(a) || b.high_or_above - a.high_or_above || (b.max_risk_score ?? 0) - (a.max_risk_score ?? 0) || a.zone.localeCompare(b.zone));
}
