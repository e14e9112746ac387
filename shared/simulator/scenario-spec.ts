import { isScenarioName, SCENARIO_NAMES } from './scenarios';
import type { ScenarioName } from './scenarios';

/** A scenario forced on named devices (or on every device when `deviceIds` is null). */
export interface ForcedScenario {
  readonly scenario: ScenarioName;
  readonly deviceIds: ReadonlyArray<string> | null;
  /** Seconds after the start of the run. */
  readonly startS: number;
}

export interface ScenarioSpec {
  /** Share of the other devices that get episodes of random scenarios; 0 keeps them normal. */
  readonly mixFraction: number;
  readonly forced: ReadonlyArray<ForcedScenario>;
}

export const DEFAULT_MIX_FRACTION = 0.1;

export const SCENARIO_SPEC_HELP = [
  'mix | mix:FRACTION                 most devices normal, FRACTION (default 0.1) get staggered episodes',
  'NAME                               NAME on every device from the start',
  'NAME:DEV0003,DEV0004[@SECONDS]     NAME on those devices (for the whole run), from SECONDS after start',
  'entries combine with ";"           e.g. "mix;loose-connection:DEV0003"',
  `NAME is one of: ${SCENARIO_NAMES.join(', ')}`,
].join('\n');

function parseStart(text: string, entry: string): number {
  const startS = Number(text);
  if (text.trim() === '' || !Number.isFinite(startS) || startS < 0) {
    throw new Error(`scenario "${entry}": start "@${text}" must be a number of seconds ≥ 0`);
  }
  return startS;
}

function parseEntry(entry: string): ForcedScenario | { readonly mixFraction: number } {
  const [head = '', startText] = entry.split('@');
  const colon = head.indexOf(':');
  const name = (colon < 0 ? head : head.slice(0, colon)).trim();
  const rest = colon < 0 ? null : head.slice(colon + 1).trim();
  if (name === 'mix') {
    if (startText !== undefined) throw new Error(`scenario "${entry}": mix takes no start time`);
    const mixFraction = rest === null ? DEFAULT_MIX_FRACTION : Number(rest);
    if (rest === '' || !Number.isFinite(mixFraction) || mixFraction < 0 || mixFraction > 1) {
      throw new Error(`scenario "${entry}": the mix fraction must be a number from 0 to 1`);
    }
    return { mixFraction };
  }
  if (!isScenarioName(name)) {
    throw new Error(`unknown scenario "${name}"; expected mix or one of ${SCENARIO_NAMES.join(', ')}`);
  }
  const startS = startText === undefined ? 0 : parseStart(startText, entry);
  if (rest === null) return { scenario: name, deviceIds: null, startS };
  const deviceIds = rest.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (deviceIds.length === 0) throw new Error(`scenario "${entry}": no device ids after ":"`);
  return { scenario: name, deviceIds, startS };
}

/**
 * Parses `--scenario`: `mix`, `mix:0.2`, `overcurrent`, `loose-connection:DEV0003,DEV0004@60`, or
 * several joined by ";". No entry at all means every device stays normal. Throws with a message that
 * names the bad entry.
 */
export function parseScenarioSpec(text: string): ScenarioSpec {
  let mixFraction = 0;
  const forced: ForcedScenario[] = [];
  for (const raw of text.split(';')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const parsed = parseEntry(entry);
    if ('mixFraction' in parsed) mixFraction = parsed.mixFraction;
    else forced.push(parsed);
  }
  return { mixFraction, forced };
}
