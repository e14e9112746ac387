import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { armOnFirstGesture, isAudioNotArmed } from '../../../renderer/src/audio/arming';
import type { GestureTarget } from '../../../renderer/src/audio/arming';
import { installSiren } from '../../../renderer/src/audio/browser';
import type { AudioContextLike, AudioParamLike, GainLike, OscillatorLike, SirenStatus } from '../../../renderer/src/audio/siren';
import { createSiren } from '../../../renderer/src/audio/siren';
import { createConsoleStore } from '../../../renderer/src/state/store';

// The siren against a fake audio clock: tests move time and tick by hand, and read what was
// scheduled, so they assert the pattern without sleeping.

class FakeParam implements AudioParamLike {
  readonly calls: Array<[string, number, number]> = [];
  setValueAtTime(value: number, time: number): void {
    this.calls.push(['set', value, time]);
  }
  linearRampToValueAtTime(value: number, time: number): void {
    this.calls.push(['linear', value, time]);
  }
  exponentialRampToValueAtTime(value: number, time: number): void {
    this.calls.push(['exp', value, time]);
  }
}

interface FakeOscillator extends OscillatorLike {
  started: number | null;
  stops: number[];
}

class FakeContext implements AudioContextLike {
  state: string = 'suspended';
  currentTime = 0;
  readonly destination = { name: 'speakers' };
  readonly oscillators: FakeOscillator[] = [];
  resumeFails = false;
  private listeners = new Set<() => void>();

  async resume(): Promise<void> {
    if (this.resumeFails) throw new Error('NotAllowedError');
    this.setState('running');
  }
  setState(state: string): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
  createOscillator(): OscillatorLike {
    const osc: FakeOscillator = {
      type: 'sine',
      frequency: new FakeParam(),
      started: null,
      stops: [],
      connect: () => undefined,
      disconnect: () => undefined,
      start(when) {
        this.started = when;
      },
      stop(when) {
        this.stops.push(when);
      },
    };
    this.oscillators.push(osc);
    return osc;
  }
  createGain(): GainLike {
    return { gain: new FakeParam(), connect: () => undefined, disconnect: () => undefined };
  }
  addEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.delete(listener);
  }
  listenerCount(): number {
    return this.listeners.size;
  }
}

function fakeTimer(): { setInterval(cb: () => void, ms: number): unknown; clearInterval(h: unknown): void; active: number; period: number | null } {
  const timer = {
    active: 0,
    period: null as number | null,
    setInterval(_cb: () => void, ms: number): unknown {
      timer.active++;
      timer.period = ms;
      return timer.active;
    },
    clearInterval(): void {
      timer.active--;
    },
  };
  return timer;
}

function setup(state = 'running'): { context: FakeContext; timer: ReturnType<typeof fakeTimer>; statuses: SirenStatus[]; siren: ReturnType<typeof createSiren> } {
  const context = new FakeContext();
  context.state = state;
  const timer = fakeTimer();
  const statuses: SirenStatus[] = [];
  const siren = createSiren({ context, timer, onStatus: (s) => statuses.push(s), lookaheadMs: 250, tickMs: 50 });
  return { context, timer, statuses, siren };
}

/** Runs the clock forward in tick-sized steps, as the timer would. */
function run(context: FakeContext, siren: ReturnType<typeof createSiren>, seconds: number): void {
  const end = context.currentTime + seconds;
  while (context.currentTime < end - 1e-9) {
    context.currentTime = Math.round((context.currentTime + 0.05) * 1000) / 1000;
    siren.tick();
  }
}

const ms = (seconds: number): number => Math.round(seconds * 1000) / 1000;
const starts = (context: FakeContext): number[] => context.oscillators.map((o) => ms(o.started ?? -1));

describe('siren', () => {
  test('plays temporal-3 on the audio clock: 0.5 s tones at 0, 1, 2 s of each 4 s cycle, 520 Hz square', () => {
    const { context, siren, statuses } = setup();
    siren.play('temporal-3');
    run(context, siren, 8.2);
    const origin = 0.03;
    assert.deepEqual(starts(context), [0, 1, 2, 4, 5, 6, 8].map((s) => Math.round((origin + s) * 1000) / 1000));
    assert.ok(context.oscillators.every((o) => o.type === 'square'));
    const first = context.oscillators[0]!;
    assert.deepEqual((first.frequency as FakeParam).calls[0], ['set', 520, origin]);
    assert.equal(Math.round((first.stops[0]! - first.started!) * 1000), 510, '0.5 s tone plus a short release');
    assert.deepEqual(siren.status(), { armed: true, context: 'running', requested: 'temporal-3', playing: 'temporal-3', cycle: 3 });
    assert.deepEqual(statuses.map((s) => s.cycle), [1, 2, 3], 'the store hears once per cycle, not per tick');
  });

  test('temporal-4 for CO: four 0.1 s tones in a 5.7 s cycle', () => {
    const { context, siren } = setup();
    siren.play('temporal-4');
    run(context, siren, 6.0); // the look-ahead reaches 6.25 s
    assert.deepEqual(starts(context), [0, 0.2, 0.4, 0.6, 5.7, 5.9, 6.1].map((s) => Math.round((0.03 + s) * 1000) / 1000));
  });

  test('switching pattern stops what was scheduled and starts the new one at once', () => {
    const { context, siren } = setup();
    siren.play('chime');
    run(context, siren, 0.3);
    const chimes = [...context.oscillators];
    assert.equal(chimes.length, 2);
    siren.play('temporal-3');
    assert.ok(chimes.every((o) => o.stops.includes(context.currentTime)), 'chime notes cut off now');
    assert.equal(ms(context.oscillators[2]!.started!), ms(context.currentTime + 0.03));
    assert.equal(siren.status().playing, 'temporal-3');
    assert.equal(siren.status().cycle, 1);
  });

  test('none stops the sound and the timer; asking again for what plays changes nothing', () => {
    const { context, siren, timer } = setup();
    siren.play('temporal-3');
    assert.equal(timer.active, 1);
    assert.equal(timer.period, 50);
    siren.play('temporal-3');
    assert.equal(timer.active, 1);
    siren.play('none');
    assert.equal(timer.active, 0);
    const count = context.oscillators.length;
    run(context, siren, 5);
    assert.equal(context.oscillators.length, count);
    assert.deepEqual(siren.status(), { armed: true, context: 'running', requested: 'none', playing: 'none', cycle: 0 });
  });
});

describe('audio not armed', () => {
  test('a suspended context plays nothing and says so; arming from a gesture starts the pattern', async () => {
    const { context, siren, statuses } = setup('suspended');
    siren.play('temporal-3');
    assert.equal(context.oscillators.length, 0);
    assert.deepEqual(siren.status(), { armed: false, context: 'suspended', requested: 'temporal-3', playing: 'none', cycle: 0 });
    assert.ok(isAudioNotArmed(siren.status()));
    assert.equal(await siren.arm(), true);
    assert.equal(siren.status().playing, 'temporal-3');
    assert.equal(context.oscillators.length, 1);
    assert.ok(!isAudioNotArmed(statuses[statuses.length - 1]!));
  });

  test('a refused resume leaves it unarmed; no Web Audio at all is unavailable', async () => {
    const { context, siren } = setup('suspended');
    context.resumeFails = true;
    assert.equal(await siren.arm(), false);
    assert.equal(siren.status().context, 'suspended');
    const none = createSiren({ context: null, timer: fakeTimer(), onStatus: () => undefined });
    none.play('temporal-3');
    assert.equal(await none.arm(), false);
    assert.deepEqual(none.status(), { armed: false, context: 'unavailable', requested: 'temporal-3', playing: 'none', cycle: 0 });
  });

  test('suspended by the system, it stops; running again, the pattern starts from its beginning', () => {
    const { context, siren, timer } = setup();
    siren.play('temporal-3');
    run(context, siren, 1.5);
    context.setState('interrupted');
    assert.equal(siren.status().playing, 'none');
    assert.equal(siren.status().context, 'interrupted');
    assert.equal(timer.active, 0);
    context.setState('running');
    assert.equal(siren.status().playing, 'temporal-3');
    assert.equal(siren.status().cycle, 1);
    assert.equal(ms(context.oscillators[context.oscillators.length - 1]!.started!), ms(context.currentTime + 0.03));
  });

  test('the first gesture arms it, then the listeners go', async () => {
    const listeners = new Map<string, () => void>();
    const target: GestureTarget = {
      addEventListener: (type, l) => listeners.set(type, l),
      removeEventListener: (type) => listeners.delete(type),
    };
    let armed = false;
    let calls = 0;
    armOnFirstGesture(target, { arm: async () => (calls++, armed) });
    assert.deepEqual([...listeners.keys()].sort(), ['keydown', 'pointerdown']);
    listeners.get('keydown')!();
    await new Promise((r) => setImmediate(r));
    assert.equal(listeners.size, 2, 'still listening after a gesture that did not arm');
    armed = true;
    listeners.get('pointerdown')!();
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 2);
    assert.equal(listeners.size, 0);
  });

  test('dispose silences and lets go of the context', () => {
    const { context, siren, timer } = setup();
    siren.play('temporal-3');
    siren.dispose();
    assert.equal(timer.active, 0);
    assert.equal(context.listenerCount(), 0);
    siren.play('chime');
    assert.equal(siren.status().requested, 'temporal-3');
  });
});

describe('siren slice', () => {
  const consoleStore = createConsoleStore;

  test('holds what the siren reports, so a test can wait for the pattern in the store', async () => {
    const store = consoleStore();
    assert.equal(store.getState().siren.playing, 'none');
    assert.equal(await store.getState().armAudio(), false, 'no siren bound yet');
    const context = new FakeContext();
    const siren = createSiren({ context, timer: fakeTimer(), onStatus: (s) => store.getState().setSirenStatus(s) });
    store.getState().bindAudioArm(() => siren.arm());
    siren.play('temporal-3');
    assert.deepEqual(store.getState().siren, { armed: false, context: 'suspended', requested: 'temporal-3', playing: 'none', cycle: 0 });
    assert.equal(await store.getState().armAudio(), true);
    assert.deepEqual(store.getState().siren, { armed: true, context: 'running', requested: 'temporal-3', playing: 'temporal-3', cycle: 1 });
  });

  test('installSiren binds the slice; in Node there is no Web Audio, and it says so', async () => {
    const store = consoleStore();
    const siren = installSiren(store, null);
    assert.equal(store.getState().siren.context, 'unavailable');
    assert.equal(await store.getState().armAudio(), false);
    siren.dispose();
  });
});
