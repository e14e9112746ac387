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
  console.log(label.padEnd(30), ((ts[0]! * 1e6) / n).toFixed(1), 'ns min');
}
function d(t: string, i: number): number { const c = t.charCodeAt(i) - 48; return c >>> 0 <= 9 ? c : -1000; }
function p2(t: string): number {
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 46 || t.charCodeAt(23) !== 90) return NaN;
  const y = d(t,0)*1000 + d(t,1)*100 + d(t,2)*10 + d(t,3);
  const mo = d(t,5)*10 + d(t,6); const da = d(t,8)*10+d(t,9);
  const h = d(t,11)*10+d(t,12); const mi = d(t,14)*10+d(t,15); const s = d(t,17)*10+d(t,18);
  const ms = d(t,20)*100+d(t,21)*10+d(t,22);
  if ((y|mo|da|h|mi|s|ms) < 0) return NaN;
  return ((y * 400 + mo * 31 + da) * 86400000) + h * 3600000 + mi * 60000 + s * 1000 + ms;
}
run('p2', isos.length, () => { for (const s of isos) sink += p2(s); });
run('Date.parse', isos.length, () => { for (const s of isos) sink += Date.parse(s); });
run('charCodeAt x23', isos.length, () => { for (const s of isos) { let a = 0; for (let i = 0; i < 23; i++) a += s.charCodeAt(i); sink += a; } });
console.log(sink > 0);
