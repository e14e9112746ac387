import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { hashPin } from '../../../electron/host/alarms/pin-hash';
import { loadSettings, settingsPath } from '../../../electron/host/config/settings-file';
import { createHostSettingsHandlers } from '../../../electron/host/service/host-settings';
import { createLiveScoringEngine } from '../../../electron/host/service/live-scoring';
import type { SettingsHandlers } from '../../../electron/host/service/settings-handlers';
import { DeviceRegistryStore } from '../../../electron/host/store/device-registry-store';
import type { RetentionPolicy } from '../../../electron/host/store/retention';
import type { RegistryEntry } from '../../../shared/fleet/registry';
import { ProtocolError } from '../../../shared/protocol';
import type { Harness } from '../host/alarms/helpers';
import { harness } from '../host/alarms/helpers';

// The settings screen's write path in the host: only a supervisor (with the PIN) changes settings;
// a bad value is refused naming its field and nothing is written; a good one is written atomically,
// read back, applied where it can be live, recorded and journaled; secrets never come back out.

const PIN = '2468';

interface Rig {
  readonly h: Harness;
  readonly dataDir: string;
  readonly handlers: SettingsHandlers;
  readonly engine: ReturnType<typeof createLiveScoringEngine>;
  readonly policies: RetentionPolicy[];
  readonly fleet: RegistryEntry[][];
  readonly registry: DeviceRegistryStore;
  /** The languages the running console was asked to speak. */
  readonly languages: string[];
  /** The connection lists the running console was asked to take up. */
  readonly connectionLists: Array<ReadonlyArray<{ readonly id: string; readonly url: string }>>;
  close(): void;
}

async function rig(options: { readonly languageOverriddenBy?: string } = {}): Promise<Rig> {
  const pinHash = await hashPin(PIN);
  const operators = [
    { name: 'Park', role: 'supervisor' as const, pin_hash: pinHash },
    { name: 'Kim', role: 'operator' as const },
  ];
  const h = harness({ alarms: { operators } });
  const dataDir = dirname(h.file);
  // The file a site would have: only what it chose, no defaults.
  writeFileSync(settingsPath(dataDir), `${JSON.stringify({ site: { name: 'Plant 7' }, alarms: { operators } }, null, 2)}\n`);
  const engine = createLiveScoringEngine(undefined);
  const policies: RetentionPolicy[] = [];
  const fleet: RegistryEntry[][] = [];
  const registry = new DeviceRegistryStore(h.db);
  const connectionLists: Array<ReadonlyArray<{ readonly id: string; readonly url: string }>> = [];
  const languages: string[] = [];
  const handlers = createHostSettingsHandlers({
    dataDir,
    settings: loadSettings(dataDir),
    connectionsOverriddenBy: null,
    languageOverriddenBy: options.languageOverriddenBy ?? null,
    db: h.db,
    alarms: h.service,
    operatorRoles: [],
    engine,
    retention: { setPolicy: (p) => policies.push(p) },
    registry: {
      fleet: { applyRegistry: (entries) => fleet.push([...entries]) },
      analytics: { applyRegistry: () => undefined },
      save: (entries) => h.store.writer.run(() => registry.save(entries, 'import', new Date().toISOString())),
    },
    record: (value, source) => h.store.recordSettings(value, source),
    clearStoredPins: (names) =>
      h.store.writer.durable((db) => {
        for (const name of names) db.prepare('UPDATE alarm_operators SET pin_hash = NULL WHERE name = ? COLLATE NOCASE').run(name);
      }),
    log: { info: () => undefined, error: () => undefined },
    language: (language) => languages.push(language),
    connections: async (list) => {
      if (list.some((c) => c.url.includes('unreachable-cert'))) throw new Error('could not start connection plant: certificate gone');
      connectionLists.push(list.map((c) => ({ id: c.id, url: c.url })));
    },
  });
  return { h, dataDir, handlers, engine, policies, fleet, registry, connectionLists, languages, close: () => h.close() };
}

async function refusal(work: Promise<unknown>): Promise<ProtocolError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof ProtocolError, `a ProtocolError, got ${String(error)}`);
    return error;
  }
  assert.fail('the change was not refused');
}

const park = { operator: 'Park', station: 'desk-1', pin: PIN } as const;

describe('settings handlers', () => {
  test('only a supervisor, with the PIN, may change settings; nothing is written otherwise', async () => {
    const r = await rig();
    try {
      const before = readFileSync(settingsPath(r.dataDir), 'utf8');
      const change = { section: 'thresholds', changes: { coPpm: 30 } } as const;
      const operator = await refusal(r.handlers['settings.update']({ ...change, operator: 'Kim', station: 'desk-1' }));
      assert.deepEqual([operator.code, operator.reason], ['FORBIDDEN', 'SUPERVISOR_REQUIRED']);
      const noPin = await refusal(r.handlers['settings.update']({ ...change, operator: 'Park', station: 'desk-1' }));
      assert.deepEqual([noPin.code, noPin.reason], ['UNAUTHORIZED', 'PIN_REQUIRED']);
      const wrongPin = await refusal(r.handlers['settings.update']({ ...change, operator: 'Park', station: 'desk-1', pin: '0000' }));
      assert.deepEqual([wrongPin.code, wrongPin.reason], ['UNAUTHORIZED', 'PIN_MISMATCH']);
      const importer = await refusal(r.handlers['registry.import']({ operator: 'Kim', text: 'id,zone\nD1,A' }));
      assert.equal(importer.reason, 'SUPERVISOR_REQUIRED');
      assert.equal(readFileSync(settingsPath(r.dataDir), 'utf8'), before, 'settings.json untouched');
      assert.equal(r.engine.config.thresholds.coPpm, 17);
      assert.equal(r.fleet.length, 0);
      assert.equal(r.h.service.journalEntries({ limit: 10 }).filter((e) => e.action === 'settings_change').length, 0);
    } finally {
      r.close();
    }
  });

  test('an invalid value is refused with its field named, and the file stays as it was', async () => {
    const r = await rig();
    try {
      const before = readFileSync(settingsPath(r.dataDir), 'utf8');
      const cases: Array<[Parameters<SettingsHandlers['settings.update']>[0], string]> = [
        [{ ...park, section: 'thresholds', changes: { temperatureC: { high: 70 } } }, 'scoring.thresholds.temperatureC.critical'],
        [{ ...park, section: 'thresholds', changes: { coPpm: 'lots' as unknown as number } }, 'scoring.thresholds.coPpm'],
        [{ ...park, section: 'retention', changes: { raw_days: 0 } }, 'storage.raw_days'],
        [{ ...park, section: 'connections', changes: [{ id: 'plant', url: 'http://broker.local' }] }, 'mqtt.connections[0].url'],
        [{ ...park, section: 'connections', changes: [{ id: 'plant', url: 'mqtt://b', qos: 2 as 1 }] }, 'mqtt.connections[0].qos'],
        [{ ...park, section: 'connections', changes: [{ id: 'aws', url: 'mqtts://x.iot.amazonaws.com:8883', cert_file: '/no/such/cert.pem', key_file: '/no/such/key.pem' }] }, 'mqtt.connections[0].cert_file'],
        [{ ...park, section: 'operators', changes: { list: [{ name: 'Park', role: 'operator' }] } }, 'alarms.operators'],
        [{ ...park, section: 'operators', changes: { list: [{ name: 'Park', role: 'boss' as 'supervisor' }] } }, 'alarms.operators[0].role'],
        [{ ...park, section: 'language', changes: 'fr' as 'en' }, 'ui.language'],
      ];
      for (const [params, field] of cases) {
        const error = await refusal(r.handlers['settings.update'](params));
        assert.equal(error.code, 'BAD_REQUEST');
        assert.equal(error.reason, 'INVALID_SETTINGS');
        assert.ok(error.issues?.some((i) => i.field === field), `${field} named in ${JSON.stringify(error.issues)}`);
      }
      assert.equal(readFileSync(settingsPath(r.dataDir), 'utf8'), before);
      assert.equal(r.policies.length, 0);
    } finally {
      r.close();
    }
  });

  test('a threshold change is written atomically, read back, applied live, recorded and journaled', async () => {
    const r = await rig();
    try {
      const result = await r.handlers['settings.update']({ ...park, section: 'thresholds', changes: { temperatureC: { high: 55 }, coPpm: 25 }, comment: 'new detectors' });
      assert.equal(result.applied, true);
      assert.deepEqual(result.restart_required, []);
      assert.equal(result.settings.thresholds.temperatureC.high, 55);
      assert.equal(result.settings.thresholds.temperatureC.critical, 60, 'the rest keeps its value');
      // The file holds what the site chose (no defaults poured in) and nothing half-written is left.
      const file = JSON.parse(readFileSync(settingsPath(r.dataDir), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(file.scoring, { thresholds: { temperatureC: { high: 55 }, coPpm: 25 } });
      assert.deepEqual(file.site, { name: 'Plant 7' });
      assert.equal(file.storage, undefined);
      assert.deepEqual(readdirSync(r.dataDir).filter((f) => f.includes('.tmp')), []);
      assert.equal(loadSettings(r.dataDir).scoring.thresholds !== undefined, true);
      // Live: the scoring engine now scores with the new threshold.
      assert.equal(r.engine.config.thresholds.temperatureC.high, 55);
      assert.equal(r.engine.config.thresholds.coPpm, 25);
      const got = await r.handlers['settings.get']({});
      assert.equal(got.thresholds.coPpm, 25);
      // Journaled with who, where and why; recorded so the next start does not journal it again.
      const entry = r.h.service.journalEntries({ limit: 10 }).find((e) => e.action === 'settings_change');
      assert.ok(entry);
      assert.equal(entry.operator, 'Park');
      assert.equal(entry.station, 'desk-1');
      assert.match(entry.comment ?? '', /scoring\.thresholds.*new detectors/);
      const recorded = r.h.db.prepare('SELECT source, settings FROM settings_history ORDER BY id DESC LIMIT 1').get() as { source: string; settings: string };
      assert.equal(recorded.source, 'settings screen');
      assert.equal((JSON.parse(recorded.settings) as { scoring: { coPpm?: number; thresholds: { coPpm: number } } }).scoring.thresholds.coPpm, 25);
    } finally {
      r.close();
    }
  });

  test('retention, operators, the language and connections apply live; what could not be applied waits for a restart', async () => {
    const r = await rig();
    try {
      const retention = await r.handlers['settings.update']({ ...park, section: 'retention', changes: { raw_days: 14 } });
      assert.equal(retention.applied, true);
      assert.equal(r.policies.at(-1)?.rawDays, 14);
      const operators = await r.handlers['settings.update']({
        ...park,
        section: 'operators',
        changes: { list: [{ name: 'Park', role: 'supervisor' }, { name: 'Kim', role: 'supervisor', pin: '1357' }] },
      });
      assert.equal(operators.applied, true);
      assert.deepEqual(operators.settings.operators.list, [
        { name: 'Park', role: 'supervisor', has_pin: true },
        { name: 'Kim', role: 'supervisor', has_pin: true },
      ]);
      // Kim is a supervisor now, with the PIN just set.
      const language = await r.handlers['settings.update']({ operator: 'Kim', station: 'desk-2', pin: '1357', section: 'language', changes: 'ko' });
      assert.equal(language.applied, true);
      assert.deepEqual(language.restart_required, []);
      assert.deepEqual(r.languages, ['ko']);
      const connections = await r.handlers['settings.update']({ ...park, section: 'connections', changes: [{ id: 'plant', url: 'mqtt://broker.local:1883', topics: ['fire-prediction/device/+/data'], qos: 1 }] });
      assert.equal(connections.applied, true);
      assert.deepEqual(connections.restart_required, []);
      assert.deepEqual(r.connectionLists, [[{ id: 'plant', url: 'mqtt://broker.local:1883' }]]);
      assert.equal(loadSettings(r.dataDir).mqtt.connections[0]?.url, 'mqtt://broker.local:1883');
      // Saved but not taken up (a connection could not start): the screen is told a restart is due.
      const refused = await r.handlers['settings.update']({ ...park, section: 'connections', changes: [{ id: 'plant', url: 'mqtt://unreachable-cert.local:8883', topics: ['fire-prediction/device/+/data'], qos: 1 }] });
      assert.equal(refused.applied, false);
      assert.deepEqual(refused.restart_required, ['connections']);
      assert.deepEqual((await r.handlers['settings.get']({})).restart_required, ['connections']);
      assert.equal(loadSettings(r.dataDir).mqtt.connections[0]?.url, 'mqtt://unreachable-cert.local:8883');
    } finally {
      r.close();
    }
  });

  test('a language given by --language stays in effect: a saved one waits for a start without the flag', async () => {
    const r = await rig({ languageOverriddenBy: '--language' });
    try {
      assert.equal((await r.handlers['settings.get']({})).language_overridden_by, '--language');
      const language = await r.handlers['settings.update']({ ...park, section: 'language', changes: 'ko' });
      assert.equal(language.applied, false);
      assert.deepEqual(language.restart_required, ['language']);
      assert.deepEqual(r.languages, [], 'the running console was not switched');
      assert.equal(loadSettings(r.dataDir).ui.language, 'ko', 'but the choice is saved');
    } finally {
      r.close();
    }
  });

  test('removing a PIN removes the one a first sign-in stored too', async () => {
    const r = await rig();
    try {
      await r.h.service.signIn({ station: 'desk-2', operator: 'Kim', pin: '9753' });
      await r.h.service.signOut({ station: 'desk-2' });
      assert.equal((await r.handlers['settings.get']({})).operators.list.find((o) => o.name === 'Kim')?.has_pin, true);
      const result = await r.handlers['settings.update']({
        ...park,
        section: 'operators',
        changes: { list: [{ name: 'Park', role: 'supervisor' }, { name: 'Kim', role: 'operator', clear_pin: true }] },
      });
      assert.equal(result.settings.operators.list.find((o) => o.name === 'Kim')?.has_pin, false);
      const view = await r.h.service.signIn({ station: 'desk-2', operator: 'Kim' });
      assert.equal(view.operator, 'Kim', 'Kim signs in without a PIN now');
    } finally {
      r.close();
    }
  });

  test('secrets are kept out of settings.json, out of the answers and out of the journal', async () => {
    const r = await rig();
    try {
      const password = 'hunter2-secret';
      const result = await r.handlers['settings.update']({
        ...park,
        section: 'connections',
        changes: [{ id: 'aws', url: 'mqtts://example-ats.iot.ap-northeast-2.amazonaws.com:8883', username: 'console', password, alpn: ['x-amzn-mqtt-ca'] }],
      });
      const view = result.settings.connections[0];
      assert.equal(view?.has_password, true);
      const settingsText = readFileSync(settingsPath(r.dataDir), 'utf8');
      assert.ok(!settingsText.includes(password), 'the password is not in settings.json');
      const saved = loadSettings(r.dataDir).mqtt.connections[0];
      assert.ok(saved?.password_file !== undefined && existsSync(saved.password_file));
      assert.equal(readFileSync(saved.password_file, 'utf8'), password);
      assert.equal(statSync(saved.password_file).mode & 0o077, 0, 'only the console user may read it');
      // A later change without a password keeps the saved one.
      await r.handlers['settings.update']({ ...park, section: 'connections', changes: [{ id: 'aws', url: 'mqtts://example-ats.iot.ap-northeast-2.amazonaws.com:8883', username: 'console2' }] });
      assert.equal(loadSettings(r.dataDir).mqtt.connections[0]?.password_file, saved.password_file);
      const got = JSON.stringify(await r.handlers['settings.get']({}));
      for (const secret of [password, 'scrypt$', 'pin_hash', 'password_file', PIN]) assert.ok(!got.includes(secret), `${secret} not in settings.get`);
      const journal = JSON.stringify(r.h.service.journalEntries({ limit: 20 }));
      assert.ok(!journal.includes(password));
    } finally {
      r.close();
    }
  });

  test('a registry import applies all rows or none, naming each bad row by its line', async () => {
    const r = await rig();
    try {
      const bad = 'device_id,name,zone,x,y\nDEV0001,Panel A,B1/F1,1,2\n,Panel B,B1/F1,,\nDEV0001,Again,B1/F2,,\nDEV0004,Panel D,B1/F2,abc,3\n';
      const error = await refusal(r.handlers['registry.import']({ ...park, text: bad }));
      assert.equal(error.reason, 'INVALID_REGISTRY');
      assert.deepEqual(
        error.issues?.map((i) => [i.line, i.field]),
        [
          [3, 'id'],
          [4, 'id'],
          [5, 'x'],
        ],
      );
      assert.equal(r.fleet.length, 0, 'nothing applied');
      assert.equal(r.registry.load().length, 0, 'nothing stored');
      const good = 'id,name,building,floor\nDEV0001,"Panel A, east",Main,1\nDEV0002,Panel B,Main,2\n';
      const result = await r.handlers['registry.import']({ ...park, text: good, comment: 'survey of March' });
      assert.deepEqual(result, { applied: true, format: 'csv', devices: 2, zones: 2 });
      assert.deepEqual(r.fleet[0]?.map((e) => [e.id, e.name, e.zone]), [
        ['DEV0001', 'Panel A, east', 'Main / 1'],
        ['DEV0002', 'Panel B', 'Main / 2'],
      ]);
      assert.deepEqual(r.registry.load().map((e) => e.id), ['DEV0001', 'DEV0002']);
      const entry = r.h.service.journalEntries({ limit: 10 }).find((e) => e.action === 'settings_change');
      assert.match(entry?.comment ?? '', /registry import.*2 devices.*survey of March/);
      const json = await r.handlers['registry.import']({ ...park, format: 'json', text: JSON.stringify({ devices: [{ id: 'DEV0009', zone: 'Z', position: { x: 1, y: 2 } }] }) });
      assert.equal(json.devices, 1);
      const jsonBad = await refusal(r.handlers['registry.import']({ ...park, text: JSON.stringify([{ id: 'A' }, { name: 'no id' }]) }));
      assert.deepEqual(jsonBad.issues?.map((i) => [i.line, i.field]), [[2, 'devices[1].id']]);
    } finally {
      r.close();
    }
  });

  test('the answer of settings.get carries every section', async () => {
    const r = await rig();
    try {
      const got = await r.handlers['settings.get']({});
      assert.equal(got.file, join(r.dataDir, 'settings.json'));
      assert.deepEqual(got.connections, []);
      assert.equal(got.connections_overridden_by, null);
      assert.equal(got.language_overridden_by, null);
      assert.equal(got.thresholds.temperatureC.critical, 60);
      assert.equal(got.retention.raw_days, 7);
      assert.equal(got.language, 'en');
      assert.deepEqual(got.operators.list.map((o) => [o.name, o.role, o.has_pin]), [
        ['Park', 'supervisor', true],
        ['Kim', 'operator', false],
      ]);
    } finally {
      r.close();
    }
  });
});
