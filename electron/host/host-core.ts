import { join } from 'node:path';
import type { ConnectionHealth, ProtocolHandlers } from '../../shared/protocol';
import { scoringView } from '../../shared/protocol';
import type { Language, ScoredReading } from '../../shared/scoring';
import { startHostAlarms } from './alarms/host-alarms';
import { createAnalyticsRunner } from './analytics/analytics-runner';
import { parseHostArgs } from './config/parse-args';
import type { HostConfig } from './config/resolve-config';
import { DEVICE_DATA_TOPIC, resolveDataDir, resolveHostConfig } from './config/resolve-config';
import { loadSettings } from './config/settings-file';
import { startEmbeddedBroker } from './demo/embedded-broker';
import type { EmbeddedBroker } from './demo/embedded-broker';
import { startSimulator } from './demo/run-simulator';
import { FleetState } from './fleet/fleet-state';
import { deviceRecommendations, readingAnalysis } from './fleet/recommendations';
import type { HostStartOptions } from './host-api';
import { IngestPipeline } from './ingest/ingest-pipeline';
import { ConnectionSet } from './ingest/connection-set';
import type { MessageHandler } from './ingest/mqtt-connection';
import { MqttConnection } from './ingest/mqtt-connection';
import type { ConnectionSettings } from './config/settings';
import { QuarantineLog } from './ingest/quarantine';
import type { Logger } from './log/logger';
import { createLogger, logsDir, logsUsage } from './log/logger';
import { BackupManager } from './backup/backup-manager';
import { createBackupHandlers } from './backup/backup-handlers';
import { OperatorDirectory } from './alarms/operator-directory';
import { createConsoleService } from './service/console-service';
import { createHostSettingsHandlers } from './service/host-settings';
import { createLiveScoringEngine } from './service/live-scoring';
import { startDeviceChangePublisher } from './service/device-changes';
import { MonitoringWatch } from './service/monitoring-watch';
import { storeFlowControl } from './ingest/flow-control';
import { PipelineMetrics } from './service/pipeline-metrics';
import { EventHub } from './service/event-hub';
import { DATABASE_FILE_NAME, openDatabase, readSiteId } from './store/database';
import { createReportHandlers } from './reports/report-handlers';
import { DeviceRegistryStore } from './store/device-registry-store';
import { FIRST_SWEEP_AFTER_MS, LocalStore, RETENTION_EVERY_MS } from './store/local-store';
import { liveRetentionHealth } from './store/retention-health';
import { diskSpace } from './service/disk-space';
import { SystemHealthWatch, thresholdsFromSettings } from './service/system-health-watch';
import { mergedAlertList } from './cloud/cloud-alert-log';
import type { CloudLink } from './cloud/cloud-link';
import { startCloudLink } from './cloud/cloud-link';
import type { AlarmItemLike } from './cloud/table-items';
import { FileSecretBox } from './cloud/file-secret-box';
import { asyncBox, boxWithFallback } from './cloud/secret-box';
import { withCloudHooks } from './cloud/service-hooks';
import { retentionFromSettings } from './store/retention';
import { CONSOLE_VERSION } from './version';

/** Everything a face (serve mode, the desktop port) needs from a running host. */
export interface HostCore {
  readonly config: HostConfig;
  readonly handlers: ProtocolHandlers;
  readonly hub: EventHub;
  readonly log: Logger;
  readonly version: string;
  stop(): Promise<void>;
}

const HEALTH_PUSH_INTERVAL_MS = 2000;
const MONITORING_CHECK_MS = 2000;
/** The longest window the stream analytics keeps (the hour of temperature statistics). */
const ANALYTICS_WARM_UP_MS = 60 * 60 * 1000;

/**
 * Starts the host: settings, store, scoring, ingestion (a configured broker, or the embedded demo
 * broker with its simulated fleet), and the service layer. Imports nothing from Electron.
 */
export async function createHostCore(options: HostStartOptions): Promise<HostCore> {
  const flags = parseHostArgs(options.argv);
  const dataDir = resolveDataDir(flags, options.env, options.defaultDataDir);
  const settings = loadSettings(dataDir);
  const config = resolveHostConfig(flags, options.env, settings, dataDir);
  // The console's own language; a supervisor may change it in settings while the host runs.
  let language: Language = config.language;
  const log = createLogger(dataDir, {
    level: settings.logs.level,
    rotation: { maxBytes: settings.logs.max_file_mb * 1_000_000, maxFiles: settings.logs.files },
  });
  const startedAtMs = Date.now();
  const dbFile = join(dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(dbFile, options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {});
  const registryStore = new DeviceRegistryStore(db);
  const siteId = readSiteId(db);
  // Backups (issue 11): on the schedule of settings `backup`, and on demand (backup.create).
  const backups = new BackupManager({
    db,
    dataDir,
    settings: settings.backup,
    siteId,
    log,
    ...(options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {}),
  });
  const metrics = new PipelineMetrics();
  const retentionPolicy = retentionFromSettings(settings.storage);
  const store = new LocalStore(db, dbFile, {
    retention: retentionPolicy,
    writer: {
      onError: (error, what) => log.error(`store: ${what}`, { error: error.message }),
      onCommit: (info) => {
        if (info.kind === 'rows') metrics.commit(info.commitMs, info.items, Date.now());
      },
    },
  });

  // Live: the settings screen's thresholds make a new engine, its histories seeded from the store.
  const engine = createLiveScoringEngine(config.scoring, (next) => void store.restore({ engine: next }));
  const fleet = new FleetState<ScoredReading>();
  fleet.applyRegistry(registryStore.load());
  // Scores continue as if there had been no restart: each device's last hour goes back into the engine.
  const restored = store.restore({ engine, onDevice: (device) => fleet.restoreDevice(device) });
  if (restored.devices > 0) log.info('history restored', { devices: restored.devices, readings: restored.readings });
  const quarantine = new QuarantineLog();
  const hub = new EventHub();
  const analytics = createAnalyticsRunner({
    registry: registryStore.load(),
    onEvent: (event) => {
      alarms.observeAnalytics(event);
      hub.emit('analytics.event', { event });
      store.writer.addEvent(event, Date.now());
    },
    onError: (error, deviceId) => log.error('stream analytics failed', { device: deviceId, error: String(error) }),
  });
  // The analytics' hour of windows comes back from the store too, in event-time order across devices
  // so that zone correlations see what they saw before the restart.
  const warmed = store.replayRecent(ANALYTICS_WARM_UP_MS, 'time', (reading, receivedAtMs) => analytics.warmUp(reading, receivedAtMs));
  if (warmed > 0) log.info('stream analytics rebuilt from the store', { readings: warmed });
  // The alarm system (issue 7): fed below by ingest, analytics, liveness and the console's own health.
  // The broker connections in effect: one array, changed in place when the settings change them.
  // They are made further down, once ingest and the alarm system exist.
  const connectionSet = new ConnectionSet<MqttConnection>(
    (settingsOfConnection) => makeConnection(settingsOfConnection),
    (live) => connectionsChanged(live),
  );
  const connections: ReadonlyArray<MqttConnection> = connectionSet.live;
  let cloudLink: CloudLink | null = null;
  // The composite system-health alarm (issue 11): judged on the alarm system's tick.
  const systemHealth = new SystemHealthWatch({
    connections: (now) => connections.map((c) => c.health(now)),
    store: () => store.health(),
    metrics: (now) => metrics.snapshot(now),
    cloud: () => cloudLink?.health() ?? null,
    disk: () => diskSpace(dataDir),
    memory: () => {
      const m = process.memoryUsage();
      return { rss_bytes: m.rss, heap_used_bytes: m.heapUsed, heap_total_bytes: m.heapTotal, external_bytes: m.external };
    },
  }, thresholdsFromSettings(settings.health));
  const alarms = startHostAlarms({
    db,
    writer: store.writer,
    settings,
    dataDir,
    env: options.env,
    consoleId: siteId,
    language: () => language,
    siteName: config.siteName,
    fleet,
    analytics,
    emit: (event, payload) => {
      hub.emit(event, payload as never);
      // Committed alarm changes go to the cloud's Alerts table too (the link starts just below).
      if (event === 'alarms.changed') cloudLink?.alarmsChanged((payload as { readonly alarms: ReadonlyArray<AlarmItemLike> }).alarms);
    },
    quarantine: (entry) => {
      quarantine.add(entry);
      store.writer.addQuarantine(entry);
    },
    monitoring: () => monitoring.current(),
    systemHealth: (standing) => systemHealth.poll(standing),
    lastMessageAt: () => connections.reduce<number | null>((newest, c) => {
      const at = c.lastMessageAt();
      return at !== null && (newest === null || at > newest) ? at : newest;
    }, null),
    startedAtMs,
    log,
  });
  // The cloud link (issue 9): off unless settings enable it; then DynamoDB through the outbox.
  const cloud = await startCloudLink({
    settings: settings.cloud,
    env: options.env,
    dataDir,
    console: { id: siteId, name: config.siteName },
    db,
    writer: store.writer,
    fleet,
    totalAlarms: (deviceId) => fleet.info(deviceId, Date.now())?.total_alarms ?? 0,
    scoring: config.scoring,
    // The desktop app's safeStorage (through main), else (or where it is unavailable) a key file.
    secrets: options.secrets
      ? boxWithFallback(options.secrets, asyncBox(FileSecretBox.inDataDir(dataDir)))
      : asyncBox(FileSecretBox.inDataDir(dataDir)),
    log,
  });
  cloudLink = cloud;
  const ingest = new IngestPipeline(engine, fleet, quarantine, {
    onReading: (reading, receivedAtMs) => {
      alarms.observeReading(reading, receivedAtMs);
      cloud.observeReading(reading);
      analytics.observe(reading, receivedAtMs);
    },
    onRegistry: (entries) => {
      analytics.applyRegistry(entries);
      store.writer
        .run(() => registryStore.save(entries, 'mqtt', new Date().toISOString()))
        .catch((error: unknown) => log.error('could not save the device registry', { error: String(error) }));
    },
  }, store.writer, metrics);

  let broker: EmbeddedBroker | null = null;
  let stopSimulator: (() => Promise<void>) | null = null;
  let demoConnection: ConnectionSettings | null = null;
  if (config.demo) {
    broker = await startEmbeddedBroker();
    // aedes speaks MQTT 3.1.1; a demo needs no session kept across restarts.
    demoConnection = { id: 'demo', url: broker.url, topics: [DEVICE_DATA_TOPIC], qos: 1, protocol_version: 4, clean_session: true };
    log.info('demo fleet: embedded broker started', { url: broker.url, devices: config.demo.devices });
  } else if (config.connections.length === 0) {
    log.warn('no MQTT connection configured and the demo is off: the console starts empty');
  }

  // Every connection stops reading while the store is behind, whatever the broker's window.
  const flow = storeFlowControl(store.writer);
  const publishConnections = (): void => {
    const now = Date.now();
    hub.emit('connections.changed', { connections: connections.map((c) => c.health(now)) });
  };
  // A QoS 1 message is acknowledged only once its reading (or quarantine entry) is committed;
  // a failed commit leaves it unacknowledged, and the broker delivers it again.
  const onMessage: MessageHandler = (id, topic, payload, at, ack) =>
    alarms.isStationTopic(topic)
      ? void alarms.handleStationMessage(id, topic, payload, at).then(() => ack())
      : ingest.handle(id, topic, payload, at, ack);
  const makeConnection = (settingsOfConnection: ConnectionSettings): MqttConnection =>
    new MqttConnection(
      settingsOfConnection,
      // Stable across restarts, so the broker keeps our persistent session while we are away.
      `emberwatch-${siteId.slice(0, 8)}-${settingsOfConnection.id}`,
      onMessage,
      log,
      publishConnections,
      flow,
    );
  const connectionsChanged = (live: ReadonlyArray<MqttConnection>): void => {
    // A connection started by a settings change subscribes to the alarm stations' topic too.
    alarms.attachConnections(live);
    publishConnections();
  };
  if (demoConnection !== null) connectionSet.startFixed(demoConnection);
  await connectionSet.apply(config.connections);
  alarms.attachConnections(connections);

  if (broker && config.demo) {
    const simulator = await startSimulator({
      url: broker.url,
      devices: config.demo.devices,
      periodS: config.demo.periodS,
      zones: config.demo.zones,
      seed: config.demo.seed,
      // A demo should show trouble within minutes of starting, not after an hour of calm (settings demo.scenario).
      scenario: config.demo.scenario,
      mixStaggerS: 120,
      onError: (error) => log.warn('demo simulator', { error: error.message }),
    });
    stopSimulator = () => simulator.stop();
  }

  const monitoring = new MonitoringWatch(startedAtMs);
  const updateMonitoring = (): void => {
    const lastMessages = connections.map((c) => c.lastMessageAt()).filter((t): t is number => t !== null);
    const changed = monitoring.update({
      nowMs: Date.now(),
      connections: connections.length,
      connected: connections.filter((c) => c.isConnected()).length,
      lastMessageAtMs: lastMessages.length > 0 ? Math.max(...lastMessages) : null,
    });
    if (changed) {
      const state = monitoring.current();
      cloud.monitoringChanged(state.lost, Date.now());
      if (state.lost) log.error('monitoring lost', { reason: state.reason, detail: state.detail });
      else log.info('monitoring restored');
    }
  };
  updateMonitoring();
  const monitoringTimer = setInterval(updateMonitoring, MONITORING_CHECK_MS);
  monitoringTimer.unref();

  // Roles of named operators for backup.create (the alarm system's rule: a viewer only watches).
  const operatorRoles = new OperatorDirectory(settings.alarms.operators, settings.alarms.default_role, () => null);
  const handlers = withCloudHooks(createConsoleService({
    version: CONSOLE_VERSION,
    startedAtMs,
    demoBrokerUrl: broker?.url ?? null,
    fleet,
    ingest,
    quarantine,
    alerts: mergedAlertList(alarms, cloud.alerts),
    alarmHandlers: alarms.handlers,
    alarmHealth: () => alarms.health(),
    cloud: () => cloud.health(),
    analytics,
    connections: (now): ReadonlyArray<ConnectionHealth> => connections.map((c) => c.health(now)),
    pendingAcks: () => connections.reduce((n, c) => n + c.pendingAcks(), 0),
    metrics: () => metrics.snapshot(Date.now()),
    monitoring: () => {
      updateMonitoring();
      return monitoring.current();
    },
    storeStats: () => store.health(),
    backupHandlers: createBackupHandlers(backups, {
      stationView: (station) => alarms.service.stationView(station),
      role: (name) => operatorRoles.role(name),
      canonicalName: (name) => operatorRoles.canonicalName(name),
    }),
    backups: () => backups.health(),
    settingsHandlers: createHostSettingsHandlers({
      dataDir,
      settings,
      connectionsOverriddenBy: flags.mqttUrl !== undefined ? '--mqtt-url' : (options.env.EMBERWATCH_MQTT_URL ?? '').trim() !== '' ? 'EMBERWATCH_MQTT_URL' : null,
      db,
      alarms: alarms.service,
      operatorRoles: [operatorRoles],
      engine,
      retention: store.retention,
      registry: {
        fleet,
        analytics,
        save: (entries) => store.writer.run(() => registryStore.save(entries, 'import', new Date().toISOString())),
      },
      record: (value, source) => store.recordSettings(value, source),
      clearStoredPins: (names) =>
        store.writer.durable((w) => {
          for (const name of names) w.prepare('UPDATE alarm_operators SET pin_hash = NULL WHERE name = ? COLLATE NOCASE').run(name);
        }),
      log,
      publish: (change) => hub.emit('settings.changed', change),
      // A --language flag decides the language for as long as the console runs with it.
      languageOverriddenBy: flags.language !== undefined ? '--language' : null,
      language: (next: Language): void => {
        language = next;
      },
      connections: async (list) => {
        const changes = await connectionSet.apply(list);
        log.info('mqtt connections changed by settings', { ...changes });
      },
    }),
    reportHandlers: createReportHandlers({
      db,
      site: () => config.siteName,
      language: () => language,
      now: () => Date.now(),
      alarmConfig: alarms.service.config,
      alarms: () => alarms.service.allRecords(),
      // Read for every report: the thresholds drawn are the ones scored with, also after a live change.
      scoringConfig: () => engine.config,
    }),
    logs: () => logsUsage(logsDir(dataDir)),
    // The sweeper's policy, which the settings screen may have changed since the start.
    retention: () => liveRetentionHealth(store.retention, { startedAtMs, firstAfterMs: FIRST_SWEEP_AFTER_MS, everyMs: RETENTION_EVERY_MS }, Date.now()),
    scoring: () => scoringView(engine.config),
    disk: () => diskSpace(dataDir),
    systemHealth: () => systemHealth.view(),
    store,
    recommendations: (info, history) => deviceRecommendations(info, history, language),
    analysis: (reading) => readingAnalysis(reading, language),
    now: () => Date.now(),
  }), cloud);

  const stopPublisher = startDeviceChangePublisher(fleet, (event, payload) => hub.emit(event, payload));
  backups.start();
  const stopStoreUpkeep = store.startMaintenance({ onError: (error) => log.error('store upkeep failed', { error: error.message }) });
  alarms
    .recordSettings((value, source) => store.recordSettings(value, source), 'settings.json')
    .catch((error: unknown) => log.error('could not record the settings', { error: String(error) }));
  const healthTimer = setInterval(() => {
    if (hub.size() === 0) return;
    handlers['health.get']({}).then((health) => hub.emit('health.changed', { health }), () => {});
  }, HEALTH_PUSH_INTERVAL_MS);
  healthTimer.unref();

  log.info('host started', { version: CONSOLE_VERSION, dataDir, demo: config.demo !== null, connections: connections.length });

  let stopped = false;
  return {
    config,
    handlers,
    hub,
    log,
    version: CONSOLE_VERSION,
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      clearInterval(healthTimer);
      analytics.stop();
      clearInterval(monitoringTimer);
      stopPublisher();
      if (stopSimulator) await stopSimulator();
      await connectionSet.stopAll();
      if (broker) await broker.close();
      // Whatever is still queued for the cloud stays in the outbox, for the next start.
      await cloud.stop();
      alarms.stop();
      // A backup in flight is abandoned (its partial file removed) before the database closes.
      await backups.stop();
      stopStoreUpkeep();
      store.close();
      db.close();
      log.info('host stopped');
    },
  };
}
