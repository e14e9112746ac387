import { createScoringEngine } from '../../../shared/scoring/index';
import { replicatedLines } from '../scoring.bench';
const lines = replicatedLines(24);
let sink = 0;
function run(label: string, f: () => void) {
  f();
  const ts: number[] = [];
  for (let r = 0; r < 9; r++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(30), ((ts[0]! * 1e6) / lines.length).toFixed(1), 'ns min', ((ts[4]! * 1e6) / lines.length).toFixed(1), 'median');
}
run('parse only', () => { for (const l of lines) sink += JSON.parse(l).idx; });
run('scoreLine stateless', () => { const e = createScoringEngine({ history: false }); for (const l of lines) if (e.scoreLine(l).ok) sink++; });
run('scoreLine history', () => { const e = createScoringEngine(); for (const l of lines) if (e.scoreLine(l).ok) sink++; });
