import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BreakerTransition } from '../../../electron/host/cloud/circuit-breaker';
import { BreakerOpenError, CircuitBreaker } from '../../../electron/host/cloud/circuit-breaker';
import { isEndpointFailure } from '../../../electron/host/cloud/cloud-errors';

function setup(): { breaker: CircuitBreaker; clock: { t: number }; transitions: Array<Pick<BreakerTransition, 'from' | 'to' | 'at'>> } {
  const clock = { t: 1_000 };
  const transitions: Array<Pick<BreakerTransition, 'from' | 'to' | 'at'>> = [];
  const breaker = new CircuitBreaker({
    now: () => clock.t,
    isFailure: isEndpointFailure,
    onTransition: ({ from, to, at }) => transitions.push({ from, to, at }),
  });
  return { breaker, clock, transitions };
}

const down = (): Promise<never> => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' }));
const up = (): Promise<string> => Promise.resolve('ok');

describe('circuit breaker (the roadmap\'s: open after 3 failures, half-open after 30 s)', () => {
  it('opens after three failures in a row, and then refuses without calling', async () => {
    const { breaker, transitions } = setup();
    for (let i = 0; i < 2; i++) await assert.rejects(breaker.run(down));
    assert.equal(breaker.state(), 'closed');
    await assert.rejects(breaker.run(down));
    assert.equal(breaker.state(), 'open');
    let called = false;
    await assert.rejects(breaker.run(async () => { called = true; }), BreakerOpenError);
    assert.equal(called, false);
    assert.deepEqual(transitions, [{ from: 'closed', to: 'open', at: 1_000 }]);
  });

  it('a success in between starts the count again', async () => {
    const { breaker } = setup();
    await assert.rejects(breaker.run(down));
    await assert.rejects(breaker.run(down));
    await breaker.run(up);
    await assert.rejects(breaker.run(down));
    await assert.rejects(breaker.run(down));
    assert.equal(breaker.state(), 'closed');
  });

  it('half-opens after 30 s; the trial\'s success closes it', async () => {
    const { breaker, clock, transitions } = setup();
    for (let i = 0; i < 3; i++) await assert.rejects(breaker.run(down));
    clock.t += 29_999;
    assert.equal(breaker.state(), 'open');
    assert.equal(breaker.retryAt(), 31_000);
    clock.t += 1;
    assert.equal(breaker.state(), 'half_open');
    assert.equal(await breaker.run(up), 'ok');
    assert.equal(breaker.state(), 'closed');
    assert.deepEqual(transitions.map((t) => `${t.from}>${t.to}@${t.at}`), ['closed>open@1000', 'open>half_open@31000', 'half_open>closed@31000']);
  });

  it('the trial\'s failure opens it for another 30 s; one trial at a time', async () => {
    const { breaker, clock, transitions } = setup();
    for (let i = 0; i < 3; i++) await assert.rejects(breaker.run(down));
    clock.t += 30_000;
    let release: () => void = () => {};
    const trial = breaker.run(() => new Promise<never>((_, reject) => { release = () => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })); }));
    await assert.rejects(breaker.run(up), BreakerOpenError, 'a second call waits for the trial');
    release();
    await assert.rejects(trial);
    assert.equal(breaker.state(), 'open');
    assert.equal(breaker.retryAt(), clock.t + 30_000);
    assert.deepEqual(transitions.map((t) => t.to), ['open', 'half_open', 'open']);
  });

  it('a refused item or a failed condition is an answer, not a failure of the endpoint', async () => {
    const { breaker } = setup();
    for (const name of ['ValidationException', 'ConditionalCheckFailedException', 'ValidationException', 'ValidationException']) {
      await assert.rejects(breaker.run(() => Promise.reject(Object.assign(new Error(name), { name }))));
    }
    assert.equal(breaker.state(), 'closed');
    assert.equal(breaker.snapshot().consecutive_failures, 0);
  });
});
