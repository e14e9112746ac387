import type { AlarmRecord } from '../../../shared/alarms/types';
import { ProtocolError } from '../../../shared/protocol';
import type { AlarmServiceDeps } from './alarm-service-deps';
import type { AlarmBatch, BatchResult, StationRow } from './alarm-tables';
import type { Waiter } from './pending-batch';
import { PendingBatch } from './pending-batch';

// The durable copy: what changed is committed in groups through the store's one writer. A failed
// write stays queued and is retried with backoff, and its changes are shown anyway, because an
// alarm must never wait for the disk; only an operator action waits, and is told it failed.

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

export interface AlarmWriterHooks {
  /** The record as it is now: the newest snapshot is what gets written. */
  readonly record: (id: string) => AlarmRecord | undefined;
  readonly stationRow: (name: string, now: number) => StationRow | null;
  /** A batch is settled (committed, or failed and kept for retry): these alarms go to the screens. */
  readonly settled: (changed: Iterable<string>) => void;
}

export class AlarmWriter {
  private batch = new PendingBatch();
  private flushScheduled = false;
  private retryIndex = 0;
  private retryPending = false;
  private writeFailed: string | null = null;
  private stopped = false;

  constructor(
    private readonly deps: Pick<AlarmServiceDeps, 'persist' | 'now' | 'log' | 'scheduleRetry'>,
    private readonly hooks: AlarmWriterHooks,
  ) {}

  /** What is queued for the next commit (a new object after each flush: never keep it). */
  get pending(): PendingBatch {
    return this.batch;
  }

  stop(): void {
    this.stopped = true;
  }

  scheduleFlush(): void {
    if (this.flushScheduled || this.stopped) return;
    this.flushScheduled = true;
    // Everything one I/O callback produced (an MQTT packet burst) goes into one commit.
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Resolves when everything queued so far is committed (rejects if its write failed). */
  settle(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.batch.waiters.push({ resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Alarm writes failing now (the message), or null. */
  writeError(): string | null {
    return this.writeFailed;
  }

  private flush(): void {
    if (this.batch.isEmpty() && this.batch.waiters.length === 0) return;
    const batch = this.batch;
    this.batch = new PendingBatch();
    const now = this.deps.now();
    const alarms: AlarmRecord[] = [];
    for (const id of batch.alarms) {
      const record = this.hooks.record(id);
      if (record !== undefined) alarms.push(record);
    }
    const stations: StationRow[] = [];
    for (const name of batch.stations) {
      const row = this.hooks.stationRow(name, now);
      if (row !== null) stations.push(row);
    }
    const rows: AlarmBatch = {
      alarms,
      transitions: batch.transitions,
      journal: batch.journal.map((j) => j.write),
      applied: batch.applied,
      escalations: batch.escalations,
      outbox: batch.outbox,
      stations,
      operators: [...batch.operators.values()],
      recorded_at: now,
    };
    const waiters: Waiter[] = batch.waiters;
    const written = rows.alarms.length + rows.transitions.length + rows.journal.length + rows.applied.length + rows.escalations.length + rows.outbox.length + rows.stations.length + rows.operators.length;
    const work = written === 0 ? Promise.resolve<BatchResult>({ journal: [] }) : this.deps.persist(rows);
    work.then(
      (result) => {
        this.retryIndex = 0;
        if (this.writeFailed !== null) {
          this.writeFailed = null;
          this.deps.log?.warn('alarm store writes recovered');
        }
        result.journal.forEach((written, i) => batch.journal[i]?.onWritten?.(written.entry, written.action_id));
        for (const waiter of waiters) waiter.resolve();
        this.hooks.settled(batch.changed);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.writeFailed = message;
        this.deps.log?.error('alarm write failed; kept in memory and retried', { error: message, rows: written });
        this.batch.prepend(batch);
        for (const id of batch.changed) this.batch.changed.add(id);
        const failure = new ProtocolError('UNAVAILABLE', `the store could not record this (${message}); it stands on this console and is written when the store recovers`, 'STORE_FAILING');
        for (const waiter of waiters) waiter.reject(failure);
        // An alarm must be shown even when it cannot be written.
        this.hooks.settled(batch.changed);
        this.scheduleRetry();
      },
    );
  }

  private scheduleRetry(): void {
    if (this.retryPending || this.stopped) return;
    this.retryPending = true;
    const delay = RETRY_MS[Math.min(this.retryIndex, RETRY_MS.length - 1)] as number;
    this.retryIndex += 1;
    const run = (): void => {
      this.retryPending = false;
      this.flush();
    };
    if (this.deps.scheduleRetry) this.deps.scheduleRetry(run, delay);
    else setTimeout(run, delay).unref();
  }
}
