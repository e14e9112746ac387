import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { createMainLog, mainDataDir } from '../../../electron/main-log';

const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-mainlog-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("the desktop app's main log", () => {
  it('goes to the data directory the host uses: --data-dir > EMBERWATCH_DATA_DIR > userData', () => {
    assert.equal(mainDataDir(['--kiosk', '--data-dir', '/srv/ew'], { EMBERWATCH_DATA_DIR: '/env' }, '/user'), resolve('/srv/ew'));
    assert.equal(mainDataDir(['--data-dir=/srv/eq'], {}, '/user'), resolve('/srv/eq'));
    assert.equal(mainDataDir([], { EMBERWATCH_DATA_DIR: '/env' }, '/user'), resolve('/env'));
    assert.equal(mainDataDir([], { EMBERWATCH_DATA_DIR: ' ' }, '/user'), resolve('/user'));
  });

  it("records why the host died in logs/main.log, beside the host's own log", () => {
    const log = createMainLog(() => scratch);
    log('host exited unexpectedly (code 1) after 3 s; restarting in 500 ms', 'warn');
    const lines = readFileSync(join(scratch, 'logs', 'main.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.at(-1)?.message, 'host exited unexpectedly (code 1) after 3 s; restarting in 500 ms');
    assert.equal(lines.at(-1)?.level, 'warn');
    assert.equal(lines.at(-1)?.component, 'main');
  });

  it('makes no data directory of its own (the host or Electron makes it)', () => {
    const missing = join(scratch, 'not-yet');
    createMainLog(() => missing)('starting');
    assert.equal(existsSync(missing), false);
  });
});
