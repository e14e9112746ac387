import type { DeviceSummary } from '../../../shared/protocol/api-types';
import { riskRank } from './risk';

// Numeric collation so that dev-2 sorts before dev-10; a fixed locale keeps the order the same on every station.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareNatural(a: string, b: string): number {
  const byCollation = collator.compare(a, b);
  if (byCollation !== 0) return byCollation;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every string seen so far in natural order, and each one's place in it. A collator compare is
 * slow next to comparing two numbers, and a fleet of thousands is re-sorted ten times a second, so
 * each id (or zone) is collated once, when it first appears, and compared by its place after that.
 */
export class NaturalOrder {
  private readonly known: string[] = [];
  private readonly places = new Map<string, number>();

  place(value: string): number {
    const place = this.places.get(value);
    if (place !== undefined) return place;
    let lo = 0;
    let hi = this.known.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareNatural(this.known[mid] as string, value) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.known.splice(lo, 0, value);
    for (let i = lo; i < this.known.length; i++) this.places.set(this.known[i] as string, i);
    return lo;
  }

  /** Places many new values in one go (one sort), rather than one insertion each. */
  learn(values: Iterable<string>): void {
    const fresh = new Set<string>();
    for (const value of values) if (!this.places.has(value)) fresh.add(value);
    if (fresh.size < 2) return;
    const merged = [...this.known, ...fresh].sort(compareNatural);
    this.known.length = 0;
    this.known.push(...merged);
    merged.forEach((value, i) => this.places.set(value, i));
  }

  compare(a: string, b: string): number {
    // Both placed first: placing b may move a.
    this.place(a);
    const placeB = this.place(b);
    return (this.places.get(a) as number) - placeB;
  }
}

export const deviceIdOrder = new NaturalOrder();
export const zoneOrder = new NaturalOrder();

/** Most urgent first; within a level by id, so rows only move when a level changes. */
export function compareDevices(a: DeviceSummary, b: DeviceSummary): number {
  const byRisk = riskRank(b.risk_level) - riskRank(a.risk_level);
  if (byRisk !== 0) return byRisk;
  return deviceIdOrder.compare(a.device_id, b.device_id);
}

export function sortDevices(devices: Iterable<DeviceSummary>): ReadonlyArray<DeviceSummary> {
  const list = [...devices];
  deviceIdOrder.learn(list.map((d) => d.device_id));
  return list.sort(compareDevices);
}
