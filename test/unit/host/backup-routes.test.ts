import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WRITE_METHODS } from '../../../shared/protocol';
import { routeBackupRequest } from '../../../electron/host/serve/backup-routes';
import { isWriteMethod } from '../../../electron/host/serve/write-auth';

const u = (path: string): URL => new URL(path, 'http://localhost');

test('GET /api/backups lists, POST makes one and is a write (token beyond loopback, over REST and the WebSocket)', () => {
  assert.deepEqual(routeBackupRequest('GET', u('/api/backups')), { method: 'backups.list', params: {}, write: false });
  assert.deepEqual(routeBackupRequest('POST', u('/api/backups/')), { method: 'backup.create', params: {}, write: true });
  assert.equal(routeBackupRequest('DELETE', u('/api/backups')), null);
  assert.equal(routeBackupRequest('GET', u('/api/backupsx')), null);
  assert.ok(WRITE_METHODS.has('backup.create'));
  assert.ok(isWriteMethod('backup.create'));
  assert.equal(isWriteMethod('backups.list'), false);
});
