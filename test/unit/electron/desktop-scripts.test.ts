import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface StartModule {
  electronBinary(root?: string): string | null;
  readonly MISSING_BINARY_MESSAGE: string;
}

async function startModule(): Promise<StartModule> {
  return (await import(pathToFileURL(join(ROOT, 'scripts', 'start.mjs')).href)) as StartModule;
}

function runScript(script: string, args: ReadonlyArray<string> = []): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm start / npm run dist without the Electron binary', () => {
  for (const script of ['start.mjs', 'dist.mjs']) {
    it(`${script} says so in one line, points to serve and exits 1 (needs a machine without the binary)`, async (t) => {
      const { electronBinary, MISSING_BINARY_MESSAGE } = await startModule();
      if (electronBinary() !== null) {
        t.skip('the Electron binary is installed here');
        return;
      }
      const { status, output } = runScript(script, ['--kiosk']);
      assert.equal(status, 1);
      const lines = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
      assert.deepEqual(lines, [MISSING_BINARY_MESSAGE]);
      assert.match(MISSING_BINARY_MESSAGE, /Electron binary/);
      assert.match(MISSING_BINARY_MESSAGE, /npm run serve/);
      assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
    });
  }

  it('detects the binary the way the electron package installs it', async () => {
    const { electronBinary } = await startModule();
    const fake = mkdtempSync(join(tmpdir(), 'emberwatch-electron-'));
    try {
      const pkg = join(fake, 'node_modules', 'electron');
      const dist = join(pkg, 'dist');
      mkdirSync(dist, { recursive: true });
      assert.equal(electronBinary(fake), null, 'no path.txt');
      writeFileSync(join(pkg, 'path.txt'), 'electron');
      assert.equal(electronBinary(fake), null, 'path.txt but no dist');
      copyFileSync(process.execPath, join(dist, 'electron'));
      assert.equal(electronBinary(fake), join(dist, 'electron'));
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });

  it('finds a runnable Electron of the installed version (needs the Electron binary)', async (t) => {
    const { electronBinary } = await startModule();
    const binary = electronBinary();
    if (binary === null) {
      t.skip('needs the Electron binary');
      return;
    }
    const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    const expected = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    assert.equal(result.stdout.trim(), `v${expected}`);
  });
});

describe('electron-builder configuration check', () => {
  it('passes on the real electron-builder.yml', () => {
    const { status, output } = runScript('check-builder-config.mjs');
    assert.equal(status, 0, output);
    assert.match(output, /OK \(schema of electron-builder/);
  });

  it('fails on a broken copy and names what is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emberwatch-builder-'));
    try {
      const broken = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')
        .replace('appId: org.emberwatch.console', 'appId: com.example.other')
        .replace(/^ {4}- deb\n/m, '')
        .replace(/^asarUnpack:\n(?: {2}- .*\n)+/m, 'asarUnpack:\n  - nothing/**\n')
        .replace('npmRebuild: false', 'npmRebuild: false\nnotAnOption: true');
      const file = join(dir, 'electron-builder.yml');
      writeFileSync(file, broken);
      const { status, output } = runScript('check-builder-config.mjs', [file]);
      assert.equal(status, 1);
      assert.match(output, /unknown property 'notAnOption'/);
      assert.match(output, /appId must be org\.emberwatch\.console/);
      assert.match(output, /linux\.target must include deb/);
      assert.match(output, /asarUnpack must include node_modules\/better-sqlite3/);
      assert.match(output, /asarUnpack must include the \.native Electron build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when a file is not YAML at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emberwatch-builder-'));
    try {
      const file = join(dir, 'electron-builder.yml');
      writeFileSync(file, 'appId: [unclosed\n');
      const { status, output } = runScript('check-builder-config.mjs', [file]);
      assert.equal(status, 1);
      assert.match(output, /cannot be read as YAML/);
      assert.doesNotMatch(output, /\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
