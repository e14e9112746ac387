import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = join(ROOT, 'electron', 'host', 'utility-entry.ts');
const FAKE_PARENT_PORT = new URL('./fixtures/fake-parent-port.mjs', import.meta.url).href;
const scratch = mkdtempSync(join(tmpdir(), 'emberwatch-utility-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Relayed {
  readonly from: 'parent' | 'port';
  readonly id?: number;
  readonly message?: unknown;
  readonly closed?: boolean;
}

/** The host as main runs it: in its own process, driven through (a stand-in for) parentPort. */
function startUtility(args: ReadonlyArray<string>): { child: ChildProcess; seen: Relayed[]; stderr: () => string; waitFor: (match: (m: Relayed) => boolean, ms?: number) => Promise<Relayed>; exited: Promise<number | null> } {
  const child = fork(ENTRY, [...args], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--import', FAKE_PARENT_PORT],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, EMBERWATCH_DEFAULT_DATA_DIR: join(scratch, 'default'), EMBERWATCH_DEMO: '0' },
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout?.resume();
  const seen: Relayed[] = [];
  const waiters: Array<{ match: (m: Relayed) => boolean; resolve: (m: Relayed) => void }> = [];
  child.on('message', (m: Relayed) => {
    seen.push(m);
    for (const w of [...waiters]) {
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  function waitFor(match: (m: Relayed) => boolean, ms = 30_000): Promise<Relayed> {
    const earlier = seen.find(match);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; seen ${JSON.stringify(seen)}; stderr ${err}`)), ms);
      waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
  return { child, seen, stderr: () => err, waitFor, exited };
}

function kindOf(message: unknown): string | undefined {
  return typeof message === 'object' && message !== null ? (message as { kind?: string }).kind : undefined;
}

describe('host utility-process entry', () => {
  it('serves ports attached before and after start-up, and stops on request', async () => {
    const host = startUtility(['--no-demo', '--data-dir', join(scratch, 'a')]);
    try {
      // Main may hand over a window's port before the host has finished starting.
      host.child.send({ to: 'parent', data: { type: 'attach-port' }, ports: [1] });
      await host.waitFor((m) => m.from === 'parent' && (m.message as { type?: string }).type === 'ready');
      host.child.send({ to: 'parent', data: { type: 'attach-port' }, ports: [2] });
      for (const id of [1, 2]) {
        await host.waitFor((m) => m.from === 'port' && m.id === id && kindOf(m.message) === 'hello');
      }
      host.child.send({ to: 'port', id: 2, data: { kind: 'request', id: 7, method: 'health.get', params: {} } });
      const reply = await host.waitFor((m) => m.from === 'port' && m.id === 2 && kindOf(m.message) === 'response');
      assert.equal((reply.message as { id: number; ok: boolean }).id, 7);
      assert.equal((reply.message as { ok: boolean }).ok, true);

      host.child.send({ to: 'parent', data: { type: 'stop' } });
      assert.equal(await host.exited, 0, host.stderr());
    } finally {
      host.child.kill('SIGKILL');
    }
  });

  it('stops the host on SIGTERM', async () => {
    const host = startUtility(['--no-demo', '--data-dir', join(scratch, 'b')]);
    try {
      await host.waitFor((m) => m.from === 'parent');
      host.child.kill('SIGTERM');
      assert.equal(await host.exited, 0, host.stderr());
    } finally {
      host.child.kill('SIGKILL');
    }
  });

  it('reports a host that cannot start on stderr and exits non-zero', async () => {
    const notADirectory = join(scratch, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    const host = startUtility(['--no-demo', '--data-dir', join(notADirectory, 'data')]);
    try {
      const code = await host.exited;
      assert.notEqual(code, 0);
      assert.match(host.stderr(), /emberwatch host: failed to start/);
    } finally {
      host.child.kill('SIGKILL');
    }
  });

  it('refuses to run outside a utility process', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /runs only inside the desktop app/);
  });
});
