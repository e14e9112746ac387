import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

export function mosquittoAvailable(): boolean {
  return spawnSync('mosquitto', ['-h'], { stdio: 'ignore' }).error === undefined;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not listen on ${port} within ${timeoutMs} ms`);
}

export interface MosquittoOptions {
  /** Lines added after the listener line (listener options such as certificates apply to it). */
  readonly config?: ReadonlyArray<string>;
  /** Reuse a port, e.g. to restart the broker where clients expect it. */
  readonly port?: number;
  /** Keep sessions and queued messages on disk in this folder, across broker restarts. */
  readonly persistenceDir?: string;
}

/** A real Mosquitto on a free loopback port, with its own config (no persistence unless asked). */
export async function startMosquitto(options: MosquittoOptions | ReadonlyArray<string> = {}): Promise<Mosquitto> {
  const opts: MosquittoOptions = Array.isArray(options) ? { config: options as ReadonlyArray<string> } : (options as MosquittoOptions);
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'emberwatch-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  const persistence = opts.persistenceDir
    ? ['persistence true', `persistence_location ${opts.persistenceDir}/`, 'autosave_interval 1']
    : ['persistence false'];
  // Started as root, Mosquitto drops to its own user and could not read the test's private temp files.
  const user = process.getuid?.() === 0 ? ['user root'] : [];
  writeFileSync(conf, [...user, 'allow_anonymous true', ...persistence, `listener ${port} 127.0.0.1`, ...(opts.config ?? []), ''].join('\n'));
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
