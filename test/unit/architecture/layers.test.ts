import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The layers of DESIGN.md, checked on every import statement of every source file:
// shared/ is pure, renderer/ knows nothing of Electron or Node, electron/host/ runs without Electron.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const IMPORT_PATTERN = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (spec) found.push(spec);
  }
  return found;
}

const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net',
  'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib', 'perf_hooks', 'v8', 'vm',
]);

function isNode(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec);
}

function resolvesInto(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = resolve(dirname(file), spec);
  return target === folder || target.startsWith(folder + sep);
}

interface Violation { readonly file: string; readonly spec: string; readonly rule: string }

function check(folder: string, rule: string, forbidden: (file: string, spec: string) => boolean): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(join(root, folder))) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (forbidden(file, spec)) violations.push({ file: relative(root, file), spec, rule });
    }
  }
  return violations;
}

test('the import scanner sees every form of import', () => {
  const sample = [
    "import a from 'node:fs';",
    "import { b } from \"electron\";",
    "import type { C } from '../x';",
    "export * from './y';",
    "const d = await import('node:path');",
    "import './side-effect';",
    "const e = require('os');",
  ].join('\n');
  assert.deepEqual(importsOf(sample), ['node:fs', 'electron', '../x', './y', 'node:path', './side-effect', 'os']);
});

test('shared/ imports no node, no electron, no DOM-only code and nothing outside shared/', () => {
  const sharedDir = join(root, 'shared');
  const violations = check('shared', 'shared is pure', (file, spec) =>
    isNode(spec) || spec === 'electron' || spec.startsWith('react') || (spec.startsWith('.') && !resolvesInto(file, spec, sharedDir)),
  );
  assert.deepEqual(violations, []);
});

test('shared/ uses no DOM or Node globals', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles(join(root, 'shared'))) {
    const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    if (/(?<![.\w$])(window|document|localStorage|navigator|process|Buffer|__dirname|require)\s*[.(]/.test(text)) offenders.push(relative(root, file));
  }
  assert.deepEqual(offenders, []);
});

test('renderer/ imports nothing from electron/, no electron and no node', () => {
  const electronDir = join(root, 'electron');
  const violations = check('renderer/src', 'renderer knows no electron or node', (file, spec) =>
    isNode(spec) || spec === 'electron' || spec.startsWith('electron/') || resolvesInto(file, spec, electronDir),
  );
  assert.deepEqual(violations, []);
});

test('electron/host/ never imports electron', () => {
  const violations = check('electron/host', 'host runs without electron', (file, spec) =>
    spec === 'electron' || spec.startsWith('electron/') || resolvesInto(file, spec, join(root, 'electron', 'main.ts')) ||
    resolvesInto(file, spec, join(root, 'electron', 'preload.ts')),
  );
  assert.deepEqual(violations, []);
});

test('the checks are not vacuous: each layer has files to check', () => {
  for (const folder of ['shared', 'renderer/src', 'electron/host']) {
    assert.ok(sourceFiles(join(root, folder)).length > 3, `${folder} has source files`);
  }
});
