import type { AnalyticsEvent } from '../../../shared/analytics/types';
import type { AlarmView } from '../../../shared/alarms/api-view';
import type { AlarmConfig } from '../../../shared/alarms/config';
import type { ChainVerification, JournalEntry } from '../../../shared/alarms/journal';
import type { AlarmStateFilter } from '../../../shared/alarms/record';
import { isStanding } from '../../../shared/alarms/record';
import type { AnalyticsEventName, ConsoleSource } from '../../../shared/alarms/sources';
import type { Actor, AlarmRecord, OperatorRole } from '../../../shared/alarms/types';
import type { AckAllResult, AlarmItem, AlarmsSnapshot, AlarmsStatus, AlertSummary, KpiResponse, SharingView, StationView } from '../../../shared/protocol';
import type { ScoredReading } from '../../../shared/scoring';
import type { OperatorSettings } from '../config/settings';
import { ActorResolver } from './actor-resolver';
import { AlarmEscalator } from './alarm-escalator';
import { AlarmHistory } from './alarm-history';
import { AlarmJournal } from './alarm-journal';
import { AlarmMemory } from './alarm-memory';
import { AlarmPushes } from './alarm-pushes';
import { AlarmReads } from './alarm-reads';
import type { AlarmServiceDeps } from './alarm-service-deps';
import { AlarmStatusBoard } from './alarm-status';
import type { toStationSoundView, toTransitionView } from './alarm-views';
import { AlarmWriter } from './alarm-writer';
import { ConditionIntake } from './condition-intake';
import type { ActionRequest, ActionType } from './operator-actions';
import { OperatorActions } from './operator-actions';
import { OperatorDirectory } from './operator-directory';
import { RECENT_WINDOW_MS } from './recent-transitions';
import { StationPresence } from './station-presence';
import { StationRegistry } from './station-registry';
import { StationSessions } from './station-sessions';
import { StationSharing } from './station-sharing';

export type { AlarmEventSink, AlarmServiceDeps } from './alarm-service-deps';
export type { ActionRequest, ActionType } from './operator-actions';
export { rejectionError } from './operator-actions';
export { API_STATION } from './request-params';
export { AUDIO_GRACE_MS, STATION_GONE_MS } from './station-presence';

// The alarm system in the host: conditions from every scored reading, analytics event, device
// silence and the console's own trouble go through the shared state machine; operator actions,
// silence and sign-in are checked and journaled; every change is committed (synchronous=FULL)
// before it is answered or shown; open alarms come back after a restart in their states.
//
// Memory is the live picture and the database its durable copy. Condition changes are applied at
// once and committed in the next group (an alarm is never held back by the disk: if a write fails
// it is shown anyway, `store_failing` is raised and the write is retried until it succeeds).
// Operator actions are answered only after their commit.
//
// This class is the one face the host, the handlers and the tests see; each job is in its own
// file beside it, and the parts are wired here.

export class AlarmService {
  readonly config: AlarmConfig;
  private readonly deps: AlarmServiceDeps;
  private readonly directory: OperatorDirectory;
  private readonly writer: AlarmWriter;
  private readonly memory: AlarmMemory;
  private readonly stations: StationRegistry;
  private readonly conditions: ConditionIntake;
  private readonly escalator: AlarmEscalator;
  private readonly statusBoard: AlarmStatusBoard;
  private readonly pushes: AlarmPushes;
  private readonly presence: StationPresence;
  private readonly actors: ActorResolver;
  private readonly stationSharing: StationSharing;
  private readonly journal: AlarmJournal;
  private readonly sessions: StationSessions;
  private readonly actions: OperatorActions;
  private readonly reads: AlarmReads;
  private readonly alarmHistory: AlarmHistory;
  private stopped = false;

  constructor(deps: AlarmServiceDeps) {
    this.deps = deps;
    const config = deps.setup.config;
    this.config = config;
    this.directory = new OperatorDirectory(deps.setup.operators, deps.setup.defaultRole, (name) => deps.tables.operatorPinHash(name));
    // The writer calls back only after a commit (a later turn), when every part below exists.
    this.writer = new AlarmWriter(deps, {
      record: (id) => this.memory.records.get(id),
      stationRow: (name, now) => this.stations.row(name, now),
      settled: (changed) => this.pushes.changed(changed),
    });
    this.memory = new AlarmMemory(deps, this.writer);
    this.stations = new StationRegistry(deps.setup.wallDisplays, this.directory);
    this.conditions = new ConditionIntake(deps, config, this.memory);
    this.escalator = new AlarmEscalator(deps, config, this.memory, this.writer);
    this.statusBoard = new AlarmStatusBoard(deps, config, this.memory, this.stations);
    this.pushes = new AlarmPushes(deps, this.memory, this.statusBoard, this.escalator);
    this.presence = new StationPresence(deps, this.stations, this.conditions, this.writer, this.statusBoard);
    this.actors = new ActorResolver(deps, this.directory, this.stations);
    // The journal reaches sharing only once an entry is written (a later turn), so sharing, which
    // journals what other stations did, can be made after it.
    this.journal = new AlarmJournal(deps, this.writer, (actionId, alarmId, event) => this.stationSharing.publishAction(actionId, alarmId, event));
    this.stationSharing = new StationSharing(deps, config, this.memory, this.writer, this.journal);
    this.sessions = new StationSessions(deps, config, this.memory, this.stations, this.directory, this.actors, this.journal, this.writer);
    this.actions = new OperatorActions(deps, config, this.memory, this.actors, this.journal, this.writer);
    this.reads = new AlarmReads({
      deps,
      config,
      memory: this.memory,
      pushes: this.pushes,
      statusBoard: this.statusBoard,
      stations: this.stations,
      sharing: this.stationSharing,
      directory: this.directory,
      writer: this.writer,
    });
    this.alarmHistory = new AlarmHistory(deps.tables, config, this.memory);
  }

  // ---- start ------------------------------------------------------------------------------------

  /** Puts back what the database holds: alarms in their states, stations, applied ids, escalations. */
  restore(): { readonly alarms: number; readonly standing: number } {
    const now = this.deps.now();
    const { tables } = this.deps;
    this.memory.restore(tables.loadAlarms(), now);
    this.stations.restore(tables.loadStations());
    this.stationSharing.restore(tables.loadAppliedActions(now - 2 * this.config.stationMessages.maxAgeMs));
    this.escalator.restore(tables.loadEscalationKeys());
    this.memory.recent.replace(tables.transitions({ fromMs: now - RECENT_WINDOW_MS, toMs: Number.MAX_SAFE_INTEGER }));
    this.conditions.restore();
    let standing = 0;
    for (const record of this.memory.records.values()) if (isStanding(record.state)) standing += 1;
    return { alarms: this.memory.records.size, standing };
  }

  stop(): void {
    this.stopped = true;
    this.writer.stop();
    this.statusBoard.stop();
  }

  // ---- conditions -------------------------------------------------------------------------------

  /**
   * Every scored reading. `newestTs` is the device's newest event time including this reading: an
   * older reading is a backlog, and only its activations that newer data has cleared are news (late).
   */
  observeReading(reading: ScoredReading, receivedAtMs: number, context: { readonly zone?: string | null; readonly newestTs: number | null }): void {
    this.conditions.observeReading(reading, receivedAtMs, context);
  }

  observeAnalytics(event: AnalyticsEvent): void {
    this.conditions.observeAnalytics(event);
  }

  /** Clears analytics alarms whose rule has re-armed (null from `activeNow`: target unknown, kept). */
  rearmAnalytics(activeNow: (scope: 'device' | 'zone', target: string) => ReadonlyArray<AnalyticsEventName> | null): void {
    this.conditions.rearmAnalytics(activeNow);
  }

  /** Device silence (receive time): `lost` is communication loss by silence or by status ≥ 4096. */
  observeLiveness(entries: ReadonlyArray<{ readonly deviceId: string; readonly lost: boolean; readonly zone: string | null }>): void {
    this.conditions.observeLiveness(entries);
  }

  /** The console's own trouble: monitoring lost, store failing (host), audio not armed (a station). */
  setConsoleCondition(source: ConsoleSource, active: boolean, options: { readonly target?: string; readonly message?: string } = {}): void {
    this.conditions.setConsoleCondition(source, active, options);
  }

  consoleConditionActive(source: ConsoleSource, target?: string): boolean {
    return this.conditions.consoleConditionActive(source, target);
  }

  /** Alarm writes failing now (the message), or null. */
  writeError(): string | null {
    return this.writer.writeError();
  }

  // ---- stations and operators -------------------------------------------------------------------

  stationView(name: string): StationView {
    return this.stations.view(name);
  }

  /** A station says it is there: wall display or not, whether its audio is armed. */
  hello(params: { readonly station?: unknown; readonly kiosk?: unknown; readonly audio_armed?: unknown }): StationView {
    return this.presence.hello(params);
  }

  signIn(params: { readonly station?: unknown; readonly operator?: unknown; readonly pin?: unknown }): Promise<StationView> {
    return this.sessions.signIn(params);
  }

  signOut(params: { readonly station?: unknown }): Promise<StationView> {
    return this.sessions.signOut(params);
  }

  /** Silence at one station: the alarms sounding there now stop sounding there (not acknowledged). */
  silence(params: { readonly station?: unknown; readonly operator?: unknown; readonly pin?: unknown; readonly comment?: unknown }): Promise<{ station: string; sound: ReturnType<typeof toStationSoundView> }> {
    return this.sessions.silence(params);
  }

  /** The settings screen saved new operators and roles: they apply from the next action on. */
  applyOperators(operators: ReadonlyArray<OperatorSettings>, defaultRole: Exclude<OperatorRole, 'supervisor'>): void {
    this.directory.replace(operators, defaultRole);
    this.statusBoard.publish(true);
  }

  /** Operators may change thresholds only as supervisors (for the settings screen). */
  requireSupervisor(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<Actor> {
    return this.actors.requireSupervisor(params);
  }

  // ---- operator actions and sharing -------------------------------------------------------------

  act(type: ActionType, request: ActionRequest): Promise<AlarmView> {
    return this.actions.act(type, request);
  }

  /** "Acknowledge all visible": the ids the station shows, or every alarm waiting for one. */
  ackAll(request: { readonly ids?: unknown; readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown; readonly comment?: unknown }): Promise<AckAllResult> {
    return this.actions.ackAll(request);
  }

  sharing(): SharingView {
    return this.stationSharing.view();
  }

  /** A message from another station; resolves once its effect (if any) is committed. */
  receiveStationMessage(topic: string, payload: Uint8Array): Promise<void> {
    return this.stationSharing.receive(topic, payload);
  }

  /** Journals a settings change (settings.json at start, or a settings screen) with who and why. */
  journalSettingsChange(actor: { readonly operator: string; readonly station: string; readonly role?: OperatorRole }, comment: string | null): Promise<void> {
    this.journal.write('settings_change', { operator: actor.operator, station: actor.station, role: actor.role ?? 'supervisor' }, null, comment, null);
    return this.writer.settle();
  }

  // ---- timers -----------------------------------------------------------------------------------

  /** Everything that follows the console's clock; the host calls it every second (tests: when they like). */
  tick(): void {
    if (this.stopped) return;
    const now = this.deps.now();
    this.actions.expireShelves(now);
    this.escalator.escalate(now);
    this.presence.sweep(now);
    this.pushes.valuesDue(now);
    this.memory.recent.trim(now);
    this.statusBoard.publish(true);
  }

  // ---- reads ------------------------------------------------------------------------------------

  /** Flood, chattering and every live station's sound. */
  status(now = this.deps.now()): AlarmsStatus {
    return this.statusBoard.status(now);
  }

  list(filter?: AlarmStateFilter, deviceId?: string): ReadonlyArray<AlarmRecord> {
    return this.reads.list(filter, deviceId);
  }

  get(id: string): AlarmItem | null {
    return this.reads.get(id);
  }

  snapshot(stationParam: unknown): AlarmsSnapshot {
    return this.reads.snapshot(stationParam);
  }

  /** `recent_alerts`: the newest presentations of device and zone alarms, in the seed's alert shape. */
  recentAlerts(limit: number, deviceId?: string): ReadonlyArray<AlertSummary> {
    return this.reads.recentAlerts(limit, deviceId);
  }

  history(query: { readonly fromMs: number; readonly toMs: number; readonly deviceId?: string; readonly limit: number }): ReturnType<typeof toTransitionView>[] {
    return this.alarmHistory.transitions(query);
  }

  journalEntries(query: { readonly sinceMs?: number; readonly deviceId?: string; readonly limit: number }): ReadonlyArray<JournalEntry> {
    return this.alarmHistory.journalEntries(query);
  }

  verifyJournal(): ChainVerification {
    return this.alarmHistory.verifyJournal();
  }

  kpis(fromMs: number, toMs: number): KpiResponse {
    return this.alarmHistory.kpis(fromMs, toMs);
  }

  counts(): { readonly standing: number; readonly unacknowledged: number; readonly unsaved: number } {
    return this.reads.counts();
  }

  /** Every alarm record, as held in memory now. */
  allRecords(): ReadonlyArray<AlarmRecord> {
    return [...this.memory.records.values()];
  }

  /** Waits until everything queued so far is committed. */
  whenSettled(): Promise<void> {
    return this.writer.settle();
  }
}
