import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlushScheduler } from '../../../renderer/src/state/device-changes';
import { createStoreSink } from '../../../renderer/src/state/store-sink';
import { device, health } from './fixtures';
import { createConsoleStore } from '../../../renderer/src/state/store';

const consoleStore = createConsoleStore;

/** Runs scheduled flushes only when told. */
function heldScheduler(): FlushScheduler & { run(): void } {
  let tasks: Array<() => void> = [];
  return {
    now: () => 0,
    schedule: (task) => {
      tasks.push(task);
      return () => {
        tasks = tasks.filter((t) => t !== task);
      };
    },
    run: () => {
      const due = tasks;
      tasks = [];
      for (const task of due) task();
    },
  };
}

describe('createStoreSink', () => {
  it('applies a burst of device changes to the store in one update', () => {
    const store = consoleStore();
    const scheduler = heldScheduler();
    const sink = createStoreSink(store, scheduler);
    sink.replaceDevices([device('dev-1'), device('dev-2')]);
    let updates = 0;
    store.subscribe(() => {
      updates += 1;
    });
    for (let i = 0; i < 500; i += 1) sink.changeDevices([device('dev-1', { temperature: i }), device(`new-${i % 3}`)]);
    sink.removeDevices(['dev-2']);
    assert.equal(updates, 0);
    scheduler.run();
    assert.equal(updates, 1);
    const devices = store.getState().devices;
    assert.deepEqual([...devices.keys()].sort(), ['dev-1', 'new-0', 'new-1', 'new-2']);
    assert.equal(devices.get('dev-1')?.temperature, 499);
  });

  it('lets a fresh fleet supersede changes still waiting to be flushed', () => {
    const store = consoleStore();
    const scheduler = heldScheduler();
    const sink = createStoreSink(store, scheduler);
    sink.changeDevices([device('old-news', { temperature: 90 })]);
    sink.replaceDevices([device('dev-1')]);
    scheduler.run();
    assert.deepEqual([...store.getState().devices.keys()], ['dev-1']);
    assert.equal(store.getState().devicesLoaded, true);
  });

  it('patches the connections of the last health report', () => {
    const store = consoleStore();
    const sink = createStoreSink(store, heldScheduler());
    sink.setConnections([]);
    assert.equal(store.getState().health, null, 'no report to patch yet');
    sink.setHealth(health);
    const connections = [
      { id: 'aws', url: 'mqtts://iot', state: 'reconnecting' as const, messages: 0, rate_per_s: 0, limit_per_s: 100, last_error: 'timeout' },
    ];
    sink.setConnections(connections);
    assert.deepEqual(store.getState().health?.connections, connections);
    assert.equal(store.getState().health?.version, health.version);
  });

  it('records the link state, last message time and host identity', () => {
    const store = consoleStore();
    const sink = createStoreSink(store, heldScheduler());
    sink.setLink('stale');
    sink.setLastMessageAt(1234);
    sink.setHello({ kind: 'hello', protocol: 1, version: '0.1.0' });
    const state = store.getState();
    assert.equal(state.link, 'stale');
    assert.equal(state.lastMessageAt, 1234);
    assert.deepEqual(state.host, { protocol: 1, version: '0.1.0' });
  });
});
