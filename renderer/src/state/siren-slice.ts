import type { StateCreator } from 'zustand';
import type { SirenStatus } from '../audio/siren';
import { SILENT_SIREN_STATUS } from '../audio/siren';
import type { ConsoleState } from './console-state';

/**
 * The siren as the screen (and a browser test) sees it: armed or not, the context's state, the
 * pattern asked for and the one playing, and how many cycles of it have begun, so a test can wait
 * for the pattern in the store instead of sleeping.
 */
export interface SirenSlice {
  readonly siren: SirenStatus;
  setSirenStatus(status: SirenStatus): void;
  /** The one-click fix for "audio not armed"; call it from the click itself. False until a siren is bound. */
  armAudio(): Promise<boolean>;
  bindAudioArm(arm: () => Promise<boolean>): void;
}

export const createSirenSlice: StateCreator<ConsoleState, [], [], SirenSlice> = (set) => ({
  siren: SILENT_SIREN_STATUS,
  setSirenStatus: (siren) => set({ siren }),
  armAudio: () => Promise.resolve(false),
  bindAudioArm: (arm) => set({ armAudio: arm }),
});
