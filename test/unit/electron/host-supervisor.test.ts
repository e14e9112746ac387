import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { HostChild, HostClient } from '../../../electron/host-supervisor';
import { ATTACH_PORT, HEALTHY_UPTIME_MS, STOP_HOST, createHostSupervisor, restartDelay } from '../../../electron/host-supervisor';

interface FakePort {
  readonly name: string;
}

class FakeChild extends EventEmitter implements HostChild<FakePort> {
  readonly messages: Array<{ message: unknown; transfer: FakePort[] }> = [];
  killed = false;
  postMessage(message: unknown, transfer: FakePort[] = []): void {
    this.messages.push({ message, transfer });
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', 9);
    return true;
  }
}

function harness() {
  let clock = 0;
  let portSeq = 0;
  const children: FakeChild[] = [];
  const timers = new Map<number, { fn: () => void; at: number }>();
  let timerSeq = 0;
  const logs: string[] = [];
  const closed: string[] = [];
  const supervisor = createHostSupervisor<FakePort>({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    createChannel: () => {
      portSeq += 1;
      return { port1: { name: `host-${portSeq}` }, port2: { name: `window-${portSeq}` } };
    },
    closePort: (port) => {
      closed.push(port.name);
    },
    log: (message) => logs.push(message),
    now: () => clock,
    setTimer: (fn, ms) => {
      timerSeq += 1;
      timers.set(timerSeq, { fn, at: clock + ms });
      return timerSeq;
    },
    clearTimer: (handle) => {
      timers.delete(handle as number);
    },
  });
  function advance(ms: number): void {
    clock += ms;
    for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= clock && timers.has(id)) {
        timers.delete(id);
        timer.fn();
      }
    }
  }
  function client(id: number, accept = true): HostClient<FakePort> & { received: FakePort[] } {
    const received: FakePort[] = [];
    return {
      id,
      received,
      deliver: (port) => {
        if (accept) received.push(port);
        return accept;
      },
    };
  }
  return { supervisor, children, timers, logs, closed, advance, client };
}

describe('host supervisor', () => {
  it('gives every window its own channel to the host', () => {
    const h = harness();
    h.supervisor.start();
    assert.equal(h.children.length, 1);
    const a = h.client(1);
    const b = h.client(2);
    h.supervisor.connect(a);
    h.supervisor.connect(b);
    const child = h.children[0]!;
    assert.deepEqual(
      child.messages.map((m) => [m.message, m.transfer.map((p) => p.name)]),
      [
        [{ type: ATTACH_PORT }, ['host-1']],
        [{ type: ATTACH_PORT }, ['host-2']],
      ],
    );
    assert.deepEqual(a.received.map((p) => p.name), ['window-1']);
    assert.deepEqual(b.received.map((p) => p.name), ['window-2']);
  });

  it('hands a fresh port when a window loads again', () => {
    const h = harness();
    h.supervisor.start();
    const a = h.client(1);
    h.supervisor.connect(a);
    h.supervisor.connect(a);
    assert.deepEqual(a.received.map((p) => p.name), ['window-1', 'window-2']);
  });

  it('closes the window end when the window is gone before the hand-off', () => {
    const h = harness();
    h.supervisor.start();
    const gone = h.client(1, false);
    h.supervisor.connect(gone);
    assert.equal(h.children[0]!.messages.length, 1);
    assert.deepEqual(h.closed, ['window-1']);
    assert.equal(h.supervisor.running, true);
  });

  it('restarts a host that died, with growing delays, and reconnects every open window', () => {
    const h = harness();
    h.supervisor.start();
    const a = h.client(1);
    const b = h.client(2);
    h.supervisor.connect(a);
    h.supervisor.connect(b);
    h.supervisor.disconnect(2);

    h.children[0]!.emit('exit', 1);
    assert.equal(h.supervisor.running, false);
    assert.match(h.logs.at(-1) ?? '', /exited unexpectedly \(code 1\).*restarting in 500 ms/);
    h.advance(499);
    assert.equal(h.children.length, 1, 'waits for the backoff');
    h.advance(1);
    assert.equal(h.children.length, 2);
    assert.deepEqual(h.children[1]!.messages.map((m) => m.message), [{ type: ATTACH_PORT }], 'only the open window');
    assert.equal(a.received.length, 2);

    h.children[1]!.emit('exit', 1);
    assert.match(h.logs.at(-1) ?? '', /restarting in 1000 ms/);
    h.advance(1000);
    h.children[2]!.emit('exit', 1);
    assert.match(h.logs.at(-1) ?? '', /restarting in 2000 ms/);
  });

  it('starts the backoff over after the host ran well for a while', () => {
    const h = harness();
    h.supervisor.start();
    h.children[0]!.emit('exit', 1);
    h.advance(500);
    h.children[1]!.emit('exit', 1);
    assert.match(h.logs.at(-1) ?? '', /in 1000 ms/);
    h.advance(1000);
    h.advance(HEALTHY_UPTIME_MS);
    h.children[2]!.emit('exit', 1);
    assert.match(h.logs.at(-1) ?? '', /in 500 ms/);
  });

  it('gives a window that loads while the host is down its port when the host is back', () => {
    const h = harness();
    h.supervisor.start();
    h.children[0]!.emit('exit', 1);
    const a = h.client(1);
    h.supervisor.connect(a);
    assert.equal(a.received.length, 0);
    h.advance(500);
    assert.equal(a.received.length, 1);
  });

  it('stops the host cleanly and does not restart it', async () => {
    const h = harness();
    h.supervisor.start();
    const child = h.children[0]!;
    const stopped = h.supervisor.stop(5_000);
    assert.deepEqual(child.messages.at(-1)?.message, { type: STOP_HOST });
    assert.equal(h.supervisor.stopping, true);
    child.emit('exit', 0);
    await stopped;
    assert.equal(child.killed, false);
    h.advance(60_000);
    assert.equal(h.children.length, 1);
  });

  it('kills a host that does not stop in time', async () => {
    const h = harness();
    h.supervisor.start();
    const child = h.children[0]!;
    const stopped = h.supervisor.stop(5_000);
    await Promise.resolve();
    h.advance(5_000);
    await stopped;
    assert.equal(child.killed, true);
    assert.equal(h.children.length, 1);
  });

  it('cancels a pending restart when stopping', async () => {
    const h = harness();
    h.supervisor.start();
    h.children[0]!.emit('exit', 1);
    await h.supervisor.stop(1_000);
    h.advance(60_000);
    assert.equal(h.children.length, 1);
  });
});

describe('restart delay', () => {
  it('doubles from half a second up to half a minute', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 50].map(restartDelay), [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
