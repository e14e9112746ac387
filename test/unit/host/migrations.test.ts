import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/host/store/migrations/index';

test('migrations are numbered 1, 2, 3 … without gaps or repeats', () => {
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
  assert.equal(SCHEMA_VERSION, MIGRATIONS.length);
  for (const m of MIGRATIONS) assert.ok(m.description.trim().length > 0, `migration ${m.version} says what it does`);
});
