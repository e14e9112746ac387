import type { MinuteAggregate } from './minute-rollup';
import { copyAggregate } from './minute-rollup';

// What the writer keeps in memory per device, mirroring device_state. A transaction changes the
// entries in place (copying thousands of them per commit would cost more than the commit) and
// records which it touched; if it rolls back, the writer reloads those from device_state, and the
// minutes they had open are rebuilt from the raw rows, as after a crash.

export interface DeviceMemo {
  readonly deviceId: string;
  readonly key: number;
  firstSeenMs: number;
  /** Receive time of the latest reading (console clock), as the fleet view counts liveness. */
  lastSeenMs: number;
  /** The reporting period learned from arrival gaps, as the fleet view learns it. */
  periodMs: number | null;
  /** Event time of the newest reading, and that reading's seed DeviceState fields. */
  newestTs: number;
  riskLevel: number;
  riskScore: number;
  lastTemperature: number;
  lastArcCount: number;
  lastStatusBits: number;
  lastIdx: number;
  /** Readings ever stored (a redelivery is not counted again; expiry does not uncount), and raw rows stored now. */
  readings: number;
  stored: number;
  totalAlarms: number;
  /** Delta of the newest minute not yet merged into rollups_1m. */
  open: MinuteAggregate | null;
  /** A minute whose delta was lost (the process stopped, or a transaction rolled back): rebuilt from raw. */
  lostMinute: number | null;
}

export function copyMemo(m: DeviceMemo): DeviceMemo {
  return { ...m, open: m.open ? copyAggregate(m.open) : null };
}

/** Every device the store knows, as committed (between transactions). */
export class DeviceBook {
  private readonly byId = new Map<string, DeviceMemo>();
  private readonly byKey = new Map<number, DeviceMemo>();
  private nextKey = 1;

  get(deviceId: string): DeviceMemo | undefined {
    return this.byId.get(deviceId);
  }

  byDeviceKey(key: number): DeviceMemo | undefined {
    return this.byKey.get(key);
  }

  /** A fresh key; never handed out twice, even when the transaction that took it rolls back. */
  takeKey(): number {
    return this.nextKey++;
  }

  put(memo: DeviceMemo): void {
    this.byId.set(memo.deviceId, memo);
    this.byKey.set(memo.key, memo);
    if (memo.key >= this.nextKey) this.nextKey = memo.key + 1;
  }

  remove(deviceId: string): void {
    const memo = this.byId.get(deviceId);
    if (!memo) return;
    this.byId.delete(deviceId);
    this.byKey.delete(memo.key);
  }

  /** Devices whose open minute must be rebuilt from raw before they take more readings. */
  private readonly lost = new Set<string>();

  markLost(deviceId: string): void {
    this.lost.add(deviceId);
  }

  /** The devices marked lost, once (the set is emptied). */
  takeLost(): ReadonlyArray<string> {
    const ids = [...this.lost];
    this.lost.clear();
    return ids;
  }

  reserveKeysAbove(key: number): void {
    if (key >= this.nextKey) this.nextKey = key + 1;
  }

  all(): IterableIterator<DeviceMemo> {
    return this.byId.values();
  }

  size(): number {
    return this.byId.size;
  }
}

/**
 * The devices one transaction touched and created. A child (one item inside a savepoint, when a
 * group is retried item by item) also keeps a copy of each device as it found it, to put back if
 * its savepoint rolls back.
 */
export class Staging {
  private readonly touchedIds = new Map<string, DeviceMemo>();
  private readonly createdIds = new Set<string>();
  private readonly before = new Map<string, DeviceMemo>();

  constructor(
    private readonly book: DeviceBook,
    private readonly parent: Staging | null = null,
  ) {}

  /** The device, to be changed by this transaction. */
  edit(deviceId: string): DeviceMemo | undefined {
    const touched = this.touchedIds.get(deviceId);
    if (touched) return touched;
    const memo = this.book.get(deviceId);
    if (!memo) return undefined;
    this.touchedIds.set(deviceId, memo);
    if (this.parent && !this.createdIds.has(deviceId)) this.before.set(deviceId, copyMemo(memo));
    return memo;
  }

  /** A device seen for the first time. */
  add(memo: DeviceMemo): void {
    this.book.put(memo);
    this.touchedIds.set(memo.deviceId, memo);
    this.createdIds.add(memo.deviceId);
  }

  takeKey(): number {
    return this.book.takeKey();
  }

  touched(): IterableIterator<string> {
    return this.touchedIds.keys();
  }

  /** The devices touched, as entries of the book. */
  touchedMemos(): IterableIterator<DeviceMemo> {
    return this.touchedIds.values();
  }

  isCreated(deviceId: string): boolean {
    return this.createdIds.has(deviceId) || (this.parent?.isCreated(deviceId) ?? false);
  }

  child(): Staging {
    return new Staging(this.book, this);
  }

  /** The child's savepoint was released: what it touched, the parent touched. */
  mergeIntoParent(): void {
    if (!this.parent) throw new Error('only a child staging merges into a parent');
    for (const [id, memo] of this.touchedIds) this.parent.touchedIds.set(id, memo);
    for (const id of this.createdIds) this.parent.createdIds.add(id);
  }

  /** The child's savepoint rolled back: its devices go back to how it found them. */
  undo(): void {
    if (!this.parent) throw new Error('a transaction is reloaded, not undone');
    for (const id of this.createdIds) this.book.remove(id);
    for (const [id, copy] of this.before) {
      const memo = this.book.get(id);
      if (memo) Object.assign(memo, copy);
    }
  }

  /** Devices first seen in a transaction that rolled back do not exist. */
  forgetCreated(): void {
    for (const id of this.createdIds) this.book.remove(id);
  }
}
