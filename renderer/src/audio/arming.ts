import type { Siren, SirenStatus } from './siren';

// Chromium keeps audio suspended until the user does something on the page. The desktop app lifts
// that policy at start; a browser is armed by the first click or key press, or by the one-click fix
// the "audio not armed" trouble alarm offers.

/** Audio that would not be heard: the console shows it as the `audio_not_armed` trouble alarm. */
export function isAudioNotArmed(status: SirenStatus): boolean {
  return !status.armed;
}

/** Anything that delivers user gestures (a window, a document, a test double). */
export interface GestureTarget {
  addEventListener(type: 'pointerdown' | 'keydown', listener: () => void, options: { capture: boolean }): void;
  removeEventListener(type: 'pointerdown' | 'keydown', listener: () => void, options: { capture: boolean }): void;
}

const GESTURES = ['pointerdown', 'keydown'] as const;

/**
 * Arms the siren on the first user gesture that succeeds in doing so, then stops listening.
 * Returns a function that stops listening earlier.
 */
export function armOnFirstGesture(target: GestureTarget, siren: Pick<Siren, 'arm'>): () => void {
  let done = false;
  const stop = (): void => {
    if (done) return;
    done = true;
    for (const type of GESTURES) target.removeEventListener(type, listener, { capture: true });
  };
  const listener = (): void => {
    void siren.arm().then((armed) => {
      if (armed) stop();
    });
  };
  for (const type of GESTURES) target.addEventListener(type, listener, { capture: true });
  return stop;
}
