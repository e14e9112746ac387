import { join } from 'node:path';
import type { ConnectionHealth, ProtocolHandlers } from '../../shared/protocol';
import type { ScoredReading, ScoringEngine } from '../../shared/scoring';
import { createScoringEngine, generateAlertMessage } from '../../shared/scoring';
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
import { RiskAlertLog } from './fleet/risk-alerts';
import type { HostStartOptions } from './host-api';
import { IngestPipeline } from './ingest/ingest-pipeline';
import { MqttConnection } from './ingest/mqtt-connection';
import { QuarantineLog } from './ingest/quarantine';
import type { Logger } from './log/logger';
import { createLogger } from './log/logger';
import { createConsoleService } from './service/console-service';
import { startDeviceChangePublisher } from './service/device-changes';
import { MonitoringWatch } from './service/monitoring-watch';
import { EventHub } from './service/event-hub';
import { DATABASE_FILE_NAME, openDatabase, readSiteId } from './store/database';
import { DeviceRegistryStore } from './store/device-registry-store';
import { LocalStore } from './store/local-store';
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

/**
 * Starts the host: settings, store, scoring, ingestion (a configured broker, or the embedded demo
 * broker with its simulated fleet), and the service layer. Imports nothing from Electron.
 */
export async function createHostCore(options: HostStartOptions): Promise<HostCore> {
  const flags = parseHostArgs(options.argv);
  const dataDir = resolveDataDir(flags, options.env, options.defaultDataDir);
  const settings = loadSettings(dataDir);
  const config = resolveHostConfig(flags, options.env, settings, dataDir);
  const log = createLogger(dataDir);
  const startedAtMs = Date.now();
  const dbFile = join(dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(dbFile, options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {});
  const registryStore = new DeviceRegistryStore(db);
  const siteId = readSiteId(db);
  const store = new LocalStore(db, dbFile, {
    retention: retentionFromSettings(settings.storage),
    writer: { onError: (error, what) => log.error(`store: ${what}`, { error: error.message }) },
  });

  const engine: ScoringEngine = createScoringEngine({ config: config.scoring });
  const fleet = new FleetState<ScoredReading>();
  fleet.applyRegistry(registryStore.load());
  // Scores continue as if there had been no restart: each device's last hour goes back into the engine.
  const restored = store.restore({ engine, onDevice: (device) => fleet.restoreDevice(device) });
  if (restored.devices > 0) log.info('history restored', { devices: restored.devices, readings: restored.readings });
  const quarantine = new QuarantineLog();
  const alerts = new RiskAlertLog((reading) => generateAlertMessage(reading, config.language));
  const hub = new EventHub();
  const analytics = createAnalyticsRunner({
    registry: registryStore.load(),
    onEvent: (event) => hub.emit('analytics.event', { event }),
    onError: (error, deviceId) => log.error('stream analytics failed', { device: deviceId, error: String(error) }),
  });
  const ingest = new IngestPipeline(engine, fleet, quarantine, {
    onReading: (reading, receivedAtMs) => {
      alerts.observe(reading);
      analytics.observe(reading, receivedAtMs);
    },
    onRegistry: (entries) => {
      analytics.applyRegistry(entries);
      store.writer
        .run(() => registryStore.save(entries, 'mqtt', new Date().toISOString()))
        .catch((error: unknown) => log.error('could not save the device registry', { error: String(error) }));
    },
  }, store.writer);

  let broker: EmbeddedBroker | null = null;
  let stopSimulator: (() => Promise<void>) | null = null;
  const connectionSettings = [...config.connections];
  if (config.demo) {
    broker = await startEmbeddedBroker();
    // aedes speaks MQTT 3.1.1; a demo needs no session kept across restarts.
    connectionSettings.push({ id: 'demo', url: broker.url, topics: [DEVICE_DATA_TOPIC], qos: 1, protocol_version: 4, clean_session: true });
    log.info('demo fleet: embedded broker started', { url: broker.url, devices: config.demo.devices });
  } else if (connectionSettings.length === 0) {
    log.warn('no MQTT connection configured and the demo is off: the console starts empty');
  }

  const connections: MqttConnection[] = [];
  const publishConnections = (): void => {
    const now = Date.now();
    hub.emit('connections.changed', { connections: connections.map((c) => c.health(now)) });
  };
  for (const settingsOfConnection of connectionSettings) {
    const connection = new MqttConnection(
      settingsOfConnection,
      // Stable across restarts, so the broker keeps our persistent session while we are away.
      `emberwatch-${siteId.slice(0, 8)}-${settingsOfConnection.id}`,
      (id, topic, payload, at, ack) => {
        ingest.handle(id, topic, payload, at);
        ack();
      },
      log,
      publishConnections,
    );
    connections.push(connection);
    connection.start();
  }

  if (broker && config.demo) {
    const simulator = await startSimulator({
      url: broker.url,
      devices: config.demo.devices,
      periodS: config.demo.periodS,
      zones: config.demo.zones,
      seed: config.demo.seed,
      // A demo should show trouble within minutes of starting, not after an hour of calm.
      scenario: 'mix:0.15',
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
      if (state.lost) log.error('monitoring lost', { reason: state.reason, detail: state.detail });
      else log.info('monitoring restored');
    }
  };
  updateMonitoring();
  const monitoringTimer = setInterval(updateMonitoring, MONITORING_CHECK_MS);
  monitoringTimer.unref();

  const handlers = createConsoleService({
    version: CONSOLE_VERSION,
    startedAtMs,
    demoBrokerUrl: broker?.url ?? null,
    fleet,
    ingest,
    quarantine,
    alerts,
    analytics,
    connections: (now): ReadonlyArray<ConnectionHealth> => connections.map((c) => c.health(now)),
    monitoring: () => {
      updateMonitoring();
      return monitoring.current();
    },
    storeStats: () => store.health(),
    store,
    recommendations: (info, history) => deviceRecommendations(info, history, config.language),
    analysis: (reading) => readingAnalysis(reading, config.language),
    now: () => Date.now(),
  });

  const stopPublisher = startDeviceChangePublisher(fleet, (event, payload) => hub.emit(event, payload));
  const stopStoreUpkeep = store.startMaintenance({ onError: (error) => log.error('store upkeep failed', { error: error.message }) });
  store.recordSettings(settings, 'settings.json').catch((error: unknown) => log.error('could not record the settings', { error: String(error) }));
  const healthTimer = setInterval(() => {
    if (hub.size() === 0) return;
    handlers['health.get']({}).then((health) => hub.emit('health.changed', { health }), () => {});
  }, HEALTH_PUSH_INTERVAL_MS);
  healthTimer.unref();

  log.info('host started', { version: CONSOLE_VERSION, dataDir, demo: config.demo !== null, connections: connectionSettings.length });

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
      await Promise.all(connections.map((c) => c.stop()));
      if (broker) await broker.close();
      stopStoreUpkeep();
      store.close();
      db.close();
      log.info('host stopped');
    },
  };
}
