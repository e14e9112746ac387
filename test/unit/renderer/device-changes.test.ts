import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeviceSummary } from '../../../shared/protocol/api-types';
import type { DeviceChangeBatch, FlushScheduler } from '../../../renderer/src/state/device-changes';
import { applyDeviceBatch, createDeviceChangeBuffer, devicesById } from '../../../renderer/src/state/device-changes';
import { device } from './fixtures';

/** A scheduler driven by hand: time moves only when the test says so. */
class ManualScheduler implements FlushScheduler {
  time = 0;
  private tasks: Array<{ at: number; task: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }
  schedule(task: () => void, delayMs: number): () => void {
    const entry = { at: this.time + delayMs, task, cancelled: false };
    this.tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }
  scheduledCount(): number {
    return this.tasks.filter((entry) => !entry.cancelled).length;
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.tasks.filter((entry) => entry.at <= this.time && !entry.cancelled);
    this.tasks = this.tasks.filter((entry) => !due.includes(entry) && !entry.cancelled);
    for (const entry of due) entry.task();
  }
}

function setup(): { scheduler: ManualScheduler; batches: DeviceChangeBatch[]; buffer: ReturnType<typeof createDeviceChangeBuffer> } {
  const scheduler = new ManualScheduler();
  const batches: DeviceChangeBatch[] = [];
  const buffer = createDeviceChangeBuffer({ intervalMs: 100, scheduler, flush: (batch) => batches.push(batch) });
  return { scheduler, batches, buffer };
}

describe('createDeviceChangeBuffer', () => {
  it('coalesces thousands of changes into one flush, the newest summary of each device winning', () => {
    const { scheduler, batches, buffer } = setup();
    for (let round = 0; round < 5; round += 1) {
      buffer.upsert(Array.from({ length: 2000 }, (_, i) => device(`dev-${i}`, { temperature: round })));
    }
    assert.equal(batches.length, 0, 'nothing reaches the store synchronously');
    assert.equal(scheduler.scheduledCount(), 1, 'one flush is scheduled, not one per message');
    scheduler.advance(0);
    assert.equal(batches.length, 1);
    const batch = batches[0];
    assert.ok(batch);
    assert.equal(batch.upserts.size, 2000);
    assert.equal(batch.upserts.get('dev-1999')?.temperature, 4);
  });

  it('flushes at most once per interval under a steady stream', () => {
    const { scheduler, batches, buffer } = setup();
    const flushTimes: number[] = [];
    const stream = createDeviceChangeBuffer({
      intervalMs: 100,
      scheduler,
      flush: () => flushTimes.push(scheduler.now()),
    });
    for (let t = 0; t < 1000; t += 10) {
      stream.upsert([device('dev-1', { current: t })]);
      scheduler.advance(10);
    }
    scheduler.advance(100);
    assert.ok(flushTimes.length >= 9 && flushTimes.length <= 11, `about ten flushes, got ${flushTimes.length}`);
    for (let i = 1; i < flushTimes.length; i += 1) {
      const gap = (flushTimes[i] ?? 0) - (flushTimes[i - 1] ?? 0);
      assert.ok(gap >= 100, `flushes ${gap} ms apart`);
    }
    assert.equal(batches.length, 0);
    assert.equal(buffer.pendingCount(), 0);
  });

  it('flushes the first change after a quiet period without waiting out the interval', () => {
    const { scheduler, batches, buffer } = setup();
    buffer.upsert([device('dev-1')]);
    scheduler.advance(0);
    scheduler.advance(5000);
    buffer.upsert([device('dev-2')]);
    scheduler.advance(0);
    assert.equal(batches.length, 2);
  });

  it('keeps a removal and a later upsert of the same device as the upsert, and the reverse as a removal', () => {
    const { scheduler, batches, buffer } = setup();
    buffer.remove(['dev-1']);
    buffer.upsert([device('dev-1'), device('dev-2')]);
    buffer.remove(['dev-2']);
    scheduler.advance(0);
    const batch = batches[0];
    assert.ok(batch);
    assert.deepEqual([...batch.upserts.keys()], ['dev-1']);
    assert.deepEqual([...batch.removals], ['dev-2']);
  });

  it('clear() drops what is pending and the flush that was scheduled for it', () => {
    const { scheduler, batches, buffer } = setup();
    buffer.upsert([device('dev-1')]);
    buffer.clear();
    scheduler.advance(1000);
    assert.equal(batches.length, 0);
    assert.equal(buffer.pendingCount(), 0);
  });

  it('flushNow() hands over at once and ignores empty calls', () => {
    const { batches, buffer } = setup();
    buffer.flushNow();
    buffer.upsert([]);
    buffer.remove([]);
    assert.equal(batches.length, 0);
    buffer.upsert([device('dev-1')]);
    buffer.flushNow();
    assert.equal(batches.length, 1);
  });
});

describe('applyDeviceBatch', () => {
  const before = devicesById([device('dev-1'), device('dev-2'), device('dev-3')]);

  function batch(upserts: DeviceSummary[], removals: string[]): DeviceChangeBatch {
    return { upserts: devicesById(upserts), removals: new Set(removals) };
  }

  it('applies upserts and removals into a new map, leaving the old one untouched', () => {
    const changed = device('dev-2', { temperature: 71 });
    const after = applyDeviceBatch(before, batch([changed, device('dev-4')], ['dev-3']));
    assert.notEqual(after, before);
    assert.deepEqual([...after.keys()].sort(), ['dev-1', 'dev-2', 'dev-4']);
    assert.equal(after.get('dev-2'), changed);
    assert.equal(before.size, 3);
    assert.equal(before.get('dev-2')?.temperature, 30);
  });

  it('keeps unchanged devices as the same objects, so their rows do not re-render', () => {
    const after = applyDeviceBatch(before, batch([device('dev-2', { current: 9 })], []));
    assert.equal(after.get('dev-1'), before.get('dev-1'));
    assert.equal(after.get('dev-3'), before.get('dev-3'));
  });

  it('returns the same map when nothing changes', () => {
    const same = before.get('dev-1');
    assert.ok(same);
    assert.equal(applyDeviceBatch(before, batch([same], ['dev-unknown'])), before);
  });
});
