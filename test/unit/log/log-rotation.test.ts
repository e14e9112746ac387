import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLogger, logsUsage } from '../../../electron/host/log/logger';
import { RotatingFile, rotatedFiles } from '../../../electron/host/log/rotating-file';

const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-logs-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function line(i: number): string {
  return `${JSON.stringify({ i, pad: 'x'.repeat(80) })}\n`;
}

describe('log rotation', () => {
  it('rotates at the size limit and keeps the set number of files, newest lines last', () => {
    const dir = join(scratch, 'plain');
    mkdirSync(dir);
    const file = join(dir, 'host.log');
    const rotating = new RotatingFile(file, { maxBytes: 1000, maxFiles: 3 });
    const size = Buffer.byteLength(line(0));
    for (let i = 0; i < 100; i += 1) rotating.append(line(i));
    assert.deepEqual(readdirSync(dir).sort(), ['host.log', 'host.log.1', 'host.log.2']);
    for (const name of readdirSync(dir)) assert.ok(statSync(join(dir, name)).size <= 1000, `${name} is within the limit`);
    // host.log.2 (oldest) … host.log (newest) hold an unbroken run ending with the last line.
    const kept = ['host.log.2', 'host.log.1', 'host.log']
      .flatMap((n) => readFileSync(join(dir, n), 'utf8').trim().split('\n'))
      .map((l) => (JSON.parse(l) as { i: number }).i);
    assert.equal(kept[kept.length - 1], 99);
    assert.deepEqual(kept, kept.map((_, k) => kept[0] as number + k));
    assert.equal(kept.length, Math.floor(1000 / size) * 2 + readFileSync(file, 'utf8').trim().split('\n').length);
  });

  it('carries on from the size of a file an earlier run left', () => {
    const dir = join(scratch, 'resume');
    mkdirSync(dir);
    const file = join(dir, 'host.log');
    writeFileSync(file, 'y'.repeat(950));
    new RotatingFile(file, { maxBytes: 1000, maxFiles: 2 }).append(line(1));
    assert.equal(readFileSync(join(dir, 'host.log.1'), 'utf8'), 'y'.repeat(950));
    assert.equal(readFileSync(file, 'utf8'), line(1));
  });

  it('drops files beyond a smaller number kept than before', () => {
    const dir = join(scratch, 'shrink');
    mkdirSync(dir);
    const file = join(dir, 'host.log');
    for (const n of ['host.log', 'host.log.1', 'host.log.2', 'host.log.3', 'host.log.4']) writeFileSync(join(dir, n), 'z'.repeat(10));
    new RotatingFile(file, { maxBytes: 10, maxFiles: 2 }).append('new\n');
    assert.deepEqual(rotatedFiles(file).map((f) => f.index), [1]);
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
  });

  it('the host logger writes JSON lines to logs/host.log, rotated by its settings, secrets redacted', () => {
    const dataDir = join(scratch, 'data');
    const log = createLogger(dataDir, { stderr: false, rotation: { maxBytes: 2000, maxFiles: 2 } });
    for (let i = 0; i < 200; i += 1) log.info('reading stored', { device: `DEV${i}`, password: 'hunter2' });
    log.debug('not written at info level');
    const logs = join(dataDir, 'logs');
    assert.deepEqual(readdirSync(logs).sort(), ['host.log', 'host.log.1']);
    const last = readFileSync(join(logs, 'host.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).at(-1);
    assert.equal(last?.message, 'reading stored');
    assert.equal(last?.device, 'DEV199');
    assert.equal(last?.password, '[redacted]');
    assert.equal(last?.level, 'info');
    const usage = logsUsage(logs);
    assert.equal(usage.files, 2);
    assert.ok(usage.bytes > 0 && usage.bytes <= 4000);
    assert.equal(existsSync(join(logs, 'host.log.2')), false);
  });
});
