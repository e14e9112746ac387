import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NewerDatabaseError, openDatabase } from '../../../electron/host/store/database';
import { DeviceRegistryStore } from '../../../electron/host/store/device-registry-store';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/host/store/migrations/index';

function dbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'emberwatch-db-')), 'emberwatch.db');
}

test('a new database is migrated to the latest version, in WAL mode', () => {
  const file = dbFile();
  const db = openDatabase(file);
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const siteId = db.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string };
  assert.match(siteId.value, /^[0-9a-f-]{36}$/);
  db.close();
});

test('reopening keeps the site id and applies nothing twice', () => {
  const file = dbFile();
  const first = openDatabase(file);
  const id = (first.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string }).value;
  first.close();
  const second = openDatabase(file);
  assert.equal((second.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string }).value, id);
  second.close();
});

test('an older database is upgraded step by step', () => {
  const file = dbFile();
  const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
  old.close();
  const extra = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, description: 'test step', sql: 'CREATE TABLE upgrade_probe (x INTEGER) STRICT;' }];
  const db = openDatabase(file, { migrations: extra });
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
  assert.ok(db.prepare("SELECT name FROM sqlite_master WHERE name = 'upgrade_probe'").get());
  db.close();
});

test('a database from a newer version is refused and left untouched', () => {
  const file = dbFile();
  openDatabase(file).close();
  const raw = new Database(file);
  raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  raw.close();
  const before = readFileSync(file);
  assert.throws(() => openDatabase(file), (error: unknown) => {
    assert.ok(error instanceof NewerDatabaseError);
    assert.match(error.message, /written by a newer version/);
    return true;
  });
  assert.deepEqual(readFileSync(file), before);
});

test('the device registry survives a reopen', () => {
  const file = dbFile();
  const db = openDatabase(file);
  new DeviceRegistryStore(db).save(
    [
      { id: 'D1', name: 'Panel 1', zone: 'B1-F1', position: { x: 1, y: 2 } },
      { id: 'D2', name: 'Panel 2', zone: 'B1-F2', position: null },
    ],
    'mqtt',
    '2026-01-01T00:00:00.000Z',
  );
  new DeviceRegistryStore(db).save([{ id: 'D1', name: 'Panel 1b', zone: 'B1-F3', position: null }], 'mqtt', '2026-01-02T00:00:00.000Z');
  db.close();
  const again = openDatabase(file);
  assert.deepEqual(new DeviceRegistryStore(again).load(), [
    { id: 'D1', name: 'Panel 1b', zone: 'B1-F3', position: null },
    { id: 'D2', name: 'Panel 2', zone: 'B1-F2', position: null },
  ]);
  again.close();
});
