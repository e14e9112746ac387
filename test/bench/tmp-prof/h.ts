import { HistoryStore } from '../../../shared/scoring/history';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config';
import { createScoringEngine } from '../../../shared/scoring/index';
import { replicatedLines } from '../scoring.bench';
const lines = replicatedLines(24);
const e = createScoringEngine({ history: false });
const rs = lines.map((l) => { const o = e.scoreLine(l); if (!o.ok) throw 1; return o.result; });
const ids = rs.map((r) => r.device_id), ts = rs.map((r) => r.timestamp_ms), tp = rs.map((r) => r.pcb_temperature), rk = rs.map((r) => r.risk_indicators.total_risk_score), ac = rs.map((r) => r.arc_count);
let sink = 0;
for (let k = 0; k < 5; k++) {
  const h = new HistoryStore(DEFAULT_SCORING_CONFIG.history);
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i++) sink += h.recordAndModify(ids[i]!, ts[i]!, tp[i]!, rk[i]!, ac[i]!);
  console.log(((performance.now() - t0) * 1e6 / ids.length).toFixed(1), 'ns');
}
const m = new Map<string, number>(); for (const id of new Set(ids)) m.set(id, 1);
const t0 = performance.now(); for (let i = 0; i < ids.length; i++) sink += m.get(ids[i]!)!; console.log('map', ((performance.now() - t0) * 1e6 / ids.length).toFixed(1));
