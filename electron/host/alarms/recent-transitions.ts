import type { AlarmTransition } from '../../../shared/alarms/types';

// Flood and chattering are judged over the last hours of transitions. They are kept in memory,
// bounded, because the status is worked out often under a burst and must not read the database.

export const RECENT_WINDOW_MS = 2 * 3_600_000;
const RECENT_MAX = 100_000;

export class RecentTransitions {
  private items: AlarmTransition[] = [];

  replace(transitions: Iterable<AlarmTransition>): void {
    this.items = [...transitions];
  }

  push(transition: AlarmTransition): void {
    this.items.push(transition);
  }

  all(): ReadonlyArray<AlarmTransition> {
    return this.items;
  }

  trim(now: number): void {
    const cutoff = now - RECENT_WINDOW_MS;
    let drop = 0;
    while (drop < this.items.length && (this.items[drop] as AlarmTransition).at < cutoff) drop += 1;
    if (this.items.length - drop > RECENT_MAX) drop = this.items.length - RECENT_MAX;
    if (drop > 0) this.items = this.items.slice(drop);
  }
}
