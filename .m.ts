import { openDatabase } from './electron/host/store/database';
import { outboxStats, addPut, headEntries } from './electron/host/cloud/cloud-outbox';
import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'm-')), 'x.db'));
const payload = Array.from({ length: 25 }, (_, i) => ({ device_id: 'D', timestamp: String(i), v: i, x: 'y'.repeat(400) }));
db.transaction(() => { for (let i = 0; i < 100_000; i++) addPut(db, 'raw_data', payload, i); })();
for (let k = 0; k < 3; k++) { const t = performance.now(); outboxStats(db); console.log('stats ms', (performance.now() - t).toFixed(1)); }
for (let k = 0; k < 3; k++) { const t = performance.now(); headEntries(db, 256); console.log('head ms', (performance.now() - t).toFixed(1)); }
console.log(db.prepare('EXPLAIN QUERY PLAN SELECT kind, count(*) AS n, min(created_at) AS oldest, sum(next_attempt_at >= ?) AS parked FROM cloud_outbox GROUP BY kind').all(1));
console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM cloud_outbox WHERE kind IN ('dynamo.put','dynamo.alert') AND next_attempt_at < ? ORDER BY id LIMIT ?`).all(1, 2));
