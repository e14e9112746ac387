import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { backupName, listBackups, parseBackupName, pruneBackups, resolveBackupDir } from '../../../electron/host/backup/backup-files';
import { BackupManager, FIRST_BACKUP_DELAY_MS } from '../../../electron/host/backup/backup-manager';
import { createLogger } from '../../../electron/host/log/logger';
import { openDatabase, readSiteId } from '../../../electron/host/store/database';

const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-retention-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const quiet = createLogger(null, { stderr: false });
const HOUR = 3_600_000;

describe('backup names', () => {
  it('are UTC stamps that sort in the order the backups were made', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    assert.equal(backupName(at), 'emberwatch-20260102-030405.db');
    assert.equal(backupName(at, 2), 'emberwatch-20260102-030405-2.db');
    assert.deepEqual(parseBackupName('emberwatch-20260102-030405-2.db'), { atMs: at, seq: 2 });
    assert.equal(parseBackupName('.emberwatch-20260102-030405.db.partial'), null);
    assert.equal(parseBackupName('emberwatch.db'), null);
  });

  it('live in backups/ of the data directory unless settings name another folder', () => {
    assert.equal(resolveBackupDir('/data'), join('/data', 'backups'));
    assert.equal(resolveBackupDir('/data', 'elsewhere'), join('/data', 'elsewhere'));
    assert.equal(resolveBackupDir('/data', '/mnt/usb/emberwatch'), '/mnt/usb/emberwatch');
  });
});

describe('retention', () => {
  it('keeps the newest N backups and ignores other files', () => {
    const dir = join(scratch, 'prune');
    const stamp = (h: number): string => backupName(Date.UTC(2026, 5, 1, h));
    mkdirSync(dir, { recursive: true });
    for (let h = 0; h < 6; h += 1) writeFileSync(join(dir, stamp(h)), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    writeFileSync(join(dir, `.${stamp(7)}.partial`), 'being written');
    const removed = pruneBackups(dir, 4);
    assert.deepEqual([...removed].sort(), [stamp(0), stamp(1)]);
    assert.deepEqual(listBackups(dir).map((b) => b.name), [stamp(5), stamp(4), stamp(3), stamp(2)]);
    assert.ok(readdirSync(dir).includes('notes.txt'));
  });

  it('the manager keeps the last `keep` backups, one per second even when asked twice in it', async () => {
    const dataDir = join(scratch, 'managed');
    const db = openDatabase(join(dataDir, 'emberwatch.db'));
    let now = Date.UTC(2026, 10, 22, 0, 0, 0);
    const manager = new BackupManager({ db, dataDir, settings: { enabled: false, every_hours: 24, keep: 3 }, siteId: readSiteId(db), log: quiet, now: () => now });
    try {
      const made: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const result = await manager.create('demand', { operator: 'kim', station: 'desk-1' });
        made.push(result.backup.name);
        assert.equal(result.integrity, 'ok');
        now += HOUR;
      }
      const listed = manager.list();
      assert.deepEqual(listed.backups.map((b) => b.name), made.slice(-3).reverse());
      assert.equal(listed.keep, 3);
      assert.equal(listed.next_at, null, 'the schedule is off');
      // Two requests at once get the same backup; another in the same second gets its own name.
      const [x, y] = await Promise.all([manager.create('demand'), manager.create('demand')]);
      assert.equal(x.backup.name, y.backup.name);
      const z = await manager.create('demand');
      assert.equal(z.backup.name, x.backup.name.replace(/\.db$/, '-2.db'));
      const health = manager.health();
      assert.equal(health.count, 3);
      assert.equal(health.last_file, z.backup.name);
      assert.equal(health.last_error, null);
      assert.equal(health.running, false);
    } finally {
      await manager.stop();
      db.close();
    }
  });

  it('the schedule counts from the newest backup, and waits a minute after start', async () => {
    const dataDir = join(scratch, 'scheduled');
    const db = openDatabase(join(dataDir, 'emberwatch.db'));
    const t0 = Date.UTC(2026, 10, 22, 12, 0, 0);
    const settings = { enabled: true, every_hours: 24, keep: 14 };
    const first = new BackupManager({ db, dataDir, settings, siteId: readSiteId(db), log: quiet, now: () => t0 });
    try {
      first.start();
      assert.equal(first.health().next_at, new Date(t0 + FIRST_BACKUP_DELAY_MS).toISOString(), 'no backup yet: soon after start');
      await first.create('demand');
    } finally {
      await first.stop();
    }
    const later = new BackupManager({ db, dataDir, settings, siteId: readSiteId(db), log: quiet, now: () => t0 + 2 * HOUR });
    try {
      later.start();
      assert.equal(later.health().next_at, new Date(t0 + 24 * HOUR).toISOString(), 'a day after the newest backup, not after the restart');
    } finally {
      await later.stop();
      db.close();
    }
  });

  it('a failed backup is reported in health and leaves nothing behind', async () => {
    const dataDir = join(scratch, 'failing');
    const db = openDatabase(join(dataDir, 'emberwatch.db'));
    // The backup folder's place is taken by a file: the copy cannot be written.
    writeFileSync(join(dataDir, 'blocked'), 'not a folder');
    const manager = new BackupManager({ db, dataDir, settings: { enabled: false, every_hours: 24, keep: 3, dir: 'blocked' }, siteId: readSiteId(db), log: quiet });
    try {
      await assert.rejects(manager.create('demand'), /backup/);
      assert.match(manager.health().last_error ?? '', /\S/);
      assert.equal(manager.health().count, 0);
    } finally {
      await manager.stop();
      db.close();
    }
  });
});
