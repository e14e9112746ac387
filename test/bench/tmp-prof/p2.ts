import { createScoringEngine } from '../../../shared/scoring/index';
import { replicatedLines } from '../scoring.bench';
const lines = replicatedLines(24);
const objs = lines.map((l) => JSON.parse(l));
let sink = 0;
const mode = process.argv[2];
for (let r = 0; r < 30; r++) { const e = createScoringEngine({ history: mode === 'history' }); for (const o of objs) if (e.scoreMessage(o).ok) sink++; }

console.log(sink);
