import type { DeviceSummary } from '../../../shared/protocol/api-types';
import { riskRank } from './risk';

// Numeric collation so that dev-2 sorts before dev-10; a fixed locale keeps the order the same on every station.
const idCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Most urgent first; within a level by id, so rows only move when a level changes. */
export function compareDevices(a: DeviceSummary, b: DeviceSummary): number {
  const byRisk = riskRank(b.risk_level) - riskRank(a.risk_level);
  if (byRisk !== 0) return byRisk;
  const byId = idCollator.compare(a.device_id, b.device_id);
  if (byId !== 0) return byId;
  return a.device_id < b.device_id ? -1 : a.device_id > b.device_id ? 1 : 0;
}

export function sortDevices(devices: Iterable<DeviceSummary>): ReadonlyArray<DeviceSummary> {
  return [...devices].sort(compareDevices);
}
