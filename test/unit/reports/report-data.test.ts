import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { incidentCsv, incidentPdf } from '../../../electron/host/reports/incident-report';
import { ReportData } from '../../../electron/host/reports/report-data';
import { predictionsAt } from '../../../electron/host/reports/step-prediction';
import { createStreamAnalytics } from '../../../shared/analytics';
import type { ForecastView } from '../../../shared/analytics';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring';
import { harness } from '../host/alarms/helpers';
import { parseReportCsv } from './csv-parse';
import { DEVICE, LAST_S, overheatReading, runOverheatingEpisode } from './helpers';

const DAY = 24 * 3600_000;
const FROM = Date.parse('2026-06-01T00:00:00.000Z');

type Db = ReturnType<typeof harness>['db'];

function transition(db: Db, alarm: string, from: string, to: string, at: number, operator: string | null = null): void {
  const [scope, target, source] = alarm.split(':') as [string, string, string];
  const device = scope === 'device' ? target : null;
  db.prepare(
    `INSERT INTO alarm_transitions(alarm_id, device_id, zone, source, priority, from_state, to_state, cause, at, operator, station, comment, condition_active, late, recorded_at)
     VALUES (?, ?, ?, ?, 'high', ?, ?, ?, ?, ?, NULL, NULL, ?, 0, ?)`,
  ).run(alarm, device, scope === 'zone' ? target : 'B1', source, from, to, operator === null ? 'condition_active' : 'acknowledge', at, operator, to === 'unacknowledged' ? 1 : 0, at);
  db.prepare(
    `INSERT INTO alarms(id, state, device_id, zone, source, priority, activated_at, last_change_at, record) VALUES (?, ?, ?, 'B1', ?, 'high', ?, ?, '{}')
     ON CONFLICT(id) DO UPDATE SET state = excluded.state, last_change_at = excluded.last_change_at`,
  ).run(alarm, to, device, source, at, at);
}

describe('incidents that began long before the period', () => {
  it('finds an incident opened weeks before `from` that still stands, and one that ran into the period through a chain of alarms', () => {
    const h = harness();
    try {
      const db = h.db;
      // Still open: presented 30 days before the period.
      transition(db, 'device:OLD:risk_high', 'normal', 'unacknowledged', FROM - 30 * DAY);
      // Closed before the period: not listed.
      transition(db, 'device:GONE:risk_high', 'normal', 'unacknowledged', FROM - 20 * DAY);
      transition(db, 'device:GONE:risk_high', 'unacknowledged', 'normal', FROM - 1 * DAY, 'kim');
      // A chain: A opens the episode 20 days before, B stands up a day later, A clears, B ends in the period.
      transition(db, 'device:CHAIN:risk_high', 'normal', 'unacknowledged', FROM - 20 * DAY);
      transition(db, 'device:CHAIN:overcurrent', 'normal', 'unacknowledged', FROM - 19 * DAY);
      transition(db, 'device:CHAIN:risk_high', 'unacknowledged', 'normal', FROM - 18 * DAY, 'kim');
      transition(db, 'device:CHAIN:overcurrent', 'unacknowledged', 'normal', FROM + 3600_000, 'lee');
      // Ran on past the period's end: listed as it ended, not cut at `to`.
      transition(db, 'device:LATE:risk_high', 'normal', 'unacknowledged', FROM - 15 * DAY);
      transition(db, 'device:LATE:risk_high', 'unacknowledged', 'normal', FROM + 3 * DAY, 'park');

      const data = new ReportData(db, 'en');
      assert.equal(data.episodeFloor(FROM), FROM - 30 * DAY);
      const found = data.incidents({ fromMs: FROM, toMs: FROM + DAY }, FROM + DAY);
      assert.deepEqual(found.map((i) => i.id), [`device:OLD@${FROM - 30 * DAY}`, `device:CHAIN@${FROM - 20 * DAY}`, `device:LATE@${FROM - 15 * DAY}`]);
      const [old, chain, late] = found;
      assert.equal(old!.state, 'open');
      assert.equal(chain!.state, 'closed');
      assert.equal(chain!.end_ms, FROM + 3600_000);
      assert.deepEqual(chain!.alarm_ids, ['device:CHAIN:risk_high', 'device:CHAIN:overcurrent']);
      assert.equal(late!.state, 'closed');
      assert.equal(late!.end_ms, FROM + 3 * DAY);
      assert.equal(data.incidents({ fromMs: FROM, toMs: FROM + DAY, state: 'open' }, FROM + DAY).length, 1);
      // Found by id, the report's way in.
      assert.equal(data.incident(chain!.id)?.end_ms, FROM + 3600_000);
      assert.equal(data.incident(`device:OLD@${FROM - 30 * DAY}`)?.state, 'open');

      // Each round is an index seek per alarm point, not a scan of the transitions.
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT (SELECT t.to_state FROM alarm_transitions t WHERE t.alarm_id = a.id AND t.at < ? ORDER BY t.at DESC, t.id DESC LIMIT 1) FROM alarms a`)
        .all(FROM) as Array<{ detail: string }>;
      assert.ok(plan.some((p) => /alarm_transitions_alarm_at/.test(p.detail)), plan.map((p) => p.detail).join(' | '));
    } finally {
      h.close();
    }
  });

  it('finds the grouped incident by the id of a device episode a zone alarm joined later, and reports each row’s device', async () => {
    const h = harness();
    try {
      transition(h.db, 'device:D1:risk_high', 'normal', 'unacknowledged', FROM);
      transition(h.db, 'zone:B1:HIGH_RISK_CLUSTER', 'normal', 'unacknowledged', FROM + 1000);
      transition(h.db, 'device:D2:risk_high', 'normal', 'unacknowledged', FROM + 2000);
      const data = new ReportData(h.db, 'en');
      const byLaterEpisode = data.incident(`device:D2@${FROM + 2000}`);
      assert.equal(byLaterEpisode?.id, `device:D1@${FROM}`);
      assert.deepEqual(byLaterEpisode?.device_ids, ['D1', 'D2']);
      assert.equal(data.incidents({ fromMs: FROM, deviceId: 'D2' }, FROM + 5000).length, 1);

      // Its report names each row's device; the zone alarm's row is about the incident's device.
      const detail = data.detail(byLaterEpisode!, FROM + 5000);
      assert.deepEqual(detail.steps.map((s) => s.device_id), ['D1', 'D1', 'D2']);
      const csv = parseReportCsv(incidentCsv(detail, 'en'));
      assert.deepEqual(csv.get('timeline')!.map((r) => [r.device_id, r.alarm_id]), [
        ['D1', 'device:D1:risk_high'],
        ['D1', 'zone:B1:HIGH_RISK_CLUSTER'],
        ['D2', 'device:D2:risk_high'],
      ]);
      assert.ok(csv.get('timeline')!.every((r) => r.prediction === '–'), 'no readings stored: no prediction, and no failure');
      const pdf = await incidentPdf(detail, { site: 'Test', language: 'en', config: DEFAULT_SCORING_CONFIG, nowMs: FROM + 5000 });
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    } finally {
      h.close();
    }
  });
});

describe('the prediction at each step of an incident', () => {
  it('is what a live analytics instance fed the same readings predicted at that moment, and later readings do not change it', async () => {
    const h = harness({ language: 'ko' });
    try {
      await runOverheatingEpisode(h);
      const data = new ReportData(h.db, 'ko');
      const [incident] = data.incidents({}, h.clock.now);
      assert.ok(incident);
      const detail = data.detail(incident, h.clock.now);
      assert.equal(detail.steps.length, incident.transitions.length);

      // The console as it ran: every reading folded in as it came, the forecast read after each.
      const live = createStreamAnalytics();
      const seen = new Map<number, ForecastView>();
      const moments = incident.transitions.map((t) => t.at);
      for (let s = 0; s <= LAST_S; s += 2) {
        const r = overheatReading(s);
        live.observe(r, r.timestamp_ms + 40);
        const next = overheatReading(s + 2).timestamp_ms;
        for (const at of moments) if (at >= r.timestamp_ms && at < next) seen.set(at, live.device(DEVICE)!.prediction.temperature);
      }
      detail.steps.forEach((step, k) => {
        const t = incident.transitions[k]!;
        const expected = seen.get(t.at)!;
        const got = step.prediction!.forecasts[0]!;
        assert.equal(step.device_id, DEVICE);
        assert.equal(got.status, expected.status, `step ${k} at ${new Date(t.at).toISOString()}`);
        assert.equal(got.minutes_to_threshold, expected.minutes_to_threshold);
        assert.equal(got.slope_per_minute, expected.slope_per_minute);
        assert.equal(got.confidence, expected.confidence);
        assert.equal(step.reading!.ts <= t.at, true, 'the reading shown is one the console had then');
      });
      // The first alarm (risk_high during the slow heating) came with a rising forecast of the 60 °C threshold.
      const first = detail.steps[0]!.prediction!.forecasts[0]!;
      assert.equal(first.status, 'RISING');
      assert.ok(first.minutes_to_threshold! > 0 && first.minutes_to_threshold! < 30);
      // The same moment asked alone, with nothing after it read, gives the same figure.
      const [alone] = predictionsAt(h.db, DEVICE, [incident.start_ms]);
      assert.deepEqual(alone!.forecasts[0], first);
      // Once hot, the sensor alarm's step says the threshold is passed.
      const hot = detail.steps.find((_, k) => incident.transitions[k]!.source === 'sensor_temp_alarm')!;
      assert.equal(hot.prediction!.forecasts[0]!.status, 'ABOVE');
    } finally {
      h.close();
    }
  });
});
