import assert from 'node:assert/strict';
import { BatchWriteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toItem } from '../../electron/host/cloud/attribute-values';
import type { CloudLink } from '../../electron/host/cloud/cloud-link';
import { startCloudLink } from '../../electron/host/cloud/cloud-link';
import { FileSecretBox } from '../../electron/host/cloud/file-secret-box';
import { asyncBox, isSealed } from '../../electron/host/cloud/secret-box';
import { rawDataRecord } from '../../electron/host/cloud/table-items';
import { loadSettings } from '../../electron/host/config/settings-file';
import { FleetState } from '../../electron/host/fleet/fleet-state';
import type { Logger } from '../../electron/host/log/logger';
import { READING_FLAG_CLOUD, flagsOf } from '../../electron/host/store/reading-codec';
import { DEFAULT_ALARM_CONFIG, applyAlarmEvent, alarmPoint, devicePoint, newAlarmRecord } from '../../shared/alarms/index';
import type { AlarmRecord } from '../../shared/alarms/index';
import type { ScoredReading } from '../../shared/scoring';
import type { Dynalite } from '../support/dynalite';
import { TEST_CREDENTIALS, createSeedTables, scanAll, startDynalite } from '../support/dynalite';
import { waitFor } from '../support/serve-process';
import type { TimedReading } from '../unit/store/helpers';
import { START_MS, openStore, simulatedReadings } from '../unit/store/helpers';

// The cloud link against a real DynamoDB-compatible server (dynalite), with the seed's tables:
// mirroring a stream, an outage in the middle of it, alarms and acknowledgements, backfill of a
// gap, and the cloud's fleet and alerts read back.

const TABLES = { raw_data: 'FirePrediction-RawData-test', device_state: 'FirePrediction-DeviceState-test', alerts: 'FirePrediction-Alerts-test' };

interface LogLine { readonly level: string; readonly message: string; readonly fields: string }

function recordingLog(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const add = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>): void => void lines.push({ level, message, fields: JSON.stringify(fields ?? {}) });
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

function raised(target: string, source: Parameters<typeof devicePoint>[1], at: number, zone = false): AlarmRecord {
  const point = zone ? alarmPoint(target, source) : devicePoint(target, source);
  const outcome = applyAlarmEvent(newAlarmRecord(point, at, { zone: zone ? target : 'B1' }), { type: 'condition_active', at, value: 1, message: `${source} at ${target}`, risk_score: 0.9 }, DEFAULT_ALARM_CONFIG);
  assert.ok(outcome.ok);
  return outcome.alarm;
}

describe('cloud link with a real DynamoDB-compatible server (dynalite)', () => {
  let server: Dynalite;
  let link: CloudLink;
  const log = recordingLog();
  const opened = openStore();
  const fleet = new FleetState<ScoredReading>();
  const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-cloud-'));
  let siteId = '';
  // Three devices, 120 s at one reading a second, scored in one run.
  const stream = simulatedReadings({ devices: 3, seconds: 119, scenario: 'mix:1', seed: 5 });
  const firstHalf = stream.filter((r) => r.reading.timestamp_ms < START_MS + 60_000);
  const secondHalf = stream.filter((r) => r.reading.timestamp_ms >= START_MS + 60_000);

  function ingest(readings: ReadonlyArray<TimedReading>): void {
    for (const { reading, receivedAtMs } of readings) {
      fleet.applyReading(reading, receivedAtMs);
      opened.store.writer.addReading(reading, receivedAtMs);
      link.observeReading(reading);
    }
  }

  before(async () => {
    server = await startDynalite();
    await createSeedTables(server.client, TABLES);
    // Entered in plain text, as an operator would; the link seals it on start.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
      cloud: {
        enabled: true,
        endpoint: server.endpoint,
        region: 'ap-northeast-2',
        access_key_id: TEST_CREDENTIALS.accessKeyId,
        secret_access_key: TEST_CREDENTIALS.secretAccessKey,
        environment: 'test',
        mirror: { readings: true, device_state: true, state_every_s: 1 },
        poll_s: 3600,
      },
    }));
    siteId = (opened.db.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string }).value;
    link = await startCloudLink({
      settings: loadSettings(dataDir).cloud,
      env: {},
      dataDir,
      console: { id: siteId, name: 'Test site' },
      db: opened.db,
      writer: opened.store.writer,
      fleet,
      totalAlarms: (id) => fleet.info(id, Date.now())?.total_alarms ?? 0,
      scoring: {},
      secrets: asyncBox(FileSecretBox.inDataDir(dataDir)),
      log,
      breakerOpenMs: 300,
      retryBaseMs: 20,
      retryMaxMs: 200,
    });
  });

  after(async () => {
    await link?.stop();
    opened.store.close();
    opened.db.close();
    server.client.destroy();
    await server.stop();
  });

  it('sealed the secret entered in settings.json before using it', () => {
    const written = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { cloud: { secret_access_key: string } };
    assert.ok(isSealed(written.cloud.secret_access_key));
    assert.ok(log.lines.every((l) => !l.fields.includes(TEST_CREDENTIALS.secretAccessKey) && !l.message.includes(TEST_CREDENTIALS.secretAccessKey)));
  });

  it('mirrors a stream: every reading to RawData in the seed\'s format, each device\'s state to DeviceState', async () => {
    ingest(firstHalf);
    await link.settle();
    const raw = await scanAll(server.client, TABLES.raw_data);
    assert.equal(raw.length, firstHalf.length);
    const one = raw.find((i) => i.device_id?.S === firstHalf[0]?.reading.device_id && i.timestamp?.S === firstHalf[0]?.reading.timestamp);
    assert.ok(one, 'the first reading is there under its key');
    assert.ok(one.voltage?.N && one.co_gas?.N && one.ttl?.N);
    assert.ok(one.alarm_status?.M?.total_alarm_count?.N);
    assert.ok(one.risk_indicators?.M?.total_risk_score?.N);
    const state = await scanAll(server.client, TABLES.device_state);
    assert.equal(state.length, 3);
    const health = link.health();
    assert.equal(health.enabled, true);
    assert.equal(health.outbox_depth, 0);
    assert.equal(health.breaker, 'closed');
  });

  it('through an outage mid-stream: writes wait in the outbox, the breaker opens and closes, nothing is lost or duplicated', async () => {
    const midway = Math.floor(secondHalf.length / 2);
    ingest(secondHalf.slice(0, midway));
    await server.stop();
    ingest(secondHalf.slice(midway));
    await link.settle();
    await waitFor('the breaker to open', async () => (link.health().breaker === 'open' ? true : undefined), 20_000);
    const during = link.health();
    assert.ok(during.outbox_depth > 0, 'writes are waiting');
    assert.ok(during.oldest_entry !== null);
    assert.match(String(during.last_error), /ECONNREFUSED|socket|connect/i);

    await server.start();
    await waitFor('the outbox to drain', async () => (link.health().outbox_depth === 0 ? true : undefined), 30_000);
    assert.equal(link.health().breaker, 'closed');
    const raw = await scanAll(server.client, TABLES.raw_data);
    assert.equal(raw.length, stream.length, 'every reading, once');
    assert.equal(new Set(raw.map((i) => `${i.device_id?.S}|${i.timestamp?.S}`)).size, stream.length);
    assert.equal((opened.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n, stream.length);
    const newest = new Map<string, string>();
    for (const { reading } of stream) if ((newest.get(reading.device_id) ?? '') < reading.timestamp) newest.set(reading.device_id, reading.timestamp);
    for (const item of await scanAll(server.client, TABLES.device_state)) {
      assert.equal(item.last_seen?.S, newest.get(item.device_id?.S ?? ''), 'the newest state is the one that stayed');
    }
    const transitions = log.lines.filter((l) => l.message === 'cloud unreachable: cloud calls paused' || l.message === 'cloud reachable again').map((l) => l.message);
    assert.deepEqual(transitions.slice(0, 1), ['cloud unreachable: cloud calls paused']);
    assert.equal(transitions.at(-1), 'cloud reachable again');
  });

  it('writes alarms and acknowledgements to Alerts, once each, however often they are replayed', async () => {
    const at = START_MS + 30_000;
    const arc = raised('DEV0001', 'arc_alarm', at);
    const current = raised('DEV0001', 'overcurrent', at);
    const cluster = raised('B1', 'HIGH_RISK_CLUSTER', at + 1000, true);
    const acked = applyAlarmEvent(arc, { type: 'acknowledge', at: at + 60_000, actor: { operator: 'kim', station: 'desk-1', role: 'operator' }, comment: 'electrician on the way' }, DEFAULT_ALARM_CONFIG);
    assert.ok(acked.ok);
    for (const alarm of [arc, current, cluster, acked.alarm]) await link.recordAlarm(alarm);
    // A replay of the activation (a restart re-sending its outbox) after the acknowledgement.
    await link.recordAlarm(arc);
    // The same, with the server away while they wait.
    await server.stop();
    await link.recordAlarm(current);
    await link.recordAlarm(acked.alarm);
    await server.start();
    await waitFor('the alerts to be sent', async () => (link.health().outbox_depth === 0 ? true : undefined), 30_000);
    const rows = await scanAll(server.client, TABLES.alerts);
    assert.equal(rows.length, 3, 'one row per alarm presentation');
    const arcRow = rows.find((r) => r.alarm_id?.S === arc.id);
    assert.equal(arcRow?.acknowledged_by?.S, 'kim');
    assert.equal(arcRow?.comment?.S, 'electrician on the way');
    assert.equal(arcRow?.state?.S, 'acknowledged');
    assert.equal(Date.parse(arcRow?.alert_timestamp?.S ?? ''), at);
    assert.ok(rows.some((r) => r.device_id?.S === 'zone:B1' && r.alarm_id?.S === cluster.id));
  });

  it('backfills a gap from RawData when a device page opens, storing no reading twice', async () => {
    // Another console (or the seed's Lambda) wrote readings this console never received.
    const elsewhere = simulatedReadings({ devices: 1, seconds: 299, scenario: 'mix:1', seed: 9, startMs: Date.now() - 300_000 });
    const id = elsewhere[0]?.reading.device_id as string;
    const renamed = elsewhere.map(({ reading }) => ({ ...reading, device_id: `REMOTE-${id}` }));
    const items = renamed.map((r) => ({ PutRequest: { Item: toItem(rawDataRecord(r, { id: 'other-console', name: 'B' }, Date.now())) } }));
    for (let i = 0; i < items.length; i += 25) await server.client.send(new BatchWriteItemCommand({ RequestItems: { [TABLES.raw_data]: items.slice(i, i + 25) } }));
    // This console has the first and last minute of it; the middle three are a hole.
    const kept = renamed.filter((r, i) => i < 60 || i >= 240);
    for (const r of kept) opened.store.writer.addReading(r, r.timestamp_ms + 50);
    await opened.store.writer.settled();
    link.deviceOpened(`REMOTE-${id}`);
    await link.settle();
    const rows = opened.db
      .prepare('SELECT r.ts, r.codes FROM readings r JOIN device_keys k USING (device_key) WHERE k.device_id = ? ORDER BY r.ts')
      .all(`REMOTE-${id}`) as Array<{ ts: number; codes: number }>;
    assert.equal(rows.length, renamed.length);
    assert.equal(new Set(rows.map((r) => r.ts)).size, rows.length);
    assert.equal(rows.filter((r) => (flagsOf(r.codes) & READING_FLAG_CLOUD) !== 0).length, renamed.length - kept.length);
    assert.ok(link.health().backfilled >= renamed.length - kept.length);
    link.deviceOpened(`REMOTE-${id}`);
    await link.settle();
    assert.equal((opened.db.prepare('SELECT count(*) AS n FROM readings r JOIN device_keys k USING (device_key) WHERE k.device_id = ?').get(`REMOTE-${id}`) as { n: number }).n, renamed.length);
  });

  it('reads the cloud\'s fleet and other consoles\' alerts', async () => {
    const now = Date.now();
    await server.client.send(new PutItemCommand({
      TableName: TABLES.device_state,
      Item: toItem({ device_id: 'CLOUD-7', last_seen: new Date(now - 10_000).toISOString(), current_risk_level: 'CRITICAL', current_risk_score: 0.91, last_temperature: 71.5, last_arc_count: 4, total_alarms: 12, last_status_bits: 2048 + 64, last_idx: 88 }),
    }));
    await server.client.send(new PutItemCommand({
      TableName: TABLES.alerts,
      Item: toItem({ device_id: 'CLOUD-7', alert_timestamp: new Date(now - 9_000).toISOString().replace('Z', ''), alert_level: 'CRITICAL', alert_type: 'ARC_DETECTED', risk_score: 0.91, message: 'arc at CLOUD-7', resolved: false, ttl: 1 }),
    }));
    await link.pollNow();
    const summary = fleet.summary('CLOUD-7', now);
    assert.equal(summary?.source, 'cloud');
    assert.equal(summary?.risk_level, 'CRITICAL');
    assert.equal(summary?.temperature, 71.5);
    assert.equal(fleet.counts(now).distribution.CRITICAL >= 1, true);
    assert.equal(fleet.summary(stream[0]?.reading.device_id as string, now)?.source, 'local');
    const alerts = link.alerts?.recent(50) ?? [];
    assert.ok(alerts.some((a) => a.device_id === 'CLOUD-7' && a.source === 'cloud' && a.alert_type === 'ARC_DETECTED'));
    assert.ok(alerts.every((a) => a.device_id !== 'DEV0001'), 'this console\'s own rows are not read back as someone else\'s');
    assert.equal(link.health().cloud_devices, 4);
  });
});

describe('the cloud outbox across a restart of the console', () => {
  it('what waited for the cloud when the console stopped is sent after it starts again, once', async () => {
    const server = await startDynalite();
    await createSeedTables(server.client, TABLES);
    const dataDir = mkdtempSync(join(tmpdir(), 'emberwatch-cloud-restart-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({
      cloud: { enabled: true, endpoint: server.endpoint, access_key_id: TEST_CREDENTIALS.accessKeyId, secret_access_key: TEST_CREDENTIALS.secretAccessKey, environment: 'test', mirror: { readings: true }, poll_s: 3600 },
    }));
    const file = join(dataDir, 'emberwatch.db');
    const start = async (): Promise<{ link: CloudLink; store: ReturnType<typeof openStore> }> => {
      const store = openStore(file);
      const link = await startCloudLink({
        settings: loadSettings(dataDir).cloud,
        env: {},
        dataDir,
        console: { id: 'restart-test', name: 'R' },
        db: store.db,
        writer: store.store.writer,
        fleet: new FleetState(),
        totalAlarms: () => 0,
        scoring: {},
        secrets: asyncBox(FileSecretBox.inDataDir(dataDir)),
        log: recordingLog(),
        breakerOpenMs: 200,
        retryBaseMs: 20,
        retryMaxMs: 200,
      });
      return { link, store };
    };
    const readings = simulatedReadings({ devices: 2, seconds: 29, seed: 3 });
    try {
      await server.stop();
      const first = await start();
      for (const { reading, receivedAtMs } of readings) {
        first.store.store.writer.addReading(reading, receivedAtMs);
        first.link.observeReading(reading);
      }
      await first.link.settle();
      const waiting = first.link.health().outbox_depth;
      assert.ok(waiting > 0);
      await first.link.stop();
      first.store.store.close();
      first.store.db.close();

      const second = await start();
      assert.equal(second.link.health().outbox_depth, waiting, 'kept across the restart');
      await server.start();
      await waitFor('the outbox to drain after the restart', async () => (second.link.health().outbox_depth === 0 ? true : undefined), 30_000);
      const raw = await scanAll(server.client, TABLES.raw_data);
      assert.equal(raw.length, readings.length);
      await second.link.stop();
      second.store.store.close();
      second.store.db.close();
    } finally {
      server.client.destroy();
      await server.stop();
    }
  });
});
