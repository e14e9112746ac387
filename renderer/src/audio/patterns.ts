import type { SoundClass } from '../../../shared/alarms/types';

// The siren's patterns as plain data, and their timing as pure functions: what plays when is
// decided here (and tested in Node); siren.ts only hands it to Web Audio.

export type Waveform = 'sine' | 'square' | 'triangle';

export interface Tone {
  /** From the start of the cycle. */
  readonly offsetMs: number;
  readonly durationMs: number;
  readonly frequencyHz: number;
  readonly waveform: Waveform;
  /** `flat`: full level while on (a horn); `decay`: struck, then fading (a chime). */
  readonly envelope: 'flat' | 'decay';
}

export interface SirenPattern {
  readonly sound: Exclude<SoundClass, 'none'>;
  readonly cycleMs: number;
  readonly tones: ReadonlyArray<Tone>;
}

function pulses(count: number, onMs: number, offMs: number, frequencyHz: number, waveform: Waveform): Tone[] {
  return Array.from({ length: count }, (_, i) => ({ offsetMs: i * (onMs + offMs), durationMs: onMs, frequencyHz, waveform, envelope: 'flat' as const }));
}

/**
 * NFPA 72 / ISO 8201 temporal-3 for fire: three 0.5 s tones with 0.5 s between them, then 1.5 s
 * of silence, which takes the place of the third 0.5 s gap: a 4 s cycle. 520 Hz square, the low
 * frequency NFPA 72 asks for where people may be asleep, and one that laptop speakers can carry.
 */
export const TEMPORAL_3: SirenPattern = Object.freeze({
  sound: 'temporal-3',
  cycleMs: 4000,
  tones: Object.freeze(pulses(3, 500, 500, 520, 'square')),
});

/**
 * NFPA 720 temporal-4 for carbon monoxide: four 0.1 s tones with 0.1 s between them, then 5 s of
 * silence in place of the fourth gap: a 5.7 s cycle. 3.1 kHz, where residential CO alarms sound.
 */
export const TEMPORAL_4: SirenPattern = Object.freeze({
  sound: 'temporal-4',
  cycleMs: 5700,
  tones: Object.freeze(pulses(4, 100, 100, 3100, 'sine')),
});

/** A two-note chime for high-priority alarms, struck again every 10 s until silenced or acknowledged. */
export const CHIME: SirenPattern = Object.freeze({
  sound: 'chime',
  cycleMs: 10_000,
  tones: Object.freeze([
    { offsetMs: 0, durationMs: 450, frequencyHz: 880, waveform: 'sine', envelope: 'decay' },
    { offsetMs: 450, durationMs: 900, frequencyHz: 659.25, waveform: 'sine', envelope: 'decay' },
  ] as const),
});

const PATTERNS: Readonly<Record<Exclude<SoundClass, 'none'>, SirenPattern>> = Object.freeze({
  'temporal-3': TEMPORAL_3,
  'temporal-4': TEMPORAL_4,
  chime: CHIME,
});

/** The pattern for a sound class; null for `none` (medium and low priority alarms are silent). */
export function patternFor(sound: SoundClass): SirenPattern | null {
  return sound === 'none' ? null : PATTERNS[sound];
}

export interface Phase {
  readonly on: boolean;
  readonly durationMs: number;
}

/** The cycle as alternating on and off phases, e.g. temporal-3: on 500, off 500, on 500, off 500, on 500, off 1500. */
export function phasesOf(pattern: SirenPattern): ReadonlyArray<Phase> {
  const phases: Phase[] = [];
  let cursor = 0;
  for (const tone of pattern.tones) {
    if (tone.offsetMs > cursor) phases.push({ on: false, durationMs: tone.offsetMs - cursor });
    phases.push({ on: true, durationMs: tone.durationMs });
    cursor = tone.offsetMs + tone.durationMs;
  }
  if (pattern.cycleMs > cursor) phases.push({ on: false, durationMs: pattern.cycleMs - cursor });
  return phases;
}

/** Whether a tone sounds `elapsedMs` after the pattern started (tones are half-open: [start, end)). */
export function isToneOn(pattern: SirenPattern, elapsedMs: number): boolean {
  if (elapsedMs < 0) return false;
  const inCycle = elapsedMs % pattern.cycleMs;
  return pattern.tones.some((t) => inCycle >= t.offsetMs && inCycle < t.offsetMs + t.durationMs);
}

/** The cycle number (from 0) `elapsedMs` after the pattern started. */
export function cycleAt(pattern: SirenPattern, elapsedMs: number): number {
  return Math.max(0, Math.floor(elapsedMs / pattern.cycleMs));
}

export interface ScheduledTone {
  readonly tone: Tone;
  readonly cycle: number;
  /** From the pattern's start. */
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The tones that start in [fromMs, toMs), measured from the pattern's start: what a look-ahead
 * scheduler hands to the audio clock on each tick. Consecutive windows give every tone exactly once.
 */
export function tonesStartingBetween(pattern: SirenPattern, fromMs: number, toMs: number): ReadonlyArray<ScheduledTone> {
  const out: ScheduledTone[] = [];
  if (toMs <= fromMs) return out;
  const firstCycle = Math.max(0, Math.floor(fromMs / pattern.cycleMs));
  for (let cycle = firstCycle; cycle * pattern.cycleMs < toMs; cycle++) {
    for (const tone of pattern.tones) {
      const startMs = cycle * pattern.cycleMs + tone.offsetMs;
      if (startMs >= fromMs && startMs < toMs) out.push({ tone, cycle, startMs, endMs: startMs + tone.durationMs });
    }
  }
  return out;
}
