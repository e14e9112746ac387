import type { JournalEntry } from '../../../shared/alarms/journal';
import type { AlarmBatch, JournalWrite, OutboxRow, TransitionRow } from './alarm-tables';

// What the alarm service has changed but not yet committed. Alarm records and stations are kept
// by id (the newest snapshot is what gets written); everything else is appended in order. A failed
// write is put back in front of what came since, so nothing is lost and the order holds.

export interface JournalItem {
  readonly write: JournalWrite;
  /** Told the entry (and the shared action id) once it is committed. */
  readonly onWritten?: (entry: JournalEntry, actionId: string | null) => void;
}

export interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class PendingBatch {
  alarms = new Set<string>();
  transitions: TransitionRow[] = [];
  journal: JournalItem[] = [];
  applied: Array<AlarmBatch['applied'][number]> = [];
  escalations: Array<AlarmBatch['escalations'][number]> = [];
  outbox: OutboxRow[] = [];
  stations = new Set<string>();
  operators = new Map<string, AlarmBatch['operators'][number]>();
  waiters: Waiter[] = [];
  /** Alarms to push to the screens once this batch is settled. */
  changed = new Set<string>();

  isEmpty(): boolean {
    return (
      this.alarms.size === 0 &&
      this.transitions.length === 0 &&
      this.journal.length === 0 &&
      this.applied.length === 0 &&
      this.escalations.length === 0 &&
      this.outbox.length === 0 &&
      this.stations.size === 0 &&
      this.operators.size === 0
    );
  }

  /** Rows waiting (for health: non-zero for long only while the store fails). */
  size(): number {
    return this.alarms.size + this.transitions.length + this.journal.length + this.applied.length + this.escalations.length + this.outbox.length;
  }

  /** Puts a failed batch back in front of this one (which holds what came after it). */
  prepend(failed: PendingBatch): void {
    this.alarms = new Set([...failed.alarms, ...this.alarms]);
    this.transitions = [...failed.transitions, ...this.transitions];
    this.journal = [...failed.journal, ...this.journal];
    this.applied = [...failed.applied, ...this.applied];
    this.escalations = [...failed.escalations, ...this.escalations];
    this.outbox = [...failed.outbox, ...this.outbox];
    this.stations = new Set([...failed.stations, ...this.stations]);
    this.operators = new Map([...failed.operators, ...this.operators]);
  }
}
