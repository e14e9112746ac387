import type { MinuteAggregate } from './minute-rollup';
import { copyAggregate } from './minute-rollup';

// What the writer keeps in memory per device, mirroring device_state, and the staging that lets a
// transaction change it only if the transaction commits: changes go to copies, which replace the
// committed entries after COMMIT and are dropped on ROLLBACK.

export interface DeviceMemo {
  readonly deviceId: string;
  readonly key: number;
  /** True until its device_keys row is committed. */
  isNew: boolean;
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
  /** A minute that was open when the process stopped: its delta died with it, so it is rebuilt from raw. */
  lostMinute: number | null;
  /** Whether device_state must be written with this transaction. */
  dirty: boolean;
}

function copyMemo(m: DeviceMemo): DeviceMemo {
  return { ...m, open: m.open ? copyAggregate(m.open) : null };
}

/** The committed state of every device the store knows. */
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

  /** Loading at open: a committed entry. */
  put(memo: DeviceMemo): void {
    this.byId.set(memo.deviceId, memo);
    this.byKey.set(memo.key, memo);
    if (memo.key >= this.nextKey) this.nextKey = memo.key + 1;
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

/** Changes of one transaction (or of one savepoint within it, as a child). */
export class Staging {
  private readonly changed = new Map<string, DeviceMemo>();

  constructor(
    private readonly book: DeviceBook,
    private readonly parent: Staging | null = null,
  ) {}

  /** The device as this transaction sees it, without making a copy. */
  peek(deviceId: string): DeviceMemo | undefined {
    return this.changed.get(deviceId) ?? this.parent?.peek(deviceId) ?? this.book.get(deviceId);
  }

  /** The device, copied into this staging so it can be changed. */
  edit(deviceId: string): DeviceMemo | undefined {
    const mine = this.changed.get(deviceId);
    if (mine) return mine;
    const seen = this.parent?.peek(deviceId) ?? this.book.get(deviceId);
    if (!seen) return undefined;
    const copy = copyMemo(seen);
    this.changed.set(deviceId, copy);
    return copy;
  }

  add(memo: DeviceMemo): void {
    this.changed.set(memo.deviceId, memo);
  }

  takeKey(): number {
    return this.book.takeKey();
  }

  child(): Staging {
    return new Staging(this.book, this);
  }

  changes(): IterableIterator<DeviceMemo> {
    return this.changed.values();
  }

  /** A savepoint was released: its changes become the parent's. */
  mergeIntoParent(): void {
    if (!this.parent) throw new Error('only a child staging merges into a parent');
    for (const memo of this.changed.values()) this.parent.add(memo);
  }

  /** The transaction committed: its changes become the committed state. */
  commit(): void {
    if (this.parent) throw new Error('a child staging is merged, not committed');
    for (const memo of this.changed.values()) {
      memo.isNew = false;
      memo.dirty = false;
      this.book.put(memo);
    }
  }
}
