#!/usr/bin/env node
// Checks electron-builder.yml without building anything (CI has no Electron binary):
// electron-builder's own schema validation, then the settings the desktop app relies on.
//   node scripts/check-builder-config.mjs [path/to/electron-builder.yml]
// Paths in the file (icons, extra resources) are resolved against the project root.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(join(ROOT, 'package.json'));
// electron-builder's own dependencies, so the check reads and matches exactly as it does.
const requireBuilder = createRequire(requireHere.resolve('app-builder-lib/package.json'));
const yaml = requireBuilder('js-yaml');
const { minimatch } = requireBuilder('minimatch');

const configPath = resolve(process.argv[2] ?? join(ROOT, 'electron-builder.yml'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const problems = [];

function asList(value) {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/** electron-builder's rule for file patterns: the last pattern that matches decides. */
function matchedBy(patterns, path) {
  let included = false;
  for (const raw of patterns) {
    if (typeof raw !== 'string') continue;
    const negated = raw.startsWith('!');
    if (minimatch(path, negated ? raw.slice(1) : raw, { dot: true })) included = !negated;
  }
  return included;
}

function targetNames(platform) {
  return asList(platform?.target).map((t) => (typeof t === 'string' ? t : t?.target)).filter(Boolean);
}

function expect(condition, message) {
  if (!condition) problems.push(message);
}

let config;
try {
  config = yaml.load(readFileSync(configPath, 'utf8'));
} catch (error) {
  process.stderr.write(`${configPath}: cannot be read as YAML: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
}
if (config === null || typeof config !== 'object' || Array.isArray(config)) {
  process.stderr.write(`${configPath}: is not a YAML mapping\n`);
  process.exit(1);
}

let schemaNote = 'schema not checked (app-builder-lib not installed)';
try {
  const { validateConfiguration } = requireBuilder('./out/util/config/config.js');
  const { DebugLogger } = requireBuilder('builder-util');
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
  schemaNote = `schema of electron-builder ${requireBuilder('./package.json').version}`;
} catch (error) {
  if (error?.code === 'MODULE_NOT_FOUND') {
    process.stderr.write(`warning: ${schemaNote}\n`);
  } else {
    problems.push(`does not match electron-builder's schema:\n${String(error instanceof Error ? error.message : error).trim()}`);
  }
}

expect(config.appId === 'org.emberwatch.console', `appId must be org.emberwatch.console (is ${config.appId})`);
expect(config.productName === 'Emberwatch', `productName must be Emberwatch (is ${config.productName})`);
expect(config.productName === pkg.productName, 'productName must match package.json');
expect(config.version === undefined && config.extraMetadata?.version === undefined, 'the version must come from package.json');
expect(config.directories?.output === 'release', 'directories.output must be release');
expect(config.directories?.buildResources === 'resources', 'directories.buildResources must be resources');

const files = asList(config.files);
const nativeBuild = `.native/electron-${electronVersion}/better_sqlite3.node`;
for (const path of ['out/main/main.js', 'out/main/utility-entry.js', 'out/preload/preload.cjs', 'out/renderer/index.html', 'package.json', nativeBuild]) {
  expect(matchedBy(files, path), `files must include ${path}`);
}
// node_modules is added by electron-builder itself; our patterns may trim it but not drop what runs.
const negations = files.filter((p) => typeof p === 'string' && p.startsWith('!'));
for (const needed of ['node_modules/better-sqlite3/lib/index.js', 'node_modules/mqtt/package.json', 'node_modules/aedes/package.json', 'node_modules/ws/package.json']) {
  expect(!negations.some((p) => minimatch(needed, p.slice(1), { dot: true })), `files must not exclude ${needed}`);
}

expect(config.asar !== false, 'asar must stay on (the fuses expect the app in app.asar)');
const unpack = asList(config.asarUnpack);
expect(matchedBy(unpack, 'node_modules/better-sqlite3/lib/index.js'), 'asarUnpack must include node_modules/better-sqlite3');
expect(matchedBy(unpack, nativeBuild), 'asarUnpack must include the .native Electron build');
expect(config.npmRebuild === false, 'npmRebuild must be false (it would rebuild node_modules\' better-sqlite3 for Electron in place)');

const linux = targetNames(config.linux);
expect(linux.includes('AppImage'), 'linux.target must include AppImage');
expect(linux.includes('deb'), 'linux.target must include deb');
expect(typeof config.linux?.category === 'string' && config.linux.category !== '', 'linux.category must be set');
expect(typeof config.linux?.maintainer === 'string' && /<[^>]+@[^>]+>/.test(config.linux.maintainer), 'linux.maintainer needs a name and an e-mail address (deb requires it)');
expect(targetNames(config.win).includes('nsis'), 'win.target must include nsis');

const linuxIcon = config.linux?.icon ? resolve(ROOT, config.linux.icon) : null;
if (!linuxIcon || !existsSync(linuxIcon)) {
  problems.push(`linux.icon must exist (${config.linux?.icon ?? 'not set'})`);
} else if (statSync(linuxIcon).isDirectory()) {
  const sizes = readdirSync(linuxIcon).filter((n) => /^\d+x\d+\.png$/.test(n));
  expect(sizes.includes('256x256.png') && sizes.includes('512x512.png'), `linux.icon ${config.linux.icon} must hold 256x256.png and 512x512.png`);
} else {
  expect(/\d+x\d+\.png$/.test(linuxIcon), 'linux.icon must be a directory or a PNG named by its size');
}
const winIcon = config.win?.icon ? resolve(ROOT, config.win.icon) : null;
expect(winIcon !== null && winIcon.endsWith('.ico') && existsSync(winIcon), `win.icon must be an existing .ico (${config.win?.icon ?? 'not set'})`);
for (const entry of asList(config.extraResources)) {
  const from = typeof entry === 'string' ? entry : entry?.from;
  if (typeof from === 'string' && !/[*?{]/.test(from)) expect(existsSync(resolve(ROOT, from)), `extraResources: ${from} does not exist`);
}

const name = configPath.startsWith(ROOT) ? configPath.slice(ROOT.length) : configPath;
if (problems.length > 0) {
  process.stderr.write(`${name}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${name}: OK (${schemaNote}; project checks passed)\n`);
