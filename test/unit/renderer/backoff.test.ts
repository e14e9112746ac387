import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECONNECT_BACKOFF, backoffDelay } from '../../../renderer/src/transport/backoff';
import { webSocketUrl } from '../../../renderer/src/transport/ws-url';

describe('backoffDelay', () => {
  it('starts near half a second and doubles', () => {
    const middle = (): number => 0.5;
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, middle)),
      [500, 1000, 2000, 4000, 8000],
    );
  });

  it('never exceeds ten seconds, however many attempts failed', () => {
    for (const random of [0, 0.5, 0.999]) {
      for (const attempt of [5, 6, 20, 1000]) {
        const delay = backoffDelay(attempt, () => random);
        assert.ok(delay <= RECONNECT_BACKOFF.maxMs, `${delay} ms`);
        assert.ok(delay >= RECONNECT_BACKOFF.maxMs * (1 - RECONNECT_BACKOFF.jitter), `${delay} ms`);
      }
    }
  });

  it('spreads redials by up to a fifth either way', () => {
    assert.equal(backoffDelay(0, () => 0), 400);
    assert.equal(backoffDelay(0, () => 1), 600);
    assert.equal(backoffDelay(2, () => 0), 1600);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    assert.ok(delays.size > 1, 'real randomness varies the delay');
  });

  it('treats odd attempt numbers and random values sanely', () => {
    assert.equal(backoffDelay(-3, () => 0.5), 500);
    assert.equal(backoffDelay(1.7, () => 0.5), 1000);
    assert.equal(backoffDelay(0, () => 7), 600);
  });
});

describe('webSocketUrl', () => {
  it('follows the page: same host and port, ws for http and wss for https', () => {
    assert.equal(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5780' }), 'ws://127.0.0.1:5780/ws');
    assert.equal(webSocketUrl({ protocol: 'https:', host: 'console.site.example' }), 'wss://console.site.example/ws');
  });
});
