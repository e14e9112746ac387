import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { routeRestRequest } from '../../../electron/host/serve/rest-routes';
import { loadStaticFile } from '../../../electron/host/serve/static-files';
import { PAGE_CSP } from '../../../electron/host/serve/http-server';

const u = (path: string): URL => new URL(path, 'http://localhost');

describe('REST routes map onto protocol methods', () => {
  test('the seed dashboard paths', () => {
    assert.deepEqual(routeRestRequest('GET', u('/api/overview')), { method: 'overview.get', params: {} });
    assert.deepEqual(routeRestRequest('GET', u('/api/health')), { method: 'health.get', params: {} });
    assert.deepEqual(routeRestRequest('GET', u('/api/devices/')), { method: 'devices.list', params: {} });
    assert.deepEqual(routeRestRequest('GET', u('/api/device/DEV%2001')), { method: 'device.get', params: { id: 'DEV 01' } });
    assert.deepEqual(routeRestRequest('GET', u('/api/realtime/1000')), { method: 'realtime.get', params: { id: '1000' } });
    assert.deepEqual(routeRestRequest('GET', u('/api/quarantine?limit=5')), { method: 'quarantine.list', params: { limit: 5 } });
  });

  test('unknown paths and write methods on read endpoints are not routed', () => {
    assert.equal(routeRestRequest('GET', u('/api/device/a/b')), null);
    assert.equal(routeRestRequest('POST', u('/api/devices')), null);
    assert.equal(routeRestRequest('GET', u('/api/nope')), null);
  });

  test('a malformed query or path is a bad request', () => {
    assert.throws(() => routeRestRequest('GET', u('/api/quarantine?limit=1.5')), /limit must be a whole number/);
    assert.throws(() => routeRestRequest('GET', u('/api/device/%E0%A4%A')), /percent-encoding/);
  });
});

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'emberwatch-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'emberwatch-secret.txt'), 'secret');

  test('serves files with their type; hashed assets are immutable', async () => {
    const js = await loadStaticFile(root, '/assets/app-123.js');
    assert.equal(js?.contentType, 'text/javascript; charset=utf-8');
    assert.equal(js?.immutable, true);
    const index = await loadStaticFile(root, '/');
    assert.equal(index?.contentType, 'text/html; charset=utf-8');
    assert.equal(index?.immutable, false);
  });

  test('client routes fall back to index.html, missing files do not', async () => {
    assert.match((await loadStaticFile(root, '/wall'))?.body.toString() ?? '', /doctype/);
    assert.equal(await loadStaticFile(root, '/assets/missing.js'), null);
  });

  test('paths that leave the folder are refused', async () => {
    assert.equal(await loadStaticFile(root, '/../emberwatch-secret.txt'), null);
    assert.equal(await loadStaticFile(root, '/%2e%2e/emberwatch-secret.txt'), null);
    assert.equal(await loadStaticFile(root, '/..%2femberwatch-secret.txt'), null);
    assert.equal(await loadStaticFile(root, '/a%00b'), null);
  });

  test('the page policy allows nothing from other origins and no inline script', () => {
    assert.match(PAGE_CSP, /default-src 'self'/);
    assert.match(PAGE_CSP, /script-src 'self'(;|$)/);
    assert.doesNotMatch(PAGE_CSP, /unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
