#!/usr/bin/env node
// `npm start`: builds the desktop app and opens it. Extra arguments go to the app
// (`npm start -- --kiosk`, `npm start -- --mqtt-url mqtt://broker:1883`).
//
// better-sqlite3 is a native module. node_modules keeps the build for Node (tests and
// `npm run serve` use it, so it is never touched here); the desktop app needs one for Electron's
// ABI, made once per Electron version into .native/electron-<version>/better_sqlite3.node and
// handed to the host through EMBERWATCH_SQLITE_BINDING. The build works in a temporary copy of
// the package: @electron/rebuild first tries a prebuilt binary, then compiles against Electron's
// headers (network access for the download, and python3, make and a C++ compiler for the
// compile); without @electron/rebuild, node-gyp is run directly with Electron's headers.
//
// dist.mjs uses the helpers exported here.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MISSING_BINARY_MESSAGE =
  'Emberwatch: the Electron binary is not installed on this machine (npm ci skipped its download). ' +
  'Run the console in a browser with: npm run serve';

/**
 * Path of the Electron executable, or null when it is not installed. Reads what the electron
 * package's own installer writes (path.txt, dist/) instead of requiring the package, because
 * requiring it starts a download when the binary is missing.
 */
export function electronBinary(root = ROOT) {
  const dir = join(root, 'node_modules', 'electron');
  let relativePath;
  try {
    relativePath = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (relativePath === '') return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, relativePath) : join(dir, 'dist', relativePath);
  return existsSync(full) ? full : null;
}

export function electronVersion(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

export function sqliteBindingPath(version, root = ROOT) {
  return join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
}

function say(line) {
  process.stderr.write(`Emberwatch: ${line}\n`);
}

/** Runs a command with inherited output; resolves to its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) return 1;
  return result.status ?? 1;
}

async function rebuildWithElectronRebuild(projectDir, version) {
  let rebuild;
  try {
    ({ rebuild } = await import(pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('@electron/rebuild')).href));
  } catch {
    return false;
  }
  await rebuild({ buildPath: projectDir, electronVersion: version, onlyModules: ['better-sqlite3'], force: true });
  return true;
}

function rebuildWithNodeGyp(moduleDir, version) {
  const nodeGyp = createRequire(join(ROOT, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  const status = run(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: moduleDir },
  );
  if (status !== 0) throw new Error(`node-gyp exited with status ${status}`);
}

/**
 * Makes (once) better-sqlite3 for Electron's ABI and returns its path. Throws with a readable
 * message when it cannot be built.
 */
export async function prepareElectronSqlite(version, root = ROOT) {
  const target = sqliteBindingPath(version, root);
  if (existsSync(target)) return target;
  say(`building better-sqlite3 for Electron ${version} (once per Electron version) ...`);
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'emberwatch-sqlite-'));
  try {
    const moduleDir = join(work, 'node_modules', 'better-sqlite3');
    // The Node build in build/ stays behind; everything needed to compile comes along.
    cpSync(source, moduleDir, {
      recursive: true,
      filter: (path) => {
        const rel = relative(source, path);
        return rel !== 'build' && !rel.startsWith(`build${sep}`);
      },
    });
    const packageVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify({ name: 'emberwatch-native', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': packageVersion } }),
    );
    if (!(await rebuildWithElectronRebuild(work, version))) rebuildWithNodeGyp(moduleDir, version);
    const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error('the build finished without producing better_sqlite3.node');
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function buildApp() {
  const bin = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  return run(process.execPath, [bin, 'build']);
}

/** The one-line refusal when Electron is missing; exits the process. */
export function requireElectronBinary() {
  const binary = electronBinary();
  if (binary) return binary;
  process.stderr.write(`${MISSING_BINARY_MESSAGE}\n`);
  process.exit(1);
}

export async function prepareSqliteOrExit(version) {
  try {
    return await prepareElectronSqlite(version);
  } catch (error) {
    say(
      `could not build better-sqlite3 for Electron ${version} (${error instanceof Error ? error.message : String(error)}). ` +
        'It needs network access to Electron\'s headers or a prebuilt binary, and python3, make and a C++ compiler.',
    );
    process.exit(1);
  }
}

async function main() {
  const binary = requireElectronBinary();
  const version = electronVersion();
  const binding = await prepareSqliteOrExit(version);
  if (buildApp() !== 0) {
    say('the app did not build (see above)');
    process.exit(1);
  }
  const child = spawn(binary, ['.', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, EMBERWATCH_SQLITE_BINDING: binding },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
