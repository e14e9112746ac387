import { formatIsoMillis, parseIsoTimestamp, MAX_TIMESTAMP_MS } from '../../../shared/scoring/timestamp';
let bad = 0;
for (let i = 0; i < 2_000_000; i++) {
  const ms = i < 1000 ? [0, MAX_TIMESTAMP_MS, 951782400000, 951868800000, 4107542400000][i % 5]! + (i % 7) : Math.floor(Math.random() * MAX_TIMESTAMP_MS);
  const iso = new Date(ms).toISOString();
  if (formatIsoMillis(ms) !== iso) { bad++; if (bad < 5) console.log('fmt', ms, iso, formatIsoMillis(ms)); }
  const p = parseIsoTimestamp(iso);
  if (!p.ok || p.ms !== ms || p.iso !== iso) { bad++; if (bad < 5) console.log('parse', iso, p); }
}
for (const s of ['2026-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-03-01T09:00:00+09:00', '2026-03-01 09:00:00.123456', '2026-03-01T09:00Z', '2026-03-01', '1969-12-31T23:59:59.999Z', '220'])
  console.log(s, JSON.stringify(parseIsoTimestamp(s)));
console.log('bad', bad);
