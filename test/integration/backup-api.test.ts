import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { BackupCreateResult, BackupsListResponse, HealthResponse } from '../../shared/protocol';
import { getJson, startServeProcess } from '../support/serve-process';

async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

test('serve makes a checked backup on demand for an operator, lists it, and reports logs, backups and memory in health', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-backup-api-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
    alarms: { operators: [{ name: 'Watcher', role: 'viewer' }], wall_displays: ['lobby'] },
    backup: { keep: 2 },
  }));
  const serve = await startServeProcess(['--no-demo'], {}, dataDir);
  try {
    const none = await postJson<{ error: { code: string; reason?: string } }>(`${serve.url}/api/backups`, {});
    assert.equal(none.status, 400);
    assert.equal(none.body.error.reason, 'OPERATOR_REQUIRED');
    const viewer = await postJson<{ error: { code: string } }>(`${serve.url}/api/backups`, { operator: 'watcher' });
    assert.equal(viewer.status, 403);
    const wall = await postJson<{ error: { code: string } }>(`${serve.url}/api/backups`, { operator: 'Kim', station: 'lobby' });
    assert.equal(wall.status, 403);

    const made = await postJson<BackupCreateResult>(`${serve.url}/api/backups`, { operator: 'Kim', comment: 'before the upgrade' });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.equal(made.body.integrity, 'ok');
    assert.match(made.body.backup.name, /^emberwatch-\d{8}-\d{6}(-\d+)?\.db$/);
    assert.equal(made.body.backup.file, join(dataDir, 'backups', made.body.backup.name));
    const copy = new Database(made.body.backup.file, { readonly: true });
    try {
      assert.equal((copy.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string }).value, made.body.site_id);
    } finally {
      copy.close();
    }

    await postJson(`${serve.url}/api/backups`, { operator: 'Kim' });
    const third = await postJson<BackupCreateResult>(`${serve.url}/api/backups`, { operator: 'Kim' });
    const { body: list } = await getJson<BackupsListResponse>(`${serve.url}/api/backups`);
    assert.equal(list.keep, 2);
    assert.equal(list.backups.length, 2, 'backup.keep = 2');
    assert.equal(list.backups[0]?.name, third.body.backup.name);
    assert.equal(existsSync(made.body.backup.file), false, 'the oldest was removed');

    const { body: health } = await getJson<HealthResponse>(`${serve.url}/api/health`);
    assert.equal(health.backups?.count, 2);
    assert.equal(health.backups?.last_file, third.body.backup.name);
    assert.equal(health.backups?.last_error, null);
    assert.ok(health.backups?.next_at, 'the schedule is on by default');
    assert.equal(health.logs?.dir, join(dataDir, 'logs'));
    assert.ok((health.logs?.bytes ?? 0) > 0);
    assert.ok((health.memory?.rss_bytes ?? 0) > 0 && (health.memory?.heap_used_bytes ?? 0) > 0);
  } finally {
    await serve.stop();
  }
});
