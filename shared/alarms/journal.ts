import { formatIsoMillis } from '../scoring/timestamp';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './crypto/sha256';

// The append-only journal of operator actions and settings changes. Each entry carries the hash
// of the one before it, so that an edited, removed or reordered entry breaks the chain at a point
// verifyChain names. The chain proves integrity, not authorship: anyone who rewrites the whole
// tail can recompute it, which is why the head hash is also worth copying off the machine.

export const JOURNAL_ACTIONS = Object.freeze([
  'acknowledge',
  'shelve',
  'unshelve',
  'reset',
  'remove_from_service',
  'return_to_service',
  'silence',
  'sign_in',
  'sign_out',
  'settings_change',
] as const);
export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

export interface JournalEntry {
  readonly seq: number;
  /** ISO-8601 UTC with milliseconds. */
  readonly at: string;
  readonly operator: string;
  readonly station: string;
  readonly action: JournalAction;
  readonly alarm_id: string | null;
  readonly comment: string | null;
  readonly hash: string;
  readonly prev_hash: string;
}

export interface JournalInput {
  /** Epoch milliseconds (the console's clock). */
  readonly at: number;
  readonly operator: string;
  readonly station: string;
  readonly action: JournalAction;
  readonly alarm_id?: string | null;
  readonly comment?: string | null;
}

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The text an entry's hash is taken over: the canonical JSON (sorted keys, no white space) of every
 * field but `hash`, in UTF-8.
 */
export function journalHashInput(entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    operator: entry.operator,
    station: entry.station,
    action: entry.action,
    alarm_id: entry.alarm_id,
    comment: entry.comment,
    prev_hash: entry.prev_hash,
  });
}

export function journalEntryHash(entry: Omit<JournalEntry, 'hash'> | JournalEntry): string {
  return sha256Hex(journalHashInput(entry));
}

/** The entry that follows `previous` (null for the first of the journal). */
export function appendJournalEntry(previous: JournalEntry | null, input: JournalInput): JournalEntry {
  const unhashed = {
    seq: previous === null ? 1 : previous.seq + 1,
    at: formatIsoMillis(input.at),
    operator: input.operator,
    station: input.station,
    action: input.action,
    alarm_id: input.alarm_id ?? null,
    comment: input.comment ?? null,
    prev_hash: previous === null ? GENESIS_HASH : previous.hash,
  };
  return { ...unhashed, hash: journalEntryHash(unhashed) };
}

export type ChainBreak = 'MALFORMED' | 'SEQ_GAP' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH';

export type ChainVerification =
  | {
      readonly ok: true;
      readonly entries: number;
      /** The hash of the last entry (GENESIS_HASH for an empty journal). */
      readonly head_hash: string;
      /** False when the first entry was taken on trust (a slice without an anchor). */
      readonly anchored: boolean;
    }
  | {
      readonly ok: false;
      /** Position in the list of the first entry that does not hold. */
      readonly index: number;
      readonly seq: number | null;
      readonly reason: ChainBreak;
      readonly message: string;
    };

export interface ChainAnchor {
  /** The entry just before the slice being checked, taken as known good. */
  readonly seq: number;
  readonly hash: string;
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

function malformed(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null) return 'entry is not an object';
  const e = entry as Record<string, unknown>;
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) return 'seq must be a whole number of at least 1';
  for (const key of ['at', 'operator', 'station', 'action'] as const) {
    if (typeof e[key] !== 'string') return `${key} must be a string`;
  }
  for (const key of ['alarm_id', 'comment'] as const) {
    if (e[key] !== null && typeof e[key] !== 'string') return `${key} must be a string or null`;
  }
  for (const key of ['hash', 'prev_hash'] as const) {
    if (typeof e[key] !== 'string' || !HASH_PATTERN.test(e[key] as string)) return `${key} must be 64 lower-case hex digits`;
  }
  return null;
}

/**
 * Checks a run of entries in order and reports the first broken link: a malformed entry, a gap or
 * repeat in `seq`, a prev_hash that is not the previous entry's hash, or a hash that does not match
 * the entry's content. A run starting at seq 1 must start from GENESIS_HASH; a later slice is
 * checked against `anchor` when given, else its first prev_hash is taken on trust.
 */
export function verifyChain(entries: ReadonlyArray<JournalEntry>, options: { readonly anchor?: ChainAnchor } = {}): ChainVerification {
  let prevSeq: number | null = options.anchor?.seq ?? null;
  let prevHash: string | null = options.anchor?.hash ?? null;
  let anchored = true;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    const problem = malformed(entry);
    const seq = typeof (entry as { seq?: unknown })?.seq === 'number' ? entry.seq : null;
    const broken = (reason: ChainBreak, message: string): ChainVerification => ({ ok: false, index, seq, reason, message });
    if (problem !== null) return broken('MALFORMED', `entry ${index}: ${problem}`);
    if (index === 0 && prevSeq === null) {
      if (entry.seq === 1) {
        prevSeq = 0;
        prevHash = GENESIS_HASH;
      } else {
        anchored = false;
        prevSeq = entry.seq - 1;
        prevHash = entry.prev_hash;
      }
    }
    if (entry.seq !== (prevSeq as number) + 1) {
      return broken('SEQ_GAP', `entry ${index}: seq ${entry.seq} follows seq ${prevSeq}`);
    }
    if (entry.prev_hash !== prevHash) {
      return broken('PREV_HASH_MISMATCH', `entry seq ${entry.seq}: prev_hash is not the hash of seq ${prevSeq}`);
    }
    if (journalEntryHash(entry) !== entry.hash) {
      return broken('HASH_MISMATCH', `entry seq ${entry.seq}: its content does not match its hash`);
    }
    prevSeq = entry.seq;
    prevHash = entry.hash;
  }
  const last = entries[entries.length - 1];
  return { ok: true, entries: entries.length, head_hash: last?.hash ?? options.anchor?.hash ?? GENESIS_HASH, anchored };
}
