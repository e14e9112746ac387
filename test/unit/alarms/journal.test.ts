import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import type { JournalEntry } from '../../../shared/alarms/journal';
import { GENESIS_HASH, appendJournalEntry, journalHashInput, verifyChain } from '../../../shared/alarms/journal';
import { MINUTE, T0 } from './helpers';

function journal(n: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (let i = 0; i < n; i++) {
    entries.push(
      appendJournalEntry(entries[i - 1] ?? null, {
        at: T0 + i * MINUTE,
        operator: i % 2 === 0 ? 'kim' : '박',
        station: 'desk-1',
        action: i === 3 ? 'settings_change' : 'acknowledge',
        alarm_id: i === 3 ? null : `device:DEV${i}:co_alarm`,
        comment: i === 1 ? '현장 확인 중' : null,
      }),
    );
  }
  return entries;
}

describe('journal entries', () => {
  test('the first follows the genesis hash; each next carries the one before', () => {
    const [first, second] = journal(2);
    assert.equal(first?.seq, 1);
    assert.equal(first?.prev_hash, GENESIS_HASH);
    assert.equal(first?.at, '2026-03-01T09:00:00.000Z');
    assert.equal(second?.seq, 2);
    assert.equal(second?.prev_hash, first?.hash);
  });

  test('the hash is SHA-256 of the canonical JSON of every other field, so anyone can recompute it', () => {
    const [entry] = journal(1);
    assert.equal(
      journalHashInput(entry!),
      `{"action":"acknowledge","alarm_id":"device:DEV0:co_alarm","at":"2026-03-01T09:00:00.000Z","comment":null,"operator":"kim","prev_hash":"${GENESIS_HASH}","seq":1,"station":"desk-1"}`,
    );
    assert.equal(entry?.hash, createHash('sha256').update(journalHashInput(entry!), 'utf8').digest('hex'));
  });
});

describe('verifyChain', () => {
  test('a whole journal holds', () => {
    const entries = journal(6);
    assert.deepEqual(verifyChain(entries), { ok: true, entries: 6, head_hash: entries[5]!.hash, anchored: true });
    assert.deepEqual(verifyChain([]), { ok: true, entries: 0, head_hash: GENESIS_HASH, anchored: true });
  });

  test('an edited comment is found at its entry', () => {
    const entries = journal(6);
    entries[2] = { ...entries[2]!, comment: 'nothing happened' };
    const result = verifyChain(entries);
    assert.ok(!result.ok);
    assert.deepEqual([result.index, result.seq, result.reason], [2, 3, 'HASH_MISMATCH']);
  });

  test('an edit with its own hash recomputed breaks the next link', () => {
    const entries = journal(6);
    const forged = appendJournalEntry(entries[1]!, { at: T0, operator: 'mallory', station: 'desk-1', action: 'reset', alarm_id: 'x' });
    entries[2] = forged;
    const result = verifyChain(entries);
    assert.ok(!result.ok);
    assert.deepEqual([result.index, result.reason], [3, 'PREV_HASH_MISMATCH']);
  });

  test('a removed entry is a gap; reordered entries are found', () => {
    const entries = journal(6);
    const removed = [...entries.slice(0, 2), ...entries.slice(3)];
    const gap = verifyChain(removed);
    assert.ok(!gap.ok);
    assert.deepEqual([gap.index, gap.reason], [2, 'SEQ_GAP']);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)];
    const order = verifyChain(swapped);
    assert.ok(!order.ok);
    assert.equal(order.index, 1);
  });

  test('a removed first entry breaks a journal that claims to be whole (anchored at genesis)', () => {
    const entries = journal(3);
    const result = verifyChain(entries.slice(1), { anchor: { seq: 0, hash: GENESIS_HASH } });
    assert.ok(!result.ok);
    assert.equal(result.reason, 'SEQ_GAP');
  });

  test('a slice checks against its anchor, or is reported as taken on trust', () => {
    const entries = journal(6);
    const slice = entries.slice(3);
    assert.deepEqual(verifyChain(slice, { anchor: { seq: 3, hash: entries[2]!.hash } }), { ok: true, entries: 3, head_hash: entries[5]!.hash, anchored: true });
    const unanchored = verifyChain(slice);
    assert.ok(unanchored.ok);
    assert.equal(unanchored.anchored, false);
    const wrongAnchor = verifyChain(slice, { anchor: { seq: 3, hash: entries[1]!.hash } });
    assert.ok(!wrongAnchor.ok);
    assert.equal(wrongAnchor.reason, 'PREV_HASH_MISMATCH');
  });

  test('a malformed entry is named', () => {
    const entries = journal(2) as unknown as Array<Record<string, unknown>>;
    entries[1] = { ...entries[1], hash: 'XYZ' };
    const result = verifyChain(entries as unknown as JournalEntry[]);
    assert.ok(!result.ok);
    assert.deepEqual([result.index, result.reason], [1, 'MALFORMED']);
    assert.match(result.message, /hash must be 64 lower-case hex digits/);
  });
});
