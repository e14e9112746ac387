import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CSP_DIRECTIVES, contentSecurityPolicy, withCsp } from '../../../electron/csp';
import { permitted } from '../../../electron/permissions';
import { secureWebPreferences, windowOptions } from '../../../electron/window-options';

const APP = 'emberwatch://console';

describe('window security options', () => {
  it('isolate and sandbox the renderer and give it no Node', () => {
    const prefs = secureWebPreferences('/app/out/preload/preload.cjs');
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.preload, '/app/out/preload/preload.cjs');
    assert.equal(prefs.autoplayPolicy, 'no-user-gesture-required');
  });

  it('apply to normal and kiosk windows alike', () => {
    for (const kiosk of [false, true]) {
      const options = windowOptions({ preloadPath: '/p.cjs', kiosk });
      assert.deepEqual(options.webPreferences, secureWebPreferences('/p.cjs'));
    }
  });

  it('make the kiosk window full screen without frame or menu', () => {
    const options = windowOptions({ preloadPath: '/p.cjs', kiosk: true });
    assert.equal(options.kiosk, true);
    assert.equal(options.fullscreen, true);
    assert.equal(options.frame, false);
    assert.equal(options.autoHideMenuBar, true);
    const normal = windowOptions({ preloadPath: '/p.cjs', kiosk: false });
    assert.equal(normal.kiosk, undefined);
  });
});

describe('content security policy', () => {
  it('allows scripts from the app only, never inline or eval', () => {
    const scripts = CSP_DIRECTIVES['script-src'] ?? [];
    assert.deepEqual(scripts, ["'self'"]);
    const policy = contentSecurityPolicy();
    assert.match(policy, /(^|; )default-src 'none'(;|$)/);
    assert.match(policy, /(^|; )script-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-eval/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    assert.doesNotMatch(policy, /unsafe-hashes/);
  });

  it('is no looser than the renderer page\'s own policy for styles and fonts', () => {
    assert.deepEqual(CSP_DIRECTIVES['style-src'], ["'self'"]);
    assert.deepEqual(CSP_DIRECTIVES['font-src'], ["'self'"]);
  });

  it('names no remote origin and no wildcard', () => {
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
      for (const source of sources) {
        assert.ok(!/^(https?|wss?):/.test(source), `${name} allows ${source}`);
        assert.ok(!source.includes('*'), `${name} allows ${source}`);
        assert.ok(!source.includes('://'), `${name} allows ${source}`);
      }
    }
  });

  it('forbids plugins, frames, base and form targets', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      assert.deepEqual(CSP_DIRECTIVES[name], ["'none'"], name);
    }
  });

  it('replaces whatever CSP a response carried, in any spelling', () => {
    const headers = withCsp({
      'content-security-policy': ["script-src 'unsafe-inline'"],
      'Content-Security-Policy-Report-Only': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    assert.deepEqual(Object.keys(headers).sort(), ['Content-Security-Policy', 'Content-Type']);
    assert.deepEqual(headers['Content-Security-Policy'], [contentSecurityPolicy()]);
    assert.deepEqual(withCsp(undefined), { 'Content-Security-Policy': [contentSecurityPolicy()] });
  });
});

describe('permissions', () => {
  it('grants the app what alarms need and nothing else', () => {
    assert.equal(permitted('notifications', `${APP}/index.html`, APP), true);
    assert.equal(permitted('fullscreen', APP, APP), true);
    for (const p of ['media', 'geolocation', 'openExternal', 'usb', 'clipboard-read', 'unknown']) {
      assert.equal(permitted(p, `${APP}/index.html`, APP), false, p);
    }
  });

  it('grants nothing to a page that is not the app', () => {
    assert.equal(permitted('notifications', 'https://example.com/', APP), false);
    assert.equal(permitted('notifications', 'file:///etc/passwd', APP), false);
    assert.equal(permitted('notifications', '', APP), false);
  });
});

describe('preload', () => {
  it('uses nothing but contextBridge and ipcRenderer, so it runs sandboxed', () => {
    const source = readFileSync(new URL('../../../electron/preload.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s+(.+?)\s+from\s+'([^']+)'/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(imports, [['{ contextBridge, ipcRenderer }', 'electron']]);
    assert.doesNotMatch(source, /\brequire\(/);
    const exposed = [...source.matchAll(/exposeInMainWorld\('([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(exposed, ['emberwatchDesktop']);
  });
});
