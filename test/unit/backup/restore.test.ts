import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createBackup } from '../../../electron/host/backup/create-backup';
import { RestoreRefusal, restoreDatabase } from '../../../electron/host/backup/restore-database';
import type { SqliteDatabase } from '../../../electron/host/store/database';
import { openDatabase, readSiteId } from '../../../electron/host/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/host/store/migrations/index';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'electron', 'host', 'cli', 'restore.ts');
const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-restore-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function freshDir(name: string): string {
  counter += 1;
  const dir = join(scratch, `${name}-${counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function note(db: SqliteDatabase, text: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS restore_probe (text TEXT)');
  db.prepare('INSERT INTO restore_probe VALUES (?)').run(text);
}

function notesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT text FROM restore_probe').all() as Array<{ text: string }>).map((r) => r.text);
  } finally {
    db.close();
  }
}

/** A data directory with a database holding `text`, and a backup of it taken then. */
async function siteWithBackup(name: string, text: string): Promise<{ dataDir: string; backup: string; siteId: string }> {
  const dataDir = freshDir(name);
  const db = openDatabase(join(dataDir, 'emberwatch.db'));
  try {
    note(db, text);
    const siteId = readSiteId(db);
    const made = await createBackup(db, { dir: join(dataDir, 'backups'), nowMs: Date.UTC(2026, 10, 22, 3, 0, 0), siteId });
    return { dataDir, backup: made.entry.file, siteId };
  } finally {
    db.close();
  }
}

function addNote(dataDir: string, text: string): void {
  const db = openDatabase(join(dataDir, 'emberwatch.db'));
  note(db, text);
  db.close();
}

function refusal(run: () => unknown): RestoreRefusal {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof RestoreRefusal, `expected a refusal, got ${String(error)}`);
    return error;
  }
  assert.fail('the restore was not refused');
}

function asideFiles(dataDir: string): string[] {
  return readdirSync(dataDir).filter((n) => n.includes('before-restore'));
}

describe('restore', () => {
  it('puts the backup in place and keeps the database it replaces aside', async () => {
    const site = await siteWithBackup('own', 'at backup time');
    addNote(site.dataDir, 'after the backup');
    const outcome = restoreDatabase({ dataDir: site.dataDir, from: site.backup, nowMs: Date.UTC(2026, 10, 23, 8, 30, 0) });
    assert.equal(outcome.siteId, site.siteId);
    assert.equal(outcome.siteReplaced, false);
    assert.deepEqual(notesIn(join(site.dataDir, 'emberwatch.db')), ['at backup time']);
    const keptAs = join(site.dataDir, 'emberwatch.db.before-restore-20261123-083000');
    assert.equal(outcome.previous?.keptAs, keptAs);
    assert.deepEqual(notesIn(keptAs), ['at backup time', 'after the backup']);
    assert.ok(existsSync(site.backup), 'the backup itself stays');
    // The restored database opens as the console opens it, same site.
    const db = openDatabase(join(site.dataDir, 'emberwatch.db'));
    assert.equal(readSiteId(db), site.siteId);
    db.close();
  });

  it("refuses another site's backup unless told to replace the site, and changes nothing when it refuses", async () => {
    const ours = await siteWithBackup('ours', 'our data');
    const theirs = await siteWithBackup('theirs', 'their data');
    const before = readFileSync(join(ours.dataDir, 'emberwatch.db'));
    const refused = refusal(() => restoreDatabase({ dataDir: ours.dataDir, from: theirs.backup }));
    assert.equal(refused.reason, 'OTHER_SITE');
    assert.match(refused.message, /another site.*--replace-site/);
    assert.deepEqual(readFileSync(join(ours.dataDir, 'emberwatch.db')), before);
    assert.deepEqual(asideFiles(ours.dataDir), []);

    const outcome = restoreDatabase({ dataDir: ours.dataDir, from: theirs.backup, replaceSite: true });
    assert.equal(outcome.siteReplaced, true);
    assert.equal(outcome.previous?.siteId, ours.siteId);
    assert.deepEqual(notesIn(join(ours.dataDir, 'emberwatch.db')), ['their data']);
    assert.equal(asideFiles(ours.dataDir).length, 1);
  });

  it('refuses a backup from a newer Emberwatch (a newer schema)', async () => {
    const site = await siteWithBackup('newer', 'data');
    const newer = join(site.dataDir, 'from-the-future.db');
    copyFileSync(site.backup, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const refused = refusal(() => restoreDatabase({ dataDir: site.dataDir, from: newer }));
    assert.equal(refused.reason, 'NEWER_SCHEMA');
    assert.match(refused.message, new RegExp(`schema version ${SCHEMA_VERSION + 1}.*up to ${SCHEMA_VERSION}`));
    assert.deepEqual(asideFiles(site.dataDir), []);
  });

  it('refuses a file that is not a sound Emberwatch database', async () => {
    const site = await siteWithBackup('junk', 'data');
    const junk = join(site.dataDir, 'junk.db');
    writeFileSync(junk, 'this is not SQLite at all, just some bytes '.repeat(200));
    assert.equal(refusal(() => restoreDatabase({ dataDir: site.dataDir, from: junk })).reason, 'NOT_A_DATABASE');
    const plain = join(site.dataDir, 'plain.db');
    const other = new Database(plain);
    other.exec('CREATE TABLE t (x)');
    other.close();
    assert.equal(refusal(() => restoreDatabase({ dataDir: site.dataDir, from: plain })).reason, 'NOT_EMBERWATCH');
    assert.equal(refusal(() => restoreDatabase({ dataDir: site.dataDir, from: join(site.dataDir, 'missing.db') })).reason, 'NOT_FOUND');
  });

  it('a backup made by an older version is restored and upgraded by the migrations on the next start', async () => {
    const oldDir = freshDir('old-version');
    const first = MIGRATIONS.slice(0, 1);
    const db = openDatabase(join(oldDir, 'emberwatch.db'), { migrations: first });
    const siteId = readSiteId(db);
    const made = await createBackup(db, { dir: join(oldDir, 'backups'), nowMs: Date.UTC(2025, 0, 1), siteId });
    db.close();
    assert.equal(made.schemaVersion, first[0]?.version);
    const target = freshDir('new-version');
    restoreDatabase({ dataDir: target, from: made.entry.file });
    const upgraded = openDatabase(join(target, 'emberwatch.db'));
    try {
      assert.equal(upgraded.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(readSiteId(upgraded), siteId);
    } finally {
      upgraded.close();
    }
  });

  it('into an empty data directory: the backup simply becomes its database', async () => {
    const site = await siteWithBackup('source', 'carried over');
    const fresh = join(freshDir('fresh'), 'not-made-yet');
    const outcome = restoreDatabase({ dataDir: fresh, from: site.backup });
    assert.equal(outcome.previous, null);
    assert.deepEqual(notesIn(join(fresh, 'emberwatch.db')), ['carried over']);
  });
});

describe('restore command line', () => {
  const cli = (args: ReadonlyArray<string>): { status: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, EMBERWATCH_DATA_DIR: '' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('lists the backups and restores one by its name', async () => {
    const site = await siteWithBackup('cli', 'listed');
    const listed = cli(['--data-dir', site.dataDir, '--list']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /1 backup\(s\)[\s\S]*emberwatch-20261122-030000\.db/);
    const restored = cli(['--data-dir', site.dataDir, 'emberwatch-20261122-030000.db']);
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /kept as .*emberwatch\.db\.before-restore-/);
  });

  it('refuses while a console has the database open, and says to stop it', async () => {
    const site = await siteWithBackup('busy', 'data');
    const running = openDatabase(join(site.dataDir, 'emberwatch.db'));
    try {
      const result = cli(['--data-dir', site.dataDir, site.backup]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /in use.*Stop it first/);
      assert.deepEqual(asideFiles(site.dataDir), []);
    } finally {
      running.close();
    }
  });

  it("explains a refusal in one line, with exit status 2", async () => {
    const ours = await siteWithBackup('cli-ours', 'ours');
    const theirs = await siteWithBackup('cli-theirs', 'theirs');
    const result = cli(['--data-dir', ours.dataDir, theirs.backup]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^Emberwatch restore refused: the backup belongs to another site/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
});
