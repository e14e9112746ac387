import type { AlarmState, Priority } from './types';

// The order an operator works alarms in, the same on the host (lists, REST) and on every screen:
// priority first, then what still needs attention, then the newest.

export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

export const STATE_RANK: Readonly<Record<AlarmState, number>> = {
  unacknowledged: 0,
  rtn_unacknowledged: 1,
  acknowledged: 2,
  shelved: 3,
  suppressed: 4,
  out_of_service: 5,
  normal: 6,
};

interface Orderable {
  readonly id: string;
  readonly priority: Priority;
  readonly state: AlarmState;
}

/** Most urgent first; `activatedMs` says when each was presented (newest first among equals). */
export function compareByUrgency<T extends Orderable>(a: T, b: T, activatedMs: (alarm: T) => number): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    activatedMs(b) - activatedMs(a) ||
    (a.id < b.id ? -1 : 1)
  );
}
