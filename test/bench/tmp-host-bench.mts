import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { createHostCore } from '../../electron/host/host-core';
import { startMosquitto } from '../support/mosquitto';
const broker = await startMosquitto({ config: ['max_inflight_messages 1000', 'max_queued_messages 0'] });
const N = 60000;
for (let run = 0; run < 2; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'hb-'));
  const core = await createHostCore({ argv: ['--data-dir', dir, '--mqtt-url', broker.url, '--no-demo'], env: {} });
  await new Promise((r) => setTimeout(r, 1500));
  const reader = new Database(join(dir, 'emberwatch.db'), { readonly: true });
  const q = reader.prepare('SELECT rowid AS r, ts FROM readings WHERE rowid > ? ORDER BY rowid');
  const c0 = process.cpuUsage();
  const child = spawn(process.execPath, ['--import', 'tsx', '/work/main/test/bench/support/publisher.ts', broker.url, String(N), '4', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let last = 0, seen = 0, first = 0, lastAt = 0; const lat: number[] = [];
  while (seen < N) {
    await new Promise((r) => setTimeout(r, 10));
    const now = Date.now();
    const rows = q.all(last) as { r: number; ts: number }[];
    if (rows.length > 0) { if (first === 0) first = now; lastAt = now; }
    for (const row of rows) { lat.push(now - row.ts); last = row.r; }
    seen += rows.length;
  }
  const c = process.cpuUsage(c0);
  lat.sort((a, b) => a - b);
  console.log('host run', run, 'rate', (N / ((lastAt - first) / 1000)).toFixed(0), 'p50', lat[Math.floor(lat.length / 2)], 'p99', lat[Math.floor(lat.length * 0.99)], 'cpu', ((c.user + c.system) / 1000).toFixed(0));
  reader.close();
  await core.stop();
}
await broker.stop();
