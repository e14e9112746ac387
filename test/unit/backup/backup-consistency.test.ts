import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createBackup } from '../../../electron/host/backup/create-backup';
import { openDatabase, readSiteId } from '../../../electron/host/store/database';
import { SCHEMA_VERSION } from '../../../electron/host/store/migrations/index';

const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-backup-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const ROWS_PER_COMMIT = 40;

test('a backup made while writes are in flight is the database at one commit, and passes its check', async () => {
  const db = openDatabase(join(scratch, 'emberwatch.db'));
  const siteId = readSiteId(db);
  // Two tables and a counter written in one transaction: any copy that mixed two commits (or caught
  // half of one) would show them disagreeing.
  db.exec(`
    CREATE TABLE probe_a (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
    CREATE TABLE probe_b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL);
    CREATE TABLE probe_count (n INTEGER NOT NULL);
    INSERT INTO probe_count VALUES (0);`);
  const insertA = db.prepare('INSERT INTO probe_a (payload) VALUES (?)');
  const insertB = db.prepare('INSERT INTO probe_b (a_id) VALUES (?)');
  const bump = db.prepare('UPDATE probe_count SET n = n + ?');
  const commit = db.transaction((k: number) => {
    for (let i = 0; i < ROWS_PER_COMMIT; i += 1) {
      const { lastInsertRowid } = insertA.run(`${k}:${i}:${'x'.repeat(200)}`);
      insertB.run(lastInsertRowid);
    }
    bump.run(ROWS_PER_COMMIT);
  });
  // Enough pages that the copy takes many steps.
  for (let k = 0; k < 100; k += 1) commit(k);
  const committed = new Set<number>([100 * ROWS_PER_COMMIT]);

  let steps = 0;
  let commitsDuringBackup = 0;
  let writing = true;
  const writer = (async (): Promise<void> => {
    for (let k = 100; writing && k < 5000; k += 1) {
      commit(k);
      committed.add((k + 1) * ROWS_PER_COMMIT);
      commitsDuringBackup += 1;
      await nextTurn();
    }
  })();
  const made = await createBackup(db, { dir: join(scratch, 'backups'), nowMs: Date.UTC(2026, 10, 22, 3, 0, 0), siteId, pagesPerStep: 20, onStep: () => (steps += 1) });
  writing = false;
  await writer;
  const liveCount = (db.prepare('SELECT n FROM probe_count').get() as { n: number }).n;
  db.close();

  assert.ok(steps > 5, `the copy took ${steps} steps`);
  assert.ok(commitsDuringBackup > 5, `${commitsDuringBackup} commits happened while it was copied`);
  assert.equal(made.entry.name, 'emberwatch-20261122-030000.db');
  assert.equal(made.siteId, siteId);
  assert.equal(made.schemaVersion, SCHEMA_VERSION);

  const copy = new Database(made.entry.file, { readonly: true });
  try {
    assert.deepEqual(copy.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete', 'a backup is one self-contained file');
    const a = (copy.prepare('SELECT count(*) AS c FROM probe_a').get() as { c: number }).c;
    const b = (copy.prepare('SELECT count(*) AS c FROM probe_b').get() as { c: number }).c;
    const n = (copy.prepare('SELECT n FROM probe_count').get() as { n: number }).n;
    assert.equal(a, n);
    assert.equal(b, n);
    assert.ok(committed.has(n), `the copy holds ${n} rows, which is a committed state`);
    assert.ok(n >= 100 * ROWS_PER_COMMIT && n <= liveCount);
    const orphans = (copy.prepare('SELECT count(*) AS c FROM probe_b LEFT JOIN probe_a ON probe_a.id = probe_b.a_id WHERE probe_a.id IS NULL').get() as { c: number }).c;
    assert.equal(orphans, 0);
    assert.equal((copy.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string }).value, siteId);
  } finally {
    copy.close();
  }
  // Nothing but the backup is left in the folder (no partial file, no -wal).
  assert.deepEqual(readdirSync(join(scratch, 'backups')), ['emberwatch-20261122-030000.db']);
});
