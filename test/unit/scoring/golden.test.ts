import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createScoringEngine, serializeContractOutcome } from '../../../shared/scoring/index';
import { diffRecords, loadGoldenSets } from './golden-fixtures';

// The contract: every line of both golden sets, numbers to 1e-9. Only error.code is contractual
// for error lines; where the golden message is a bare field name, ours must name that field too.

const sets = loadGoldenSets();

function mismatchReport(name: string, failures: ReadonlyArray<string>, total: number): string {
  return `${name}: ${failures.length} of ${total} lines differ\n${failures.slice(0, 10).join('\n')}`;
}

describe('golden vectors', () => {
  for (const set of sets) {
    test(`${set.name}: input and expected have the same number of lines`, () => {
      assert.equal(set.input.length, set.expected.length);
      assert.ok(set.input.length > 1000);
    });

    test(`${set.name}: every line matches through scoreLine`, () => {
      const engine = createScoringEngine();
      const failures: string[] = [];
      set.input.forEach((line, i) => {
        const outcome = engine.scoreLine(line);
        const actual: unknown = outcome.ok ? outcome.result : { error: outcome.error };
        const diffs = diffRecords(JSON.parse(set.expected[i] as string), actual);
        if (diffs.length > 0) failures.push(`line ${i + 1}: ${diffs.slice(0, 4).join('; ')}`);
      });
      assert.equal(failures.length, 0, mismatchReport(set.name, failures, set.input.length));
    });

    test(`${set.name}: the serialized contract line matches too`, () => {
      const engine = createScoringEngine();
      const failures: string[] = [];
      set.input.forEach((line, i) => {
        const actual: unknown = JSON.parse(serializeContractOutcome(engine.scoreLine(line)));
        const diffs = diffRecords(JSON.parse(set.expected[i] as string), actual);
        if (diffs.length > 0) failures.push(`line ${i + 1}: ${diffs.slice(0, 4).join('; ')}`);
      });
      assert.equal(failures.length, 0, mismatchReport(set.name, failures, set.input.length));
    });

    test(`${set.name}: scoreMessage on parsed messages agrees with scoreLine`, () => {
      const byLine = createScoringEngine();
      const byMessage = createScoringEngine();
      set.input.forEach((line, i) => {
        const a = byLine.scoreLine(line);
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          assert.equal(a.ok ? 'scored' : a.error.code, 'INVALID_JSON', `line ${i + 1}`);
          return;
        }
        assert.deepEqual(byMessage.scoreMessage(parsed), a, `line ${i + 1}`);
      });
    });

    test(`${set.name}: the vectors pin the history (without it, some lines differ)`, () => {
      const engine = createScoringEngine({ history: false });
      let differing = 0;
      set.input.forEach((line, i) => {
        const outcome = engine.scoreLine(line);
        const actual: unknown = outcome.ok ? outcome.result : { error: outcome.error };
        if (diffRecords(JSON.parse(set.expected[i] as string), actual).length > 0) differing++;
      });
      assert.ok(differing > 100, `only ${differing} lines depend on history`);
    });

    test(`${set.name}: error messages name the field the golden message names`, () => {
      const engine = createScoringEngine();
      let checked = 0;
      set.input.forEach((line, i) => {
        const expected = JSON.parse(set.expected[i] as string) as { error?: { code: string; message: string } };
        if (expected.error === undefined) return;
        const outcome = engine.scoreLine(line);
        assert.equal(outcome.ok, false, `line ${i + 1}`);
        if (outcome.ok) return;
        if (/^[A-Za-z_]+$/.test(expected.error.message)) {
          assert.ok(outcome.error.message.includes(`'${expected.error.message}'`), `line ${i + 1}: ${outcome.error.message}`);
          assert.equal(outcome.error.field, expected.error.message, `line ${i + 1}`);
          checked++;
        }
        if (expected.error.code === 'INVALID_TIMESTAMP') {
          assert.match(outcome.error.message, /timestamp/);
          assert.equal(outcome.error.field, 'timestamp');
        }
      });
      if (set.name === 'scoring-bad') assert.ok(checked > 10);
    });
  }
});
