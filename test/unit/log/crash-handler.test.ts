import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crashLogDir } from '../../../electron/host/log/crash-handler';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-crash-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function crash(how: string): { status: number | null; stderr: string; lines: Array<Record<string, unknown>>; logDir: string } {
  const logDir = join(scratch, how, 'logs');
  const result = spawnSync(process.execPath, ['--import', 'tsx', CHILD, logDir, how], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const file = join(logDir, 'host.log');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  return { status: result.status, stderr: result.stderr, lines, logDir };
}

describe('crash handler', () => {
  it('an uncaught exception leaves a fatal line with the stack in host.log, stops, and exits non-zero', () => {
    const { status, stderr, lines, logDir } = crash('throw');
    assert.equal(status, 1, stderr);
    const fatal = lines.at(-1);
    assert.equal(fatal?.level, 'fatal');
    assert.equal(fatal?.message, 'uncaught exception');
    assert.equal(fatal?.component, 'test');
    assert.equal(fatal?.error, 'Error: the pipeline fell over');
    assert.match(String(fatal?.stack), /failDeepInside/);
    assert.match(stderr, /FATAL emberwatch test: uncaught exception: Error: the pipeline fell over/);
    assert.equal(readFileSync(join(logDir, 'last-words'), 'utf8'), 'stopped');
  });

  it('an unhandled rejection does the same', () => {
    const { status, lines } = crash('reject');
    assert.equal(status, 1);
    assert.equal(lines.at(-1)?.message, 'unhandled rejection');
    assert.equal(lines.at(-1)?.error, 'Error: nobody caught this');
  });

  it('a stop that hangs is cut short by the deadline, still with a non-zero exit', () => {
    const { status, lines } = crash('stop-hangs');
    assert.equal(status, 1);
    assert.equal(lines.at(-1)?.level, 'fatal');
  });

  it('finds the data directory from the host arguments before the host has started', () => {
    assert.equal(crashLogDir(['--data-dir', '/srv/ew'], {}), join('/srv/ew', 'logs'));
    assert.equal(crashLogDir([], { EMBERWATCH_DATA_DIR: '/var/ew' }), join('/var/ew', 'logs'));
    assert.equal(crashLogDir([], {}, '/home/u/.config/Emberwatch'), join('/home/u/.config/Emberwatch', 'logs'));
    assert.equal(crashLogDir(['--port', 'eighty'], {}), null);
  });
});
