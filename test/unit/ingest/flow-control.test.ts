import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { storeFlowControl } from '../../../electron/host/ingest/flow-control';
import { openStore, simulatedReadings } from '../store/helpers';

// The store slows the broker: past a backlog of rows, a connection is told to read no further until
// the writer has committed its way down to the resume mark.

describe('flow control from the store', () => {
  test('reading goes on at once while the backlog is under the pause mark', () => {
    const { store } = openStore();
    const flow = storeFlowControl(store.writer, 5, 2);
    let admitted = 0;
    flow.admit(() => (admitted += 1));
    assert.equal(admitted, 1);
    store.close();
  });

  test('past the pause mark, reading resumes only once commits brought the backlog down', async () => {
    const readings = simulatedReadings({ devices: 4, seconds: 3 });
    const { store } = openStore(undefined, { writer: { maxGroupRows: 3 } });
    const flow = storeFlowControl(store.writer, 6, 2);
    for (const r of readings.slice(0, 8)) store.writer.addReading(r.reading, r.receivedAtMs);
    assert.equal(store.writer.backlog(), 8);
    let backlogWhenResumed: number | null = null;
    flow.admit(() => (backlogWhenResumed = store.writer.backlog()));
    assert.equal(backlogWhenResumed, null, 'held while 8 rows wait');
    await store.writer.settled();
    assert.notEqual(backlogWhenResumed, null, 'resumed once the writer caught up');
    assert.ok((backlogWhenResumed as unknown as number) <= 2, `resumed at a backlog of ${String(backlogWhenResumed)}`);
    store.close();
  });

  test('closing the store lets every held connection go', () => {
    const readings = simulatedReadings({ devices: 2, seconds: 5 });
    const { store } = openStore();
    for (const r of readings) store.writer.addReading(r.reading, r.receivedAtMs);
    let resumed = false;
    store.writer.whenBacklogAtMost(0, () => (resumed = true));
    assert.equal(resumed, false);
    store.close();
    assert.equal(resumed, true);
  });
});
