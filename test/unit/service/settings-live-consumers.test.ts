import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, test } from 'node:test';
import { hashPin } from '../../../electron/host/alarms/pin-hash';
import { loadSettings, settingsPath } from '../../../electron/host/config/settings-file';
import { createReportHandlers } from '../../../electron/host/reports/report-handlers';
import { ReportData } from '../../../electron/host/reports/report-data';
import { createHostSettingsHandlers } from '../../../electron/host/service/host-settings';
import { createLiveScoringEngine } from '../../../electron/host/service/live-scoring';
import type { LiveScoringEngine } from '../../../electron/host/service/live-scoring';
import type { SettingsHandlers } from '../../../electron/host/service/settings-handlers';
import { liveRetentionHealth } from '../../../electron/host/store/retention-health';
import type { SettingsChangedEvent } from '../../../shared/protocol';
import { ProtocolError, scoringView } from '../../../shared/protocol';
import { generateDeviceRecommendations } from '../../../shared/scoring';
import type { Harness } from '../host/alarms/helpers';
import { harness, MINUTE, T0 } from '../host/alarms/helpers';
import { runOverheatingEpisode } from '../reports/helpers';

// What follows a supervisor's live change besides the engine: the screens are told at once
// (`settings.changed`, with the thresholds the engine now scores with), reports read the new
// thresholds, and health shows the new retention. Nothing is told of a change that was refused.

const PIN = '2468';
const park = { operator: 'Park', station: 'desk-1', pin: PIN } as const;
const SCHEDULE = { startedAtMs: T0, firstAfterMs: MINUTE, everyMs: 10 * MINUTE };

interface Rig {
  readonly h: Harness;
  readonly handlers: SettingsHandlers;
  readonly engine: LiveScoringEngine;
  readonly events: SettingsChangedEvent[];
}

async function rig(publish?: (event: SettingsChangedEvent) => void): Promise<Rig> {
  const operators = [{ name: 'Park', role: 'supervisor' as const, pin_hash: await hashPin(PIN) }];
  const h = harness({ alarms: { operators } });
  const dataDir = dirname(h.file);
  writeFileSync(settingsPath(dataDir), `${JSON.stringify({ alarms: { operators } }, null, 2)}\n`);
  const engine = createLiveScoringEngine(undefined);
  const events: SettingsChangedEvent[] = [];
  const handlers = createHostSettingsHandlers({
    dataDir,
    settings: loadSettings(dataDir),
    connectionsOverriddenBy: null,
    db: h.db,
    alarms: h.service,
    operatorRoles: [],
    engine,
    // The real sweeper, as the host passes it: health reads its policy.
    retention: h.store.retention,
    registry: { fleet: { applyRegistry: () => undefined }, analytics: { applyRegistry: () => undefined }, save: async () => undefined },
    record: (value, source) => h.store.recordSettings(value, source),
    clearStoredPins: async () => undefined,
    log: { info: () => undefined, error: () => undefined },
    publish: publish ?? ((event) => events.push(event)),
  });
  return { h, handlers, engine, events };
}

async function refused(work: Promise<unknown>): Promise<void> {
  await assert.rejects(work, (error: unknown) => error instanceof ProtocolError);
}

describe('a live settings change reaches the screens, reports and health', () => {
  test('settings.changed is pushed after a saved change, with the engine\'s thresholds; never for a refused one', async () => {
    const r = await rig();
    try {
      await refused(r.handlers['settings.update']({ operator: 'Kim', station: 'desk-1', section: 'thresholds', changes: { coPpm: 30 } }));
      await refused(r.handlers['settings.update']({ ...park, section: 'thresholds', changes: { leakageMa: -2 } }));
      assert.equal(r.events.length, 0, 'nothing saved, nothing told');

      const result = await r.handlers['settings.update']({ ...park, section: 'thresholds', changes: { temperatureC: { critical: 80 }, coPpm: 30 } });
      assert.equal(result.applied, true);
      assert.equal(r.events.length, 1);
      const event = r.events[0]!;
      assert.equal(event.section, 'thresholds');
      assert.equal(event.applied, true);
      assert.deepEqual(event.restart_required, []);
      assert.equal(event.scoring.thresholds.temperatureC.critical, 80);
      assert.equal(event.scoring.thresholds.coPpm, 30);
      assert.deepEqual(event.scoring, scoringView(r.engine.config), 'what the engine scores with');
      assert.deepEqual(event.scoring.levels, { critical: 0.8, high: 0.6, medium: 0.4, low: 0.2 });

      // Another section: told too, and the thresholds it carries are still the ones in effect.
      await r.handlers['settings.update']({ ...park, section: 'retention', changes: { raw_days: 14 } });
      assert.equal(r.events.length, 2);
      assert.equal(r.events[1]?.section, 'retention');
      assert.equal(r.events[1]?.scoring.thresholds.temperatureC.critical, 80);
    } finally {
      r.h.close();
    }
  });

  test('a screen that cannot be told does not turn a saved change into an error', async () => {
    const r = await rig(() => {
      throw new Error('link gone');
    });
    try {
      const result = await r.handlers['settings.update']({ ...park, section: 'thresholds', changes: { coPpm: 28 } });
      assert.equal(result.applied, true);
      assert.equal(r.engine.config.thresholds.coPpm, 28);
    } finally {
      r.h.close();
    }
  });

  test('health shows the retention set live, not the start\'s', async () => {
    const r = await rig();
    try {
      const now = T0 + 5 * MINUTE;
      assert.equal(liveRetentionHealth(r.h.store.retention, SCHEDULE, now).raw_days, 7, 'the default at start');
      await r.handlers['settings.update']({ ...park, section: 'retention', changes: { raw_days: 14, events_days: 60 } });
      const health = liveRetentionHealth(r.h.store.retention, SCHEDULE, now);
      assert.equal(health.raw_days, 14);
      assert.equal(health.events_days, 60);
    } finally {
      r.h.close();
    }
  });

  test('reports read the thresholds in effect at each request', async () => {
    const r = await rig();
    // The incident in a console of its own (its operator acts without a PIN), reported with r's engine.
    const site = harness({ language: 'en' });
    try {
      await runOverheatingEpisode(site);
      const data = new ReportData(site.db, 'en', () => r.engine.config);
      const [incident] = data.incidents({}, site.clock.now);
      assert.ok(incident, 'the overheating episode is an incident');
      // The device peaked at 75 °C: past the default critical 60 °C, so the report advises cooling.
      const cooling = generateDeviceRecommendations({ last_temperature: 75 }, [], 'en').find((a) => a.type === 'COOLING_CHECK')?.message;
      assert.ok(cooling);
      assert.ok(data.detail(incident, site.clock.now).recommendations.includes(cooling));
      assert.equal(data.config.thresholds.temperatureC.critical, 60);

      await r.handlers['settings.update']({ ...park, section: 'thresholds', changes: { temperatureC: { critical: 80 } } });
      assert.equal(data.config.thresholds.temperatureC.critical, 80);
      assert.ok(!data.detail(incident, site.clock.now).recommendations.includes(cooling), 'below the new critical line');

      // The handlers take the same getter (host-core passes the live engine's) and still make the files.
      const handlers = createReportHandlers({
        db: site.db,
        site: () => 'Test site',
        language: 'en',
        now: () => site.clock.now,
        alarmConfig: site.service.config,
        alarms: () => site.service.allRecords(),
        scoringConfig: () => r.engine.config,
      });
      const file = await handlers['report.file']({ kind: 'incident', format: 'csv', id: incident.id });
      assert.equal(file.content_type, 'text/csv; charset=utf-8');
    } finally {
      site.close();
      r.h.close();
    }
  });
});
