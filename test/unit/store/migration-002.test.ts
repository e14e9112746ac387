import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NewerDatabaseError, openDatabase } from '../../../electron/host/store/database';
import { DeviceRegistryStore } from '../../../electron/host/store/device-registry-store';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/host/store/migrations/index';
import { openStore, simulatedReadings, tempDbFile, writeAll } from './helpers';

const V2_TABLES = ['analytics_events', 'cloud_outbox', 'device_keys', 'device_state', 'quarantine', 'readings', 'rollups_1m', 'settings_history'];

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

test('002 upgrades a version-1 database with its data intact', async () => {
  const file = tempDbFile();
  const v1 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version === 1) });
  assert.equal(v1.pragma('user_version', { simple: true }), 1);
  new DeviceRegistryStore(v1).save([{ id: 'D1', name: 'Panel 1', zone: 'B1-F1', position: { x: 1, y: 2 } }], 'mqtt', '2026-01-01T00:00:00.000Z');
  const siteId = v1.prepare("SELECT value FROM meta WHERE key = 'site_id'").pluck().get();
  v1.close();

  const { db, store } = openStore(file);
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.ok(SCHEMA_VERSION >= 2);
  for (const table of V2_TABLES) assert.ok(tables(db).includes(table), table);
  assert.equal(db.prepare("SELECT value FROM meta WHERE key = 'site_id'").pluck().get(), siteId);
  assert.deepEqual(new DeviceRegistryStore(db).load(), [{ id: 'D1', name: 'Panel 1', zone: 'B1-F1', position: { x: 1, y: 2 } }]);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  // And the new tables work.
  await writeAll(store, simulatedReadings({ devices: 2, seconds: 3 }));
  assert.ok(store.storedReadings() > 0);
  store.close();
  db.close();
});

test('a database from a newer version is refused, and neither its file nor its journal mode change', () => {
  const file = tempDbFile();
  const raw = new Database(file);
  raw.pragma('journal_mode = DELETE');
  raw.exec('CREATE TABLE future_things (x INTEGER); INSERT INTO future_things VALUES (1);');
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  const before = digest(file);
  assert.throws(() => openDatabase(file), (error: unknown) => {
    assert.ok(error instanceof NewerDatabaseError);
    assert.match(error.message, new RegExp(`schema version ${SCHEMA_VERSION + 1}`));
    assert.match(error.message, /not changed/);
    return true;
  });
  assert.equal(digest(file), before);
  assert.equal(existsSync(`${file}-wal`), false);
  const check = new Database(file, { readonly: true });
  assert.equal(check.pragma('journal_mode', { simple: true }), 'delete');
  check.close();
});

test('migrations stop at a numbered step each: 002 is version 2', () => {
  assert.equal(MIGRATIONS[1]?.version, 2);
  assert.match(MIGRATIONS[1]?.description ?? '', /readings/);
});
