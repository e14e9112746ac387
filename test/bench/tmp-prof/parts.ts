import { parseIsoTimestamp } from '../../../shared/scoring/timestamp';
import { createReadingScratch, readMessageInto } from '../../../shared/scoring/normalize';
import { replicatedLines } from '../scoring.bench';
const lines = replicatedLines(24);
const objs = lines.map((l) => JSON.parse(l));
const isos = objs.map((o) => o.timestamp).filter((t) => typeof t === 'string') as string[];
let sink = 0;
function run(label: string, n: number, f: () => void) {
  f();
  const ts: number[] = [];
  for (let r = 0; r < 9; r++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(30), ((ts[0]! * 1e6) / n).toFixed(1), 'ns min', ((ts[4]! * 1e6) / n).toFixed(1), 'median');
}
run('parseIso', isos.length, () => { for (const s of isos) { const p = parseIsoTimestamp(s); if (p.ok) sink += p.ms; } });
const into = createReadingScratch();
run('readMessageInto', objs.length, () => { for (const o of objs) if (readMessageInto(o, into) === undefined) sink++; });
run('parse', objs.length, () => { for (const l of lines) sink += JSON.parse(l).idx; });
console.log(sink > 0);
