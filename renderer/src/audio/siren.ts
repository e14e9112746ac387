import type { SoundClass } from '../../../shared/alarms/types';
import type { ScheduledTone, SirenPattern } from './patterns';
import { cycleAt, patternFor, tonesStartingBetween } from './patterns';

// The siren: the patterns of patterns.ts handed to Web Audio by a look-ahead scheduler (a timer
// tick tops up the next fraction of a second on the audio clock, so timing does not depend on the
// timer's jitter). Everything it touches comes in through SirenDeps, so it runs in Node against a
// fake context and never looks for `window`.

/** The few parts of Web Audio the siren uses (an AudioContext satisfies it). */
export interface AudioParamLike {
  setValueAtTime(value: number, time: number): unknown;
  linearRampToValueAtTime(value: number, time: number): unknown;
  exponentialRampToValueAtTime(value: number, time: number): unknown;
}

export interface AudioNodeLike {
  connect(destination: unknown): unknown;
  disconnect(): void;
}

export interface OscillatorLike extends AudioNodeLike {
  type: string;
  readonly frequency: AudioParamLike;
  start(when: number): void;
  stop(when: number): void;
}

export interface GainLike extends AudioNodeLike {
  readonly gain: AudioParamLike;
}

export interface AudioContextLike {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
  addEventListener(type: 'statechange', listener: () => void): void;
  removeEventListener(type: 'statechange', listener: () => void): void;
}

export interface SirenTimer {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** `unavailable`: no Web Audio at all (or it failed to start). */
export type AudioContextStatus = 'running' | 'suspended' | 'interrupted' | 'closed' | 'unavailable';

export interface SirenStatus {
  /** The audio context runs: sound will be heard. False until a user gesture in a plain browser. */
  readonly armed: boolean;
  readonly context: AudioContextStatus;
  /** What the station's alarms ask for. */
  readonly requested: SoundClass;
  /** What is actually being played: the request when armed, else none. */
  readonly playing: SoundClass;
  /** Cycles of the playing pattern begun so far (1 as soon as it starts); 0 when nothing plays. */
  readonly cycle: number;
}

export const SILENT_SIREN_STATUS: SirenStatus = Object.freeze({
  armed: false,
  context: 'unavailable',
  requested: 'none',
  playing: 'none',
  cycle: 0,
});

export interface SirenDeps {
  /** Null when the platform has no Web Audio. */
  readonly context: AudioContextLike | null;
  readonly timer: SirenTimer;
  readonly onStatus: (status: SirenStatus) => void;
  /** How far ahead tones are handed to the audio clock. */
  readonly lookaheadMs?: number;
  readonly tickMs?: number;
  /** Peak gain, 0–1. */
  readonly volume?: number;
}

export interface Siren {
  /** Plays a sound class from the start of its cycle (a different one replaces it at once); `none` stops. */
  play(sound: SoundClass): void;
  /** Resumes a suspended context; call it from a user gesture. Resolves to whether audio is now armed. */
  arm(): Promise<boolean>;
  /** Tops up the schedule; the siren's timer calls it, a test may call it directly. */
  tick(): void;
  status(): SirenStatus;
  dispose(): void;
}

const START_DELAY_S = 0.03;
const ATTACK_S = 0.005;
const RELEASE_S = 0.01;
const SILENT_GAIN = 0.0001;

function contextStatus(context: AudioContextLike | null): AudioContextStatus {
  if (context === null) return 'unavailable';
  const state = context.state;
  return state === 'running' || state === 'suspended' || state === 'interrupted' || state === 'closed' ? state : 'suspended';
}

export function createSiren(deps: SirenDeps): Siren {
  const { context, timer, onStatus } = deps;
  const lookaheadMs = deps.lookaheadMs ?? 250;
  const tickMs = deps.tickMs ?? 50;
  const volume = deps.volume ?? 0.4;

  let requested: SoundClass = 'none';
  let pattern: SirenPattern | null = null;
  /** Audio-clock time (s) the playing pattern started at, or null when nothing is scheduled. */
  let origin: number | null = null;
  let scheduledUntilMs = 0;
  let cycle = 0;
  let handle: unknown = null;
  let disposed = false;
  let live: Array<{ osc: OscillatorLike; gain: GainLike; end: number }> = [];
  let last: SirenStatus = SILENT_SIREN_STATUS;

  const running = (): boolean => context !== null && context.state === 'running';

  function current(): SirenStatus {
    const state = contextStatus(context);
    const armed = state === 'running';
    const playing = armed && origin !== null ? requested : 'none';
    return { armed, context: state, requested, playing, cycle: playing === 'none' ? 0 : cycle };
  }

  function publish(): void {
    const next = current();
    if (next.armed === last.armed && next.context === last.context && next.requested === last.requested && next.playing === last.playing && next.cycle === last.cycle) {
      return;
    }
    last = next;
    onStatus(next);
  }

  function silenceNodes(): void {
    const now = context?.currentTime ?? 0;
    for (const node of live) {
      try {
        node.gain.gain.setValueAtTime(0, now);
        node.osc.stop(now);
      } catch {
        // Already stopped: nothing left to silence.
      }
      node.gain.disconnect();
    }
    live = [];
  }

  function stopTimer(): void {
    if (handle !== null) timer.clearInterval(handle);
    handle = null;
  }

  function schedule(ctx: AudioContextLike, start: number, item: ScheduledTone): void {
    const begin = start + item.startMs / 1000;
    const end = start + item.endMs / 1000;
    const osc = ctx.createOscillator();
    osc.type = item.tone.waveform;
    osc.frequency.setValueAtTime(item.tone.frequencyHz, begin);
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, begin);
    gain.gain.linearRampToValueAtTime(volume, begin + ATTACK_S);
    if (item.tone.envelope === 'decay') {
      gain.gain.exponentialRampToValueAtTime(SILENT_GAIN, end);
    } else {
      gain.gain.setValueAtTime(volume, end - RELEASE_S);
      gain.gain.linearRampToValueAtTime(0, end);
    }
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(begin);
    osc.stop(end + RELEASE_S);
    live.push({ osc, gain, end });
  }

  function tick(): void {
    if (disposed || context === null || pattern === null || !running()) return;
    if (origin === null) {
      origin = context.currentTime + START_DELAY_S;
      scheduledUntilMs = 0;
    }
    const elapsedMs = (context.currentTime - origin) * 1000;
    const horizonMs = Math.max(elapsedMs, 0) + lookaheadMs;
    for (const item of tonesStartingBetween(pattern, scheduledUntilMs, horizonMs)) schedule(context, origin, item);
    scheduledUntilMs = horizonMs;
    live = live.filter((node) => node.end + RELEASE_S > context.currentTime);
    cycle = cycleAt(pattern, Math.max(elapsedMs, 0)) + 1;
    publish();
  }

  /** Starts (or restarts) scheduling for the requested pattern if the context can play. */
  function restart(): void {
    silenceNodes();
    stopTimer();
    origin = null;
    cycle = 0;
    if (pattern !== null && running()) {
      handle = timer.setInterval(tick, tickMs);
      tick();
    }
    publish();
  }

  const onStateChange = (): void => {
    if (disposed) return;
    // Running again after a suspension starts the pattern from its beginning; suspended stops it.
    if (running() !== (origin !== null)) restart();
    else publish();
  };
  context?.addEventListener('statechange', onStateChange);

  return {
    play(sound) {
      if (disposed || sound === requested) return;
      requested = sound;
      pattern = patternFor(sound);
      restart();
    },
    async arm() {
      if (context === null || disposed) return false;
      if (!running()) {
        try {
          await context.resume();
        } catch {
          // Refused (no user gesture, or the device went away): stays unarmed, and says so.
        }
      }
      onStateChange();
      return running();
    },
    tick,
    status: current,
    dispose() {
      if (disposed) return;
      silenceNodes();
      stopTimer();
      disposed = true;
      context?.removeEventListener('statechange', onStateChange);
    },
  };
}
