#!/usr/bin/env node
// Runs the test suites with Node's own test runner (TypeScript through tsx).
//   node scripts/test.mjs                 all suites: unit, integration, e2e
//   node scripts/test.mjs unit e2e        only those suites
// The e2e suite needs the built renderer, so it is built first when e2e runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SUITES = ['unit', 'integration', 'e2e'];
const requested = process.argv.slice(2);
const unknown = requested.filter((s) => !SUITES.includes(s));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  process.exit(2);
}
const suites = requested.length > 0 ? requested : SUITES;

function findTests(dir) {
  let found = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found = found.concat(findTests(full));
    else if (name.endsWith('.test.ts')) found.push(relative(root, full));
  }
  return found;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// The integration and browser suites use a real broker and a real browser; say plainly what is missing.
const missing = [];
const onPath = (cmd) => spawnSync(cmd, ['--help'], { stdio: 'ignore' }).error === undefined;
if (suites.includes('integration') && !onPath('mosquitto')) missing.push('mosquitto');
if (suites.includes('e2e') && !existsSync(process.env.EMBERWATCH_CHROMIUM ?? '/usr/bin/chromium')) missing.push('chromium');
if (missing.length > 0) {
  console.error(`The tests need ${missing.join(' and ')}: on Debian or Ubuntu, sudo apt-get install -y ${missing.join(' ')}` +
    ' (or set EMBERWATCH_CHROMIUM to another Chromium). To run only the unit tests: npm run test:unit');
  process.exit(1);
}

if (suites.includes('e2e')) {
  const status = run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
  if (status !== 0) {
    console.error('the renderer did not build; the e2e suite cannot run');
    process.exit(status);
  }
}

const files = suites.flatMap((suite) => findTests(join(root, 'test', suite)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const status = run(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=180000', ...files]);
process.exit(status);
