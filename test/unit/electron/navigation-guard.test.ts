import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { APP_ENTRY_URL, APP_ORIGIN, resolveAppFile } from '../../../electron/app-protocol';
import { allowed, trustedFrame } from '../../../electron/navigation-guard';

describe('navigation guard', () => {
  it('allows the app itself', () => {
    assert.equal(allowed(APP_ENTRY_URL, APP_ORIGIN), true);
    assert.equal(allowed(`${APP_ORIGIN}/index.html#/alarms`, APP_ORIGIN), true);
    assert.equal(allowed(`${APP_ORIGIN}/assets/index.js?v=1`, APP_ORIGIN), true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5780/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'emberwatch://other/index.html',
      'emberwatch://console.evil.example/index.html',
      'emberwatch://user:pw@console/index.html',
      'EMBERWATCH-X://console/',
      '',
      'not a url',
    ]) {
      assert.equal(allowed(url, APP_ORIGIN), false, url);
    }
  });

  it('refuses everything when the app origin itself is unusable', () => {
    assert.equal(allowed(APP_ENTRY_URL, 'null'), false);
    assert.equal(allowed(APP_ENTRY_URL, ''), false);
  });

  it('trusts only the app\'s own main frame', () => {
    assert.equal(trustedFrame({ url: APP_ENTRY_URL, isMainFrame: true }, APP_ORIGIN), true);
    assert.equal(trustedFrame({ url: APP_ENTRY_URL, isMainFrame: false }, APP_ORIGIN), false);
    assert.equal(trustedFrame({ url: 'https://example.com/', isMainFrame: true }, APP_ORIGIN), false);
    assert.equal(trustedFrame(null, APP_ORIGIN), false);
    assert.equal(trustedFrame(undefined, APP_ORIGIN), false);
  });
});

describe('app protocol', () => {
  const root = resolve('/srv/app/out/renderer');

  it('serves files inside the renderer directory', () => {
    assert.equal(resolveAppFile(APP_ENTRY_URL, root), join(root, 'index.html'));
    assert.equal(resolveAppFile(`${APP_ORIGIN}/`, root), join(root, 'index.html'));
    assert.equal(resolveAppFile(`${APP_ORIGIN}/assets/index-abc.js?x=1#y`, root), join(root, 'assets', 'index-abc.js'));
    assert.equal(resolveAppFile(`${APP_ORIGIN}/fonts/Inter%20Var.woff2`, root), join(root, 'fonts', 'Inter Var.woff2'));
  });

  it('never leaves it', () => {
    for (const url of [
      `${APP_ORIGIN}/../main/main.js`,
      `${APP_ORIGIN}/%2e%2e/main/main.js`,
      `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fmain/main.js`,
      `${APP_ORIGIN}/..%5c..%5cmain.js`,
      `${APP_ORIGIN}/%00index.html`,
      `${APP_ORIGIN}/%E0%A4%A`,
      'emberwatch://other/index.html',
      'file:///etc/passwd',
      'nonsense',
    ]) {
      const file = resolveAppFile(url, root);
      // URL parsing already folds dot segments; whatever survives must stay under the root.
      assert.ok(file === null || file.startsWith(join(root, '/')), `${url} -> ${file}`);
    }
    assert.equal(resolveAppFile(`${APP_ORIGIN}/%00index.html`, root), null);
    assert.equal(resolveAppFile('emberwatch://other/index.html', root), null);
    assert.equal(resolveAppFile('file:///etc/passwd', root), null);
  });
});
