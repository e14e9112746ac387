import type { StoreApi } from 'zustand';
import type { ConsoleState } from '../state/console-state';
import type { GestureTarget } from './arming';
import { armOnFirstGesture } from './arming';
import type { AudioContextLike, Siren } from './siren';
import { createSiren } from './siren';

// The one place that reaches for the platform's AudioContext and timers; the rest of audio/ is
// given them, so it runs in Node.

function platformContext(): AudioContextLike | null {
  const Ctor = (globalThis as { AudioContext?: new (options?: AudioContextOptions) => AudioContext }).AudioContext;
  if (Ctor === undefined) return null;
  try {
    return new Ctor({ latencyHint: 'interactive' });
  } catch {
    return null;
  }
}

/**
 * Creates the console's siren on the platform's Web Audio, reports its state into the store's
 * siren slice, binds the slice's one-click `armAudio`, and arms it on the first user gesture on
 * `gestures` (the window). The caller then plays what `stationSound` says.
 */
export function installSiren(store: StoreApi<ConsoleState>, gestures: GestureTarget | null): Siren {
  const siren = createSiren({
    context: platformContext(),
    timer: {
      setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
      clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof globalThis.setInterval>),
    },
    onStatus: (status) => store.getState().setSirenStatus(status),
  });
  store.getState().bindAudioArm(() => siren.arm());
  store.getState().setSirenStatus(siren.status());
  if (gestures !== null) armOnFirstGesture(gestures, siren);
  return siren;
}
