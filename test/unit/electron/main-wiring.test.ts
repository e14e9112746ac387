import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../../../electron/csp';
import { secureWebPreferences } from '../../../electron/window-options';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'unit', 'electron', 'fixtures');

interface Posted {
  readonly channel: string;
  readonly message: unknown;
  readonly ports: ReadonlyArray<string>;
}
interface HostMessage {
  readonly message: { readonly type: string };
  readonly ports: ReadonlyArray<string>;
}
interface Scenario {
  readonly switches: ReadonlyArray<ReadonlyArray<string>>;
  readonly schemes: ReadonlyArray<{ scheme: string; privileges: Record<string, boolean> }>;
  readonly windowOptions: { kiosk?: boolean; fullscreen?: boolean; webPreferences: Record<string, unknown> };
  readonly fork: { modulePath: string; args: string[]; serviceName: string; dataDir: string };
  readonly firstHostMessages: ReadonlyArray<HostMessage>;
  readonly postedBeforeCrash: ReadonlyArray<Posted>;
  readonly cspForApp: string | null;
  readonly cspForOther: Record<string, unknown>;
  readonly remoteRequest: { cancel?: boolean };
  readonly protocolMissing: number;
  readonly protocolOtherHost: number;
  readonly camera: boolean;
  readonly notifications: boolean;
  readonly blockedRemote: boolean;
  readonly blockedApp: boolean;
  readonly windowOpen: { action: string };
  readonly restarted: boolean;
  readonly secondHostMessages: ReadonlyArray<HostMessage>;
  readonly postedAfterRestart: ReadonlyArray<Posted>;
  readonly postedAfterReload: ReadonlyArray<Posted>;
  readonly lastHostMessage: HostMessage | undefined;
  readonly secretSealed: { type: string; id: number; ok: boolean; value?: string };
  readonly secretOpened: { type: string; id: number; ok: boolean; value?: string };
  readonly calls: ReadonlyArray<string>;
}

function runScenario(args: ReadonlyArray<string>): Scenario {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', join(FIXTURES, 'fake-electron-register.mjs'), join(FIXTURES, 'main-scenario.mjs'), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Scenario;
}

// The real app needs the Electron binary; this drives electron/main.ts against a stand-in that
// records what main asks of Electron.
describe('electron main wiring (stand-in Electron; the real one needs the Electron binary)', () => {
  let kiosk: Scenario;
  let normal: Scenario;
  before(() => {
    kiosk = runScenario(['--kiosk', '--mqtt-url', 'mqtt://broker:1883', '--no-sandbox']);
    normal = runScenario([]);
  });

  it('lifts the autoplay policy and serves the app from a privileged scheme', () => {
    assert.deepEqual(kiosk.switches, [['appendSwitch', 'autoplay-policy', 'no-user-gesture-required']]);
    assert.equal(kiosk.schemes[0]?.scheme, 'emberwatch');
    assert.equal(kiosk.schemes[0]?.privileges.standard, true);
    assert.equal(kiosk.schemes[0]?.privileges.secure, true);
  });

  it('opens a secure window, full screen without menu in kiosk mode, and keeps the display awake', () => {
    const prefs = kiosk.windowOptions.webPreferences;
    assert.deepEqual(prefs, { ...secureWebPreferences(String(prefs.preload)) });
    assert.match(String(prefs.preload), /preload\.cjs$/);
    assert.equal(kiosk.windowOptions.kiosk, true);
    assert.ok(kiosk.calls.includes('setApplicationMenu'));
    assert.ok(kiosk.calls.includes('powerSaveBlocker'));
    assert.equal(normal.windowOptions.kiosk, undefined);
    assert.ok(!normal.calls.includes('powerSaveBlocker'));
  });

  it('forks the host with its own flags only, the userData default and a service name', () => {
    assert.match(kiosk.fork.modulePath, /utility-entry\.js$/);
    assert.deepEqual(kiosk.fork.args, ['--kiosk', '--mqtt-url', 'mqtt://broker:1883']);
    assert.equal(kiosk.fork.serviceName, 'Emberwatch host');
    assert.equal(kiosk.fork.dataDir, '/fake/userData');
  });

  it('hands the loaded window one end of a channel and the host the other', () => {
    assert.deepEqual(kiosk.firstHostMessages, [{ message: { type: 'attach-port' }, ports: ['host-end-1'] }]);
    assert.deepEqual(kiosk.postedBeforeCrash, [{ channel: 'emberwatch:port', message: null, ports: ['window-end-1'] }]);
  });

  it('restarts a crashed host and re-hands the window a port; a reload gets a fresh one', () => {
    assert.equal(kiosk.restarted, true);
    assert.deepEqual(kiosk.secondHostMessages[0], { message: { type: 'attach-port' }, ports: ['host-end-2'] });
    assert.deepEqual(kiosk.postedAfterRestart.map((p) => p.ports[0]), ['window-end-1', 'window-end-2']);
    assert.deepEqual(kiosk.postedAfterReload.map((p) => p.ports[0]), ['window-end-1', 'window-end-2', 'window-end-3']);
  });

  it('seals and opens secrets for the host with safeStorage, over the host\'s port', () => {
    assert.equal(kiosk.secretSealed.type, 'secret-box-reply');
    assert.equal(kiosk.secretSealed.ok, true);
    assert.notEqual(kiosk.secretSealed.value, 'hunter2');
    assert.deepEqual(kiosk.secretOpened, { type: 'secret-box-reply', id: 2, ok: true, value: 'hunter2' });
  });

  it('stops the host before quitting', () => {
    assert.deepEqual(kiosk.lastHostMessage, { message: { type: 'stop' }, ports: [] });
    assert.ok(kiosk.calls.includes('quit-proceeds'));
  });

  it('puts the CSP on the app\'s responses and blocks remote requests', () => {
    assert.equal(kiosk.cspForApp, contentSecurityPolicy());
    assert.deepEqual(kiosk.cspForOther, {});
    assert.deepEqual(kiosk.remoteRequest, { cancel: true });
    assert.equal(kiosk.protocolMissing, 404);
    assert.equal(kiosk.protocolOtherHost, 404);
  });

  it('blocks foreign navigation, new windows and permissions the app does not use', () => {
    assert.equal(kiosk.blockedRemote, true);
    assert.equal(kiosk.blockedApp, false);
    assert.deepEqual(kiosk.windowOpen, { action: 'deny' });
    assert.equal(kiosk.camera, false);
    assert.equal(kiosk.notifications, true);
  });
});
