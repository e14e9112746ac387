import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startHostAlarms } from '../../../electron/host/alarms/host-alarms';
import { defaultSettings } from '../../../electron/host/config/settings-file';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import { judgeHealth } from '../../../electron/host/service/health';
import type { SystemHealthSample, SystemHealthThresholds } from '../../../electron/host/service/system-health';
import { CLEAR_FRACTION, DEFAULT_SYSTEM_HEALTH_THRESHOLDS, SystemHealthJudge, systemHealthMessage } from '../../../electron/host/service/system-health';
import { recentPipeline, SystemHealthWatch, thresholdsFromSettings } from '../../../electron/host/service/system-health-watch';
import { openDatabase } from '../../../electron/host/store/database';
import { LocalStore } from '../../../electron/host/store/local-store';
import { nextSweepAt } from '../../../electron/host/store/retention-health';
import type { ConnectionHealth, MetricsPoint } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';

const T0 = Date.parse('2026-11-22T02:00:00.000Z');
const S = 1000;
const MIN = 60 * S;
const TH: SystemHealthThresholds = { ...DEFAULT_SYSTEM_HEALTH_THRESHOLDS, raiseAfterMs: 30 * S, clearAfterMs: 120 * S };
const GB = 1e9;

/** A healthy console: two connections up, the store quick, nothing quarantined, room on disk. */
function healthy(nowMs: number, over: Partial<SystemHealthSample> = {}): SystemHealthSample {
  return {
    nowMs,
    connections: [{ id: 'a', connected: true }, { id: 'b', connected: true }],
    storeWriteError: null,
    commitMsAvg: 3,
    pendingWrites: 10,
    quarantinePerS: 0,
    cloud: { enabled: true, waiting: 0, oldestEntryMs: null, breaker: 'closed' },
    disk: { freeBytes: 50 * GB, totalBytes: 100 * GB },
    rssBytes: 200e6,
    ...over,
  };
}

/** Runs the judge once a second from `from` for `forMs` with the same figures; returns the last verdict. */
function run(judge: SystemHealthJudge, from: number, forMs: number, over: (t: number) => Partial<SystemHealthSample>): { raisedAt: number | null; clearedAt: number | null; changes: number } {
  let raisedAt: number | null = null;
  let clearedAt: number | null = null;
  let changes = 0;
  for (let t = from; t <= from + forMs; t += S) {
    const v = judge.update(healthy(t, over(t)));
    if (v.changed) {
      changes += 1;
      if (v.raised) raisedAt = t;
      else clearedAt = t;
    }
  }
  return { raisedAt, clearedAt, changes };
}

const BAD: ReadonlyArray<readonly [string, Partial<SystemHealthSample>]> = [
  ['connection_down', { connections: [{ id: 'a', connected: true }, { id: 'b', connected: false }] }],
  ['store_failing', { storeWriteError: 'disk I/O error' }],
  ['commit_slow', { commitMsAvg: 2500 }],
  ['write_queue', { pendingWrites: 150_000 }],
  ['quarantine_surge', { quarantinePerS: 12 }],
  ['outbox_stuck', { cloud: { enabled: true, waiting: 40, oldestEntryMs: T0 - 30 * MIN, breaker: 'closed' } }],
  ['disk_low', { disk: { freeBytes: 2 * GB, totalBytes: 100 * GB } }],
  ['memory_high', { rssBytes: 2000e6 }],
];

describe('the system-health judge (injected clock)', () => {
  test('a healthy console raises nothing', () => {
    const judge = new SystemHealthJudge(TH);
    const r = run(judge, T0, 10 * MIN, () => ({}));
    assert.equal(r.changes, 0);
    assert.deepEqual(judge.current().reasons, []);
    assert.equal(judge.current().raised, false);
  });

  for (const [code, bad] of BAD) {
    test(`${code} raises after the dwell, names itself, and clears after the clear dwell`, () => {
      const judge = new SystemHealthJudge(TH);
      const first = judge.update(healthy(T0, bad));
      assert.deepEqual(first.reasons.map((r) => r.code), [code]);
      assert.equal(first.raised, false, 'not at once: the dwell comes first');
      const bad1 = run(judge, T0 + S, 60 * S, () => bad);
      assert.equal(bad1.raisedAt, T0 + TH.raiseAfterMs, 'raised exactly when the reason has stood for raise_after');
      assert.match(systemHealthMessage(judge.current().reasons), new RegExp(code === 'connection_down' ? 'connection b down' : '.'));
      const good = run(judge, T0 + 61 * S, 5 * MIN, () => ({}));
      assert.equal(good.clearedAt, T0 + 61 * S + TH.clearAfterMs, 'cleared once healthy for clear_after');
      assert.equal(good.changes, 1);
    });
  }

  test('the breaker raises only after it has stayed open (or half-open) for its bound', () => {
    const judge = new SystemHealthJudge({ ...TH, raiseAfterMs: 0 });
    const open = (t: number): Partial<SystemHealthSample> => ({ cloud: { enabled: true, waiting: 3, oldestEntryMs: t, breaker: t % (60 * S) < 30 * S ? 'open' : 'half_open' } });
    const r = run(judge, T0, 10 * MIN, open);
    assert.equal(r.raisedAt, T0 + TH.breakerOpenMs);
    assert.ok(judge.current().reasons.some((x) => x.code === 'breaker_open'));
  });

  test('a switched-off cloud link with an old outbox is not trouble', () => {
    const judge = new SystemHealthJudge({ ...TH, raiseAfterMs: 0 });
    const r = run(judge, T0, 30 * MIN, () => ({ cloud: { enabled: false, waiting: 400, oldestEntryMs: T0 - 86_400_000, breaker: 'open' } }));
    assert.equal(r.changes, 0);
  });

  test('every connection down is monitoring lost (its own alarm), not a degraded console', () => {
    const judge = new SystemHealthJudge({ ...TH, raiseAfterMs: 0 });
    const r = run(judge, T0, MIN, () => ({ connections: [{ id: 'a', connected: false }, { id: 'b', connected: false }] }));
    assert.equal(r.changes, 0);
  });

  test('a reason that comes and goes faster than the dwell never raises', () => {
    const judge = new SystemHealthJudge(TH);
    // Bad for 20 s, good for 10 s, over and over for 30 minutes.
    const r = run(judge, T0, 30 * MIN, (t) => ((t - T0) % (30 * S) < 20 * S ? { commitMsAvg: 5000 } : {}));
    assert.equal(r.changes, 0);
  });

  test('no chatter: once raised, short healthy spells do not clear it, and a figure hovering at its bound holds it', () => {
    const judge = new SystemHealthJudge(TH);
    const raised = run(judge, T0, MIN, () => ({ pendingWrites: 150_000 }));
    assert.equal(raised.changes, 1);
    // Good for 60 s then bad again for 5 s, for 30 minutes: never 120 s of health.
    const flapping = run(judge, T0 + MIN + S, 30 * MIN, (t) => ((t - T0) % (65 * S) < 60 * S ? {} : { storeWriteError: 'busy' }));
    assert.equal(flapping.changes, 0);
    // Hovering just under the bound (above CLEAR_FRACTION of it) keeps the raised reason standing.
    const judge2 = new SystemHealthJudge({ ...TH, raiseAfterMs: 0 });
    run(judge2, T0, 5 * S, () => ({ rssBytes: 1600e6 }));
    assert.equal(judge2.current().raised, true);
    const hover = run(judge2, T0 + 6 * S, 10 * MIN, (t) => ({ rssBytes: (t / S) % 2 === 0 ? 1550e6 : 1500e6 }));
    assert.equal(hover.changes, 0, 'between 80 % and 100 % of the bound nothing changes');
    assert.ok(1500e6 > TH.memoryMaxBytes * CLEAR_FRACTION);
    const below = run(judge2, T0 + 11 * MIN, 3 * MIN, () => ({ rssBytes: 1000e6 }));
    assert.equal(below.changes, 1, 'below 80 % of the bound it clears (after the dwell)');
  });

  test('the disk clears only once free space is back above the bound / CLEAR_FRACTION', () => {
    const judge = new SystemHealthJudge({ ...TH, raiseAfterMs: 0, clearAfterMs: 0 });
    const disk = (percentFree: number): Partial<SystemHealthSample> => ({ disk: { freeBytes: percentFree * GB, totalBytes: 100 * GB } });
    assert.equal(judge.update(healthy(T0, disk(4))).raised, true);
    assert.equal(judge.update(healthy(T0 + S, disk(6))).raised, true, '6 % is above 5 % but not above 6.25 %');
    assert.equal(judge.update(healthy(T0 + 2 * S, disk(7))).raised, false);
  });

  test('an alarm restored from the store (a restart while degraded) is adopted: cleared only after the clear dwell', () => {
    const judge = new SystemHealthJudge(TH);
    judge.adopt(true, T0);
    assert.equal(judge.current().raised, true);
    const r = run(judge, T0, 5 * MIN, () => ({}));
    assert.equal(r.clearedAt, T0 + TH.clearAfterMs);
    assert.equal(r.changes, 1);
  });

  test('several reasons are named together in the message', () => {
    const judge = new SystemHealthJudge({ ...TH, raiseAfterMs: 0 });
    const v = judge.update(healthy(T0, { storeWriteError: 'disk I/O error', rssBytes: 3000e6 }));
    assert.equal(v.raised, true);
    const message = systemHealthMessage(v.reasons);
    assert.match(message, /^System degraded: /);
    assert.match(message, /store writes failing: disk I\/O error/);
    assert.match(message, /host memory 3000 MB \(bound 1536 MB\)/);
  });
});

describe('the judge\'s inputs and outputs', () => {
  test('settings `health` become the thresholds (defaults included)', () => {
    assert.deepEqual(thresholdsFromSettings(defaultSettings().health), DEFAULT_SYSTEM_HEALTH_THRESHOLDS);
  });

  test('the last minute of the pipeline metrics: quarantined per second and commit time weighted by commits', () => {
    const point = (atMs: number, q: number, commits: number, avg: number | null): MetricsPoint => ({
      at: new Date(atMs).toISOString(), received_per_s: 0, scored_per_s: 0, quarantined_per_s: q, duplicates_per_s: 0, stored_per_s: 0,
      commits, commit_ms_avg: avg, commit_ms_max: avg, lag_ms_avg: null, lag_ms_max: null,
    });
    const now = T0 + 60 * S;
    const recent = recentPipeline({ bucket_s: 10, points: [point(T0 - 10 * S, 100, 10, 9000), point(T0 + 10 * S, 6, 1, 100), point(T0 + 50 * S, 0, 3, 20)] }, now);
    assert.equal(recent.quarantinePerS, 1, '60 quarantined in the minute (the older bucket does not count)');
    assert.equal(recent.commitMsAvg, (100 + 3 * 20) / 4);
    assert.equal(recentPipeline({ bucket_s: 10, points: [] }, now).commitMsAvg, null);
  });

  test('health.get: a standing system reason makes the status degraded, without repeating a connection', () => {
    const conn = (id: string, state: ConnectionHealth['state']): ConnectionHealth => ({ id, url: 'mqtt://x', state, messages: 0, rate_per_s: 0, limit_per_s: null, last_error: null });
    const up = [conn('a', 'connected'), conn('b', 'connected')];
    assert.deepEqual(judgeHealth(up, undefined, { reasons: [] }), { status: 'ok', reasons: [] });
    assert.deepEqual(judgeHealth(up, undefined, { reasons: [{ code: 'disk_low', text: 'data disk 2 % free (bound 5 %)' }] }), { status: 'degraded', reasons: ['data disk 2 % free (bound 5 %)'] });
    const partial = judgeHealth([conn('a', 'connected'), conn('b', 'reconnecting')], undefined, { reasons: [{ code: 'connection_down', text: 'connection b down' }] });
    assert.deepEqual(partial, { status: 'degraded', reasons: ['connection b is reconnecting'] });
  });

  test('retention: the next sweep on the maintenance schedule', () => {
    const schedule = { startedAtMs: T0, firstAfterMs: 5 * S, everyMs: 10 * MIN };
    assert.equal(nextSweepAt(schedule, T0), T0 + 5 * S);
    assert.equal(nextSweepAt(schedule, T0 + 6 * S), T0 + 10 * MIN);
    assert.equal(nextSweepAt(schedule, T0 + 10 * MIN), T0 + 20 * MIN);
  });
});

describe('the system_health console alarm in the host\'s alarm system', () => {
  test('raised with the reasons after the dwell, cleared after the clear dwell, one point', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emberwatch-syshealth-'));
    const file = join(dir, 'emberwatch.db');
    const db = openDatabase(file);
    const store = new LocalStore(db, file);
    const clock = { now: T0 };
    const figures = { connections: [{ id: 'a', up: true }, { id: 'b', up: true }], rss: 100e6 };
    const connectionHealth = (): ReadonlyArray<ConnectionHealth> =>
      figures.connections.map((c) => ({ id: c.id, url: 'mqtt://x', state: c.up ? 'connected' : 'reconnecting', messages: 0, rate_per_s: 0, limit_per_s: null, last_error: null }));
    const watch = new SystemHealthWatch(
      {
        connections: connectionHealth,
        store: () => store.health(),
        metrics: () => ({ bucket_s: 10, points: [] }),
        cloud: () => null,
        disk: () => ({ free_bytes: 50 * GB, total_bytes: 100 * GB }),
        memory: () => ({ rss_bytes: figures.rss, heap_used_bytes: 0, heap_total_bytes: 0, external_bytes: 0 }),
      },
      TH,
      () => clock.now,
    );
    const settings = defaultSettings();
    const alarms = startHostAlarms({
      db,
      writer: store.writer,
      settings,
      dataDir: dir,
      env: {},
      consoleId: 'console-a',
      language: 'en',
      siteName: 'Test site',
      fleet: new FleetState<ScoredReading>(),
      analytics: { device: () => null, zones: () => ({ zones: [] }) } as never,
      emit: () => {},
      quarantine: () => {},
      monitoring: () => ({ lost: false, reason: null, detail: null, since: '' }),
      lastMessageAt: () => clock.now,
      startedAtMs: T0,
      systemHealth: (standing) => watch.poll(standing),
      log: { info: () => {}, warn: () => {}, error: () => {} },
      now: () => clock.now,
      timers: false,
    });
    const point = (): ReturnType<typeof alarms.service.get> => alarms.service.get('console:host:system_health');
    try {
      const tick = async (seconds: number): Promise<void> => {
        for (let i = 0; i < seconds; i += 1) {
          clock.now += S;
          await alarms.poll();
        }
      };
      await tick(5);
      assert.equal(point(), null, 'healthy: no such alarm');
      figures.connections[1] = { id: 'b', up: false };
      await tick(29);
      assert.equal(alarms.service.consoleConditionActive('system_health'), false, 'not before 30 s');
      await tick(2);
      assert.equal(alarms.service.consoleConditionActive('system_health'), true);
      const raised = point();
      assert.ok(raised);
      assert.equal(raised.source, 'system_health');
      assert.equal(raised.priority, 'high');
      assert.match(raised.message, /System degraded: connection b down while 1 of 2 are up/);
      assert.equal(watch.view().alarm, true);
      // A second reason while it stands: the standing alarm's message names both, with no new transition.
      const transitions = async (): Promise<number> => (await alarms.service.history({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: 1000 })).length;
      const transitionsBefore = await transitions();
      figures.rss = 2000e6;
      await tick(31);
      const both = point();
      assert.ok(both);
      assert.match(both.message, /connection b down/);
      assert.match(both.message, /host memory 2000 MB/);
      assert.equal(await transitions(), transitionsBefore, 'a new message, not a new transition');
      figures.rss = 100e6;
      figures.connections[1] = { id: 'b', up: true };
      await tick(60);
      assert.equal(alarms.service.consoleConditionActive('system_health'), true, 'still standing inside the clear dwell');
      await tick(61);
      assert.equal(alarms.service.consoleConditionActive('system_health'), false, 'cleared after 120 s of health');
      assert.deepEqual(watch.view().reasons, []);
    } finally {
      alarms.stop();
      store.close();
      db.close();
    }
  });
});
