/**
 * Electron main: windows, kiosk, security policy, and the host's utility process. Thin on purpose:
 * all ingest and storage work happens in the host, which main only starts and connects.
 */
import {
  app,
  BrowserWindow,
  Menu,
  MessageChannelMain,
  net,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  utilityProcess,
} from 'electron';
import type { MessagePortMain, WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, resolveAppFile } from './app-protocol';
import { contentSecurityPolicy, withCsp } from './csp';
import { hostArgs, userArgs } from './host-args';
import { createHostSupervisor } from './host-supervisor';
import { createMainLog, mainDataDir } from './main-log';
import { allowed, trustedFrame } from './navigation-guard';
import { permitted } from './permissions';
import type { WallWindowPlan } from './wall-windows';
import { wallSettings, wallWindowPlans } from './wall-windows';
import { answerSecretRequests } from './secret-bridge';
import { windowOptions } from './window-options';

const HERE = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(HERE, '..', 'renderer');
const PRELOAD = join(HERE, '..', 'preload', 'preload.cjs');
const HOST_ENTRY = join(HERE, 'utility-entry.js');
const HOST_SERVICE_NAME = 'Emberwatch host';
const PORT_CHANNEL = 'emberwatch:port';
const HOST_STOP_TIMEOUT_MS = 8_000;

// stderr and <dataDir>/logs/main.log, beside the host's host.log: why the host died is kept even
// when nobody watches a terminal.
const log = createMainLog(() => mainDataDir(hostArgs(userArgs(process.argv, app.isPackaged)), process.env, app.getPath('userData')));

/** Files shipped next to the app; inside a package they sit in app.asar.unpacked. */
function unpackedAppPath(): string {
  return app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked');
}

/** better-sqlite3 built for this Electron's ABI (made by `npm start` / `npm run dist`). */
function sqliteBinding(): string | undefined {
  const given = process.env.EMBERWATCH_SQLITE_BINDING;
  if (given && existsSync(given)) return given;
  const shipped = join(unpackedAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  if (existsSync(shipped)) return shipped;
  log(`no better-sqlite3 build for Electron ${process.versions.electron} found; the host will try the Node build`);
  return undefined;
}

function hostEnv(binding: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  env.EMBERWATCH_DEFAULT_DATA_DIR = app.getPath('userData');
  if (binding) env.EMBERWATCH_SQLITE_BINDING = binding;
  else delete env.EMBERWATCH_SQLITE_BINDING;
  return env;
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, RENDERER_DIR);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const response = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', contentSecurityPolicy());
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  // The protocol handler sets the CSP too; this also covers anything served another way.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (allowed(details.url, APP_ORIGIN)) callback({ responseHeaders: withCsp(details.responseHeaders) });
    else callback({});
  });
  // No remote content, ever: the renderer talks to the host over its MessagePort only.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    log(`blocked a request to ${details.url}`);
    callback({ cancel: true });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permitted(permission, details.requestingUrl, APP_ORIGIN));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permitted(permission, requestingOrigin, APP_ORIGIN),
  );
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!allowed(event.url, APP_ORIGIN)) {
      event.preventDefault();
      log(`blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!allowed(event.url, APP_ORIGIN)) {
      event.preventDefault();
      log(`blocked redirect to ${event.url}`);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

function deliverPort(contents: WebContents, port: MessagePortMain): boolean {
  if (contents.isDestroyed()) return false;
  const frame = contents.mainFrame;
  // The host's port goes only to the app's own top-level document, never to anything else.
  if (!trustedFrame({ url: frame.url, isMainFrame: frame.parent === null }, APP_ORIGIN)) return false;
  contents.postMessage(PORT_CHANNEL, null, [port]);
  return true;
}

function run(): void {
  const kiosk = app.commandLine.hasSwitch('kiosk');
  const binding = sqliteBinding();
  const supervisor = createHostSupervisor<MessagePortMain>({
    fork: () => {
      const child = utilityProcess.fork(HOST_ENTRY, hostArgs(userArgs(process.argv, app.isPackaged)), {
        serviceName: HOST_SERVICE_NAME,
        env: hostEnv(binding),
        stdio: 'inherit',
      });
      // Secrets entered in settings are sealed with the OS keychain, which only main can reach.
      answerSecretRequests(child, safeStorage);
      return child;
    },
    createChannel: () => new MessageChannelMain(),
    closePort: (port) => port.close(),
    log: (message) => log(message, 'warn'),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
  const windows = new Set<BrowserWindow>();

  /** A wall display's window goes to its monitor and opens the renderer's wall (`#/wall?views=…`). */
  function openWindow(wall?: WallWindowPlan): BrowserWindow {
    const icon = app.isPackaged
      ? join(process.resourcesPath, 'icons', '512x512.png')
      : join(app.getAppPath(), 'resources', 'icons', '512x512.png');
    const win = new BrowserWindow(
      windowOptions({ preloadPath: PRELOAD, kiosk, ...(existsSync(icon) ? { iconPath: icon } : {}), ...(wall ? { bounds: wall.bounds } : {}) }),
    );
    windows.add(win);
    const contents = win.webContents;
    const clientId = contents.id;
    // Each load (first or reload) starts a fresh renderer context, which needs a fresh port.
    contents.on('did-finish-load', () => supervisor.connect({ id: clientId, deliver: (port) => deliverPort(contents, port) }));
    contents.on('did-fail-load', (_event, code, description, url) => log(`failed to load ${url}: ${description} (${code})`));
    contents.on('render-process-gone', (_event, details) => {
      log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
      // A wall display has nobody to press reload.
      if (details.reason === 'clean-exit') return;
      setTimeout(() => {
        if (!win.isDestroyed()) contents.reload();
      }, 1_000);
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      windows.delete(win);
      supervisor.disconnect(clientId);
    });
    void win.loadURL(wall ? `${APP_ENTRY_URL}${wall.hash}` : APP_ENTRY_URL);
    return win;
  }

  app.on('second-instance', () => {
    const [win] = windows;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.serviceName === HOST_SERVICE_NAME) {
      log(`host process gone: ${details.reason} (exit code ${details.exitCode}); its last lines are in logs/host.log`, 'error');
    }
  });

  app.on('web-contents-created', (_event, contents) => guardContents(contents));

  let hostStopped = false;
  app.on('before-quit', (event) => {
    if (hostStopped) return;
    // Let the host commit and close its database before the app goes.
    event.preventDefault();
    if (supervisor.stopping) return;
    void supervisor.stop(HOST_STOP_TIMEOUT_MS).finally(() => {
      hostStopped = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  process.on('SIGINT', () => app.quit());

  void app.whenReady().then(() => {
    if (kiosk) {
      Menu.setApplicationMenu(null);
      powerSaveBlocker.start('prevent-display-sleep');
    }
    serveRenderer();
    lockDownSession();
    supervisor.start();
    if (kiosk) {
      // One window per monitor, each with its own views (see wall-windows.ts).
      const settings = wallSettings(userArgs(process.argv, app.isPackaged), process.env);
      for (const plan of wallWindowPlans(screen.getAllDisplays(), settings)) openWindow(plan);
    } else {
      openWindow();
    }
  });
}

// Must be set before the app is ready: alarms sound without anyone touching the screen.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
app.setAppUserModelId('org.emberwatch.console');
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

if (app.requestSingleInstanceLock()) {
  run();
} else {
  app.quit();
}
