import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

// Shared by the golden, CLI and bench code: reading the fixtures and comparing records the way
// the contract says (numbers to 1e-9, expected fields present and equal, extra fields allowed).

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'golden');

export const NUMBER_TOLERANCE = 1e-9;

export function fixturePath(name: string): string {
  return join(FIXTURE_DIR, name);
}

export function readFixtureLines(name: string): ReadonlyArray<string> {
  const text = gunzipSync(readFileSync(fixturePath(name))).toString('utf8');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface GoldenSet {
  readonly name: string;
  readonly input: ReadonlyArray<string>;
  readonly expected: ReadonlyArray<string>;
}

export function loadGoldenSets(): ReadonlyArray<GoldenSet> {
  return [
    {
      name: 'scoring',
      input: readFixtureLines('scoring-input.jsonl.gz'),
      expected: readFixtureLines('scoring-expected.jsonl.gz'),
    },
    {
      name: 'scoring-bad',
      input: readFixtureLines('scoring-input-bad.jsonl.gz'),
      expected: readFixtureLines('scoring-expected-bad.jsonl.gz'),
    },
  ];
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Differences between an expected and an actual record: every expected field must be present and
 * equal (numbers within the tolerance, arrays element by element); fields only in `actual` are fine.
 * For an error record only `error.code` is contractual.
 */
export function diffRecords(expected: unknown, actual: unknown, path = '$'): ReadonlyArray<string> {
  const out: string[] = [];
  walk(expected, actual, path, out);
  return out;
}

function walk(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || !(Math.abs(expected - actual) <= NUMBER_TOLERANCE)) {
      out.push(`${path}: expected ${expected}, got ${JSON.stringify(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((item, i) => walk(item, actual[i], `${path}[${i}]`, out));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${path}: expected an object, got ${kind(actual)}`);
      return;
    }
    const exp = expected as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    const isError = path === '$' && 'error' in exp;
    for (const key of Object.keys(exp)) {
      if (isError && key === 'error') {
        const code = (exp['error'] as Record<string, unknown>)['code'];
        const got = act['error'] as Record<string, unknown> | undefined;
        if (got === undefined || got['code'] !== code) {
          out.push(`$.error.code: expected ${String(code)}, got ${JSON.stringify(got?.['code'])}`);
        }
        continue;
      }
      if (!(key in act)) {
        out.push(`${path}.${key}: missing`);
        continue;
      }
      walk(exp[key], act[key], `${path}.${key}`, out);
    }
    return;
  }
  if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
