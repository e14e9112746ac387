import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChannelCore } from '../../../renderer/src/transport/channel-core';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createChannelCore', () => {
  it('holds messages that arrive before anyone listens and gives them to every listener of that turn', async () => {
    const core = createChannelCore();
    core.receive('hello');
    core.receive('first event');
    const a: unknown[] = [];
    const b: unknown[] = [];
    core.onMessage((data) => a.push(data));
    core.onMessage((data) => b.push(data));
    core.receive('after listeners');
    await tick();
    core.receive('later');
    assert.deepEqual(a, ['hello', 'first event', 'after listeners', 'later']);
    assert.deepEqual(b, a);
  });

  it('announces a close once, after the messages held before it', async () => {
    const core = createChannelCore();
    const seen: string[] = [];
    core.receive('last words');
    core.onMessage((data) => seen.push(`message ${String(data)}`));
    core.onClose((reason) => seen.push(`close ${reason}`));
    core.closed('gone');
    core.closed('gone again');
    core.receive('too late');
    await tick();
    assert.deepEqual(seen, ['message last words', 'close gone']);
    assert.equal(core.isClosed(), true);
  });

  it('tells a close listener that registers after the close', () => {
    const core = createChannelCore();
    core.closed('host restarted');
    let reason = '';
    core.onClose((r) => {
      reason = r;
    });
    assert.equal(reason, 'host restarted');
  });
});
