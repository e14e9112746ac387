import { createScoringEngine } from '../../../shared/scoring/index';
import { replicatedLines } from '../scoring.bench';
const lines = replicatedLines(24);
let sink = 0;
const mode = process.argv[2];
for (let r = 0; r < 20; r++) { const e = createScoringEngine({ history: mode === 'history' }); for (const l of lines) if (e.scoreLine(l).ok) sink++; }
console.log(sink);
