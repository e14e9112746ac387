import type { AnalyticsEvent } from '../../../shared/analytics/types';
import { toAlarmView } from '../../../shared/alarms/api-view';
import type { AlarmView } from '../../../shared/alarms/api-view';
import { chatteringPoints } from '../../../shared/alarms/chattering';
import type { AlarmConfig } from '../../../shared/alarms/config';
import {
  analyticsCondition,
  backlogUpdates,
  conditionEvent,
  consoleCondition,
  deriveReadingConditions,
  livenessCondition,
  rearmedAnalytics,
} from '../../../shared/alarms/derive';
import { escalationKey } from '../../../shared/alarms/escalation';
import { floodStatus } from '../../../shared/alarms/flood';
import type { JournalAction, JournalEntry } from '../../../shared/alarms/journal';
import { verifyChain } from '../../../shared/alarms/journal';
import type { ChainVerification } from '../../../shared/alarms/journal';
import { computeAlarmKpis } from '../../../shared/alarms/kpi';
import type { AlarmPoint } from '../../../shared/alarms/points';
import { alarmPoint, parseAlarmPointId } from '../../../shared/alarms/points';
import type { AlarmStateFilter } from '../../../shared/alarms/record';
import { isAudible, isStanding, isUnacknowledged, matchesStateFilter, newAlarmRecord } from '../../../shared/alarms/record';
import type { StationSilence } from '../../../shared/alarms/silence';
import { emptySilence, silenceStation, stationSound } from '../../../shared/alarms/silence';
import type { AnalyticsEventName, ConsoleSource } from '../../../shared/alarms/sources';
import { sourceCategory } from '../../../shared/alarms/sources';
import { applyAlarmEvent } from '../../../shared/alarms/state-machine';
import type { StationEvent } from '../../../shared/alarms/station-messages';
import {
  applyStationMessage,
  encodeStationMessage,
  signStationMessage,
  stationActionFor,
  stationEventsTopic,
  verifyStationMessage,
} from '../../../shared/alarms/station-messages';
import type { StationMessageRefusal } from '../../../shared/alarms/station-messages';
import { suppressedSources, designSuppressionChanges } from '../../../shared/alarms/suppression';
import type { Actor, AlarmEvent, AlarmRecord, AlarmRejection, AlarmTransition, ConditionUpdate, OperatorRole, Priority, ShelveRequest } from '../../../shared/alarms/types';
import type {
  AckAllResult,
  AlarmItem,
  AlarmsSnapshot,
  AlarmsStatus,
  AlertSummary,
  KpiResponse,
  SharingView,
  StationView,
} from '../../../shared/protocol';
import { ProtocolError } from '../../../shared/protocol';
import type { Language, ScoredReading } from '../../../shared/scoring';
import type { AlarmBatch, AlarmTables, BatchResult, StationRow, TransitionRow } from './alarm-tables';
import type { AlarmSetup } from './alarm-setup';
import { toAlarmItem, toAlertSummary, toChatteringView, toFloodView, toStationSoundView, toTransitionView } from './alarm-views';
import { escalationOutboxRows } from './escalation-messages';
import { OperatorDirectory } from './operator-directory';
import type { OperatorSettings } from '../config/settings';
import type { Waiter } from './pending-batch';
import { PendingBatch } from './pending-batch';
import { MAX_PIN_LENGTH, hashPin, verifyPin } from './pin-hash';

// The alarm system in the host: conditions from every scored reading, analytics event, device
// silence and the console's own trouble go through the shared state machine; operator actions,
// silence and sign-in are checked and journaled; every change is committed (synchronous=FULL)
// before it is answered or shown; open alarms come back after a restart in their states.
//
// Memory is the live picture and the database its durable copy. Condition changes are applied at
// once and committed in the next group (an alarm is never held back by the disk: if a write fails
// it is shown anyway, `store_failing` is raised and the write is retried until it succeeds).
// Operator actions are answered only after their commit.

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATE_RANK: Readonly<Record<AlarmRecord['state'], number>> = {
  unacknowledged: 0,
  rtn_unacknowledged: 1,
  acknowledged: 2,
  shelved: 3,
  suppressed: 4,
  out_of_service: 5,
  normal: 6,
};
/** Transitions kept in memory for the flood and chattering figures. */
const RECENT_WINDOW_MS = 2 * 3_600_000;
const RECENT_MAX = 100_000;
/** A station that has not said hello for this long is gone: its own trouble (audio) clears. */
export const STATION_GONE_MS = 45_000;
/** Value-only changes (a reading's new temperature on a standing alarm) are pushed at most this often. */
const VALUE_PUSH_MS = 2_000;
const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];
/** The station named by REST calls that give none. */
export const API_STATION = 'api';
const MAX_COMMENT = 2000;
/**
 * A page's audio context starts suspended and runs a moment later where autoplay is allowed: only
 * audio still not armed after this long is trouble (else every page load would raise it).
 */
export const AUDIO_GRACE_MS = 10_000;
/** Status (flood, chattering, sound per station) is worked out at most this often under a burst. */
const STATUS_MIN_INTERVAL_MS = 50;

export type AlarmEventSink = {
  (event: 'alarms.changed', payload: { readonly alarms: ReadonlyArray<AlarmItem> }): void;
  (event: 'alarms.status', payload: { readonly status: AlarmsStatus }): void;
};

export interface AlarmServiceDeps {
  readonly tables: AlarmTables;
  /** Commits a batch durably (synchronous=FULL) and returns the journal entries written. */
  readonly persist: (batch: AlarmBatch) => Promise<BatchResult>;
  readonly setup: AlarmSetup;
  /** This console's identity (the database's site id): shared action ids are `{consoleId}/{seq}`. */
  readonly consoleId: string;
  readonly site: string;
  readonly language: Language;
  readonly now: () => number;
  readonly emit: AlarmEventSink;
  /** The device's newest reading (escalation messages carry its sensor data). */
  readonly latestReading?: (deviceId: string) => ScoredReading | null;
  /** The zone a device belongs to now (for device alarms raised by analytics). */
  readonly zoneOf?: (deviceId: string) => string | null;
  /** Publishes a signed station message (MQTT); absent or without a site key, sharing is off. */
  readonly share?: (topic: string, payload: string) => void;
  /** A station message refused: the host quarantines it with the reason. */
  readonly quarantine?: (topic: string, payload: Uint8Array, reason: StationMessageRefusal, detail: string) => void;
  readonly log?: { warn(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void };
  /** Tests: retry delays after a failed write (default 0.5 s … 30 s); timers are the host's. */
  readonly scheduleRetry?: (run: () => void, delayMs: number) => void;
}

interface StationState {
  readonly station: string;
  operator: string | null;
  wallDisplay: boolean;
  silence: StationSilence;
  audioArmed: boolean | null;
  /** Since when the station has said its audio is not armed (raised after AUDIO_GRACE_MS). */
  audioUnarmedSince: number | null;
  /** Console clock of the last hello; null for a station known only from the database. */
  lastSeen: number | null;
}

export type ActionType = 'acknowledge' | 'shelve' | 'unshelve' | 'reset' | 'remove_from_service' | 'return_to_service';

export interface ActionRequest {
  readonly id: string;
  readonly operator?: string | undefined;
  readonly station?: string | undefined;
  readonly comment?: string | null | undefined;
  readonly pin?: string | undefined;
  readonly minutes?: number | undefined;
  readonly one_shot?: boolean | undefined;
}

const HTTP_CODES = { 400: 'BAD_REQUEST', 403: 'FORBIDDEN', 409: 'CONFLICT' } as const;

export function rejectionError(rejection: AlarmRejection): ProtocolError {
  return new ProtocolError(HTTP_CODES[rejection.http_status], rejection.message, rejection.code);
}

function cleanComment(comment: string | null | undefined): string | null {
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string') throw new ProtocolError('BAD_REQUEST', 'comment must be a string', 'INVALID_COMMENT');
  const trimmed = comment.trim();
  if (trimmed.length > MAX_COMMENT) throw new ProtocolError('BAD_REQUEST', `comment is longer than ${MAX_COMMENT} characters`, 'INVALID_COMMENT');
  return trimmed === '' ? null : trimmed;
}

function asText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ProtocolError('BAD_REQUEST', `${name} must be a string`);
  return value;
}

function sortAlarms(a: AlarmRecord, b: AlarmRecord): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    (b.activated_at ?? b.last_change_at) - (a.activated_at ?? a.last_change_at) ||
    (a.id < b.id ? -1 : 1)
  );
}

/** A reading that can raise something, before the fixed cost of deriving every condition. */
function mayRaise(reading: ScoredReading, receivedAtMs: number, config: AlarmConfig): boolean {
  return (
    reading.alarm_status.total_alarm_count > 0 ||
    reading.alarm_status.communication_error ||
    reading.risk_level === 'HIGH' ||
    reading.risk_level === 'CRITICAL' ||
    reading.validation.errors.length > 0 ||
    reading.timestamp_ms - receivedAtMs > config.clockSkewMs
  );
}

export class AlarmService {
  readonly config: AlarmConfig;
  private readonly deps: AlarmServiceDeps;
  private readonly directory: OperatorDirectory;
  private readonly records = new Map<string, AlarmRecord>();
  /** Device id → its alarms whose condition is active (readings of a quiet device are skipped). */
  private readonly activeByDevice = new Map<string, number>();
  private readonly stations = new Map<string, StationState>();
  private readonly appliedActions = new Set<string>();
  private readonly escalated = new Set<string>();
  /** Console clock when each presentation began (escalation runs on it, not on device clocks). */
  private readonly presentedAt = new Map<string, number>();
  private readonly riskAlertType = new Map<string, string>();
  private recent: AlarmTransition[] = [];
  private suppressedNow: ReadonlySet<string> = new Set();
  private pending = new PendingBatch();
  private flushScheduled = false;
  private retryIndex = 0;
  private retryPending = false;
  private writeFailed: string | null = null;
  private readonly valueChanged = new Set<string>();
  private lastValuePush = 0;
  private lastStatusJson = '';
  private lastStatusAt = 0;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private chatteringIds: ReadonlySet<string> = new Set();
  private readonly sharingStats = { published: 0, applied: 0, duplicates: 0, quarantined: 0 };
  private stopped = false;

  constructor(deps: AlarmServiceDeps) {
    this.deps = deps;
    this.config = deps.setup.config;
    this.directory = new OperatorDirectory(deps.setup.operators, deps.setup.defaultRole, (name) => deps.tables.operatorPinHash(name));
  }

  // ---- start ------------------------------------------------------------------------------------

  /** Puts back what the database holds: alarms in their states, stations, applied ids, escalations. */
  restore(): { readonly alarms: number; readonly standing: number } {
    const now = this.deps.now();
    for (const record of this.deps.tables.loadAlarms()) {
      this.records.set(record.id, record);
      if (record.condition_active) this.countActive(record, 1);
      if (record.state === 'unacknowledged' && record.activated_at !== null) {
        this.presentedAt.set(escalationKey(record), Math.min(record.activated_at, now));
      }
    }
    for (const row of this.deps.tables.loadStations()) {
      this.stations.set(row.station, {
        station: row.station,
        operator: row.operator,
        wallDisplay: row.wall_display,
        silence: row.silence,
        audioArmed: null,
        audioUnarmedSince: null,
        lastSeen: null,
      });
    }
    for (const id of this.deps.tables.loadAppliedActions(now - 2 * this.config.stationMessages.maxAgeMs)) this.appliedActions.add(id);
    for (const key of this.deps.tables.loadEscalationKeys()) this.escalated.add(key);
    this.recent = [...this.deps.tables.transitions({ fromMs: now - RECENT_WINDOW_MS, toMs: Number.MAX_SAFE_INTEGER })];
    this.suppressedNow = suppressedSources(this.records.values(), this.config);
    let standing = 0;
    for (const record of this.records.values()) if (isStanding(record.state)) standing += 1;
    return { alarms: this.records.size, standing };
  }

  stop(): void {
    this.stopped = true;
    if (this.statusTimer !== null) clearTimeout(this.statusTimer);
    this.statusTimer = null;
  }

  // ---- conditions -------------------------------------------------------------------------------

  /**
   * Every scored reading. `newestTs` is the device's newest event time including this reading: an
   * older reading is a backlog, and only its activations that newer data has cleared are news (late).
   */
  observeReading(reading: ScoredReading, receivedAtMs: number, context: { readonly zone?: string | null; readonly newestTs: number | null }): void {
    if (reading.risk_level === 'HIGH' || reading.risk_level === 'CRITICAL') this.riskAlertType.set(reading.device_id, reading.alert_type);
    // Most readings raise nothing and clear nothing: they cost two lookups.
    if ((this.activeByDevice.get(reading.device_id) ?? 0) === 0 && !mayRaise(reading, receivedAtMs, this.config)) return;
    const zone = context.zone !== undefined ? context.zone : (this.deps.zoneOf?.(reading.device_id) ?? null);
    let updates = deriveReadingConditions(reading, { zone, receivedAt: receivedAtMs, config: this.config });
    if (context.newestTs !== null && reading.timestamp_ms < context.newestTs) {
      updates = backlogUpdates(updates, { has: (id) => this.records.get(id)?.condition_active === true });
    }
    this.applyConditions(updates);
  }

  observeAnalytics(event: AnalyticsEvent): void {
    const update = analyticsCondition({
      event: event.event,
      at: event.at,
      severity: event.severity,
      values: event.values,
      ...('device_id' in event ? { device_id: event.device_id } : { zone: event.zone }),
    });
    if (update === null) return;
    const zone = update.point.scope === 'device' ? (this.deps.zoneOf?.(update.point.target) ?? null) : update.zone;
    this.applyConditions([{ ...update, zone }]);
  }

  /**
   * Clears analytics alarms whose rule has re-armed: `activeNow` says which events shared/analytics
   * holds active for a device or zone now (null: it does not know the target, nothing is cleared).
   */
  rearmAnalytics(activeNow: (scope: 'device' | 'zone', target: string) => ReadonlyArray<AnalyticsEventName> | null): void {
    const targets = new Map<string, { scope: 'device' | 'zone'; target: string }>();
    for (const record of this.records.values()) {
      if (!record.condition_active || sourceCategory(record.source) !== 'analytics' || record.scope === 'console') continue;
      targets.set(`${record.scope}:${record.target}`, { scope: record.scope, target: record.target });
    }
    if (targets.size === 0) return;
    const at = this.deps.now();
    const updates: ConditionUpdate[] = [];
    for (const { scope, target } of targets.values()) {
      const active = activeNow(scope, target);
      if (active === null) continue;
      const rearmed = scope === 'device' ? rearmedAnalytics({ device_id: target }, active, at) : rearmedAnalytics({ zone: target }, active, at);
      for (const u of rearmed) if (this.records.get(u.point.id)?.condition_active === true) updates.push(u);
    }
    this.applyConditions(updates);
  }

  /** Device silence (receive time): `lost` is communication loss by silence or by status ≥ 4096. */
  observeLiveness(entries: ReadonlyArray<{ readonly deviceId: string; readonly lost: boolean; readonly zone: string | null }>): void {
    const at = this.deps.now();
    const updates: ConditionUpdate[] = [];
    for (const { deviceId, lost, zone } of entries) {
      const record = this.records.get(alarmPoint(deviceId, 'communication_loss').id);
      if (lost === (record?.condition_active ?? false)) continue;
      updates.push(livenessCondition(deviceId, lost, at, zone));
    }
    this.applyConditions(updates);
  }

  /** The console's own trouble: monitoring lost, store failing (host), audio not armed (a station). */
  setConsoleCondition(source: ConsoleSource, active: boolean, options: { readonly target?: string; readonly message?: string } = {}): void {
    const update = consoleCondition(source, active, this.deps.now(), options);
    const record = this.records.get(update.point.id);
    if (active === (record?.condition_active ?? false)) return;
    this.applyConditions([update]);
  }

  consoleConditionActive(source: ConsoleSource, target?: string): boolean {
    return this.records.get(alarmPoint(target ?? 'host', source).id)?.condition_active === true;
  }

  private applyConditions(updates: ReadonlyArray<ConditionUpdate>): void {
    let suppressionMayChange = false;
    for (const update of updates) {
      let record = this.records.get(update.point.id);
      if (record === undefined) {
        // Nothing to clear on a point never raised; a late activation of one is still history worth keeping.
        if (!update.active) continue;
        record = this.createRecord(update.point, update.at, update.zone);
      }
      // A clearing keeps what the alarm was raised with (the trip value and its words): a latched
      // alarm shows "150.0 °C" until reset, not the reading that cleared it.
      const event: AlarmEvent = update.active ? conditionEvent(update) : { type: 'condition_cleared', at: update.at };
      const outcome = applyAlarmEvent(record, event, this.config);
      if (!outcome.ok) continue;
      this.commitOutcome(record, outcome.alarm, outcome.transition);
      if (outcome.transition !== null && this.isSuppressionTrigger(record.source)) suppressionMayChange = true;
    }
    if (suppressionMayChange) this.applyDesignSuppression();
  }

  private createRecord(point: AlarmPoint, at: number, zone: string | null): AlarmRecord {
    let record = newAlarmRecord(point, at, { zone, config: this.config });
    if (this.suppressedNow.has(point.source)) {
      // Born suppressed: it never sounds while the rule that suppresses its source stands.
      const outcome = applyAlarmEvent(record, { type: 'suppress', at, reason: 'by design' }, this.config);
      if (outcome.ok) {
        this.commitOutcome(record, outcome.alarm, outcome.transition);
        record = outcome.alarm;
      }
    }
    return record;
  }

  private isSuppressionTrigger(source: string): boolean {
    return this.config.suppression.some((rule) => rule.while === source);
  }

  private applyDesignSuppression(): void {
    this.suppressedNow = suppressedSources(this.records.values(), this.config);
    const at = this.deps.now();
    for (const change of designSuppressionChanges([...this.records.values()], at, this.config)) {
      const record = this.records.get(change.alarm_id);
      if (record === undefined) continue;
      const outcome = applyAlarmEvent(record, change.event, this.config);
      if (outcome.ok) this.commitOutcome(record, outcome.alarm, outcome.transition);
    }
  }

  private countActive(record: AlarmRecord, delta: number): void {
    if (record.device_id === null) return;
    const next = (this.activeByDevice.get(record.device_id) ?? 0) + delta;
    if (next <= 0) this.activeByDevice.delete(record.device_id);
    else this.activeByDevice.set(record.device_id, next);
  }

  /** Takes a new record into memory and queues what must be written. */
  private commitOutcome(before: AlarmRecord | undefined, alarm: AlarmRecord, transition: AlarmTransition | null): void {
    if (before !== undefined && before.condition_active !== alarm.condition_active) this.countActive(alarm, alarm.condition_active ? 1 : -1);
    else if (before === undefined && alarm.condition_active) this.countActive(alarm, 1);
    this.records.set(alarm.id, alarm);
    if (alarm.state === 'unacknowledged' && alarm.activated_at !== null && !alarm.late) {
      const key = escalationKey(alarm);
      if (!this.presentedAt.has(key)) this.presentedAt.set(key, this.deps.now());
    }
    if (transition === null) {
      // A new value on a standing alarm: shown within a few seconds, not written.
      if (alarm !== before) this.valueChanged.add(alarm.id);
      return;
    }
    this.pending.alarms.add(alarm.id);
    this.pending.changed.add(alarm.id);
    this.pending.transitions.push({ ...transition, device_id: alarm.device_id, zone: alarm.zone });
    this.recent.push(transition);
    this.scheduleFlush();
  }

  // ---- persistence ------------------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.flushScheduled || this.stopped) return;
    this.flushScheduled = true;
    // Everything one I/O callback produced (an MQTT packet burst) goes into one commit.
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Resolves when everything queued so far is committed (rejects if its write failed). */
  private settle(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.waiters.push({ resolve, reject });
      this.scheduleFlush();
    });
  }

  private flush(): void {
    if (this.pending.isEmpty() && this.pending.waiters.length === 0) return;
    const batch = this.pending;
    this.pending = new PendingBatch();
    const now = this.deps.now();
    const alarms: AlarmRecord[] = [];
    for (const id of batch.alarms) {
      const record = this.records.get(id);
      if (record !== undefined) alarms.push(record);
    }
    const stations: StationRow[] = [];
    for (const name of batch.stations) {
      const s = this.stations.get(name);
      if (s !== undefined) stations.push({ station: s.station, operator: s.operator, wall_display: s.wallDisplay, silence: s.silence, updated_at: now });
    }
    const rows: AlarmBatch = {
      alarms,
      transitions: batch.transitions,
      journal: batch.journal.map((j) => j.write),
      applied: batch.applied,
      escalations: batch.escalations,
      outbox: batch.outbox,
      stations,
      operators: [...batch.operators.values()],
      recorded_at: now,
    };
    const waiters: Waiter[] = batch.waiters;
    const written = rows.alarms.length + rows.transitions.length + rows.journal.length + rows.applied.length + rows.escalations.length + rows.outbox.length + rows.stations.length + rows.operators.length;
    const work = written === 0 ? Promise.resolve<BatchResult>({ journal: [] }) : this.deps.persist(rows);
    work.then(
      (result) => {
        this.retryIndex = 0;
        if (this.writeFailed !== null) {
          this.writeFailed = null;
          this.deps.log?.warn('alarm store writes recovered');
        }
        result.journal.forEach((written, i) => batch.journal[i]?.onWritten?.(written.entry, written.action_id));
        for (const waiter of waiters) waiter.resolve();
        this.publishChanged(batch.changed);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.writeFailed = message;
        this.deps.log?.error('alarm write failed; kept in memory and retried', { error: message, rows: written });
        this.pending.prepend(batch);
        for (const id of batch.changed) this.pending.changed.add(id);
        const failure = new ProtocolError('UNAVAILABLE', `the store could not record this (${message}); it stands on this console and is written when the store recovers`, 'STORE_FAILING');
        for (const waiter of waiters) waiter.reject(failure);
        // An alarm must be shown even when it cannot be written.
        this.publishChanged(batch.changed);
        this.scheduleRetry();
      },
    );
  }

  private scheduleRetry(): void {
    if (this.retryPending || this.stopped) return;
    this.retryPending = true;
    const delay = RETRY_MS[Math.min(this.retryIndex, RETRY_MS.length - 1)] as number;
    this.retryIndex += 1;
    const run = (): void => {
      this.retryPending = false;
      this.flush();
    };
    if (this.deps.scheduleRetry) this.deps.scheduleRetry(run, delay);
    else setTimeout(run, delay).unref();
  }

  /** Alarm writes failing now (the message), or null. */
  writeError(): string | null {
    return this.writeFailed;
  }

  private publishChanged(ids: Iterable<string>): void {
    const items: AlarmItem[] = [];
    for (const id of ids) {
      const record = this.records.get(id);
      if (record !== undefined) items.push(this.item(record));
      this.valueChanged.delete(id);
    }
    if (items.length > 0) this.deps.emit('alarms.changed', { alarms: items });
    this.publishStatus();
  }

  private item(record: AlarmRecord): AlarmItem {
    return toAlarmItem(record, { chattering: this.chatteringIds.has(record.id), escalated: this.escalated.has(escalationKey(record)) });
  }

  // ---- stations and actors ------------------------------------------------------------------------

  private station(name: string): StationState {
    let state = this.stations.get(name);
    if (state === undefined) {
      state = {
        station: name,
        operator: null,
        wallDisplay: this.deps.setup.wallDisplays.has(name),
        silence: emptySilence(name),
        audioArmed: null,
        audioUnarmedSince: null,
        lastSeen: null,
      };
      this.stations.set(name, state);
    }
    return state;
  }

  private isWallDisplay(name: string): boolean {
    return this.deps.setup.wallDisplays.has(name) || this.stations.get(name)?.wallDisplay === true;
  }

  private stationName(value: unknown): string {
    const text = asText(value, 'station');
    const name = text === undefined ? '' : text.trim();
    if (name.length > 100) throw new ProtocolError('BAD_REQUEST', 'station must be at most 100 characters');
    return name === '' ? API_STATION : name;
  }

  stationView(name: string): StationView {
    const state = this.stations.get(name);
    const wall = this.isWallDisplay(name);
    const operator = wall ? null : (state?.operator ?? null);
    return {
      station: name,
      wall_display: wall,
      operator,
      role: wall || operator === null ? 'viewer' : this.directory.role(operator),
      audio_armed: state?.audioArmed ?? null,
    };
  }

  /** Who acts: the station's signed-in operator unless another is named; a PIN if the operator has one. */
  private async resolveActor(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<Actor> {
    const station = this.stationName(params.station);
    if (this.isWallDisplay(station)) throw new ProtocolError('FORBIDDEN', `station ${station} is a wall display and cannot act`, 'READ_ONLY');
    const named = asText(params.operator, 'operator');
    const signedIn = this.stations.get(station)?.operator ?? null;
    const given = named !== undefined && named.trim() !== '' ? named.trim() : signedIn;
    if (given === null || given === '') throw new ProtocolError('BAD_REQUEST', 'an operator name is required', 'OPERATOR_REQUIRED');
    if (given.length > 100) throw new ProtocolError('BAD_REQUEST', 'operator must be at most 100 characters');
    const operator = this.directory.canonicalName(given);
    const hash = this.directory.pinHash(operator);
    if (hash !== null && signedIn !== operator) {
      const pin = asText(params.pin, 'pin');
      if (pin === undefined || pin === '') {
        throw new ProtocolError('UNAUTHORIZED', `${operator} has a PIN: sign in at the station or give the PIN`, 'PIN_REQUIRED');
      }
      await this.checkPin(operator, pin, hash);
    }
    return { operator, station, role: this.directory.role(operator) };
  }

  private async checkPin(operator: string, pin: string, hash: string): Promise<void> {
    const now = this.deps.now();
    if (this.directory.lockedOut(operator, now)) throw new ProtocolError('UNAUTHORIZED', `too many wrong PINs for ${operator}; try again in a few minutes`, 'PIN_LOCKED');
    if (!(await verifyPin(pin, hash))) {
      this.directory.recordFailure(operator, now);
      this.deps.log?.warn('wrong PIN', { operator });
      throw new ProtocolError('UNAUTHORIZED', `the PIN does not match ${operator}'s`, 'PIN_MISMATCH');
    }
    this.directory.recordSuccess(operator);
  }

  /** A station says it is there: wall display or not, whether its audio is armed. */
  hello(params: { readonly station?: unknown; readonly kiosk?: unknown; readonly audio_armed?: unknown }): StationView {
    const name = this.stationName(params.station);
    const state = this.station(name);
    const now = this.deps.now();
    const kiosk = params.kiosk === true;
    if (kiosk && !state.wallDisplay) {
      state.wallDisplay = true;
      state.operator = null;
      this.pending.stations.add(name);
      this.scheduleFlush();
    }
    state.lastSeen = now;
    if (typeof params.audio_armed === 'boolean') {
      state.audioArmed = params.audio_armed;
      if (params.audio_armed) {
        state.audioUnarmedSince = null;
        this.setConsoleCondition('audio_not_armed', false, { target: name, message: 'Audio armed' });
      } else {
        state.audioUnarmedSince ??= now;
        this.checkAudio(state, now);
      }
    }
    this.publishStatus();
    return this.stationView(name);
  }

  async signIn(params: { readonly station?: unknown; readonly operator?: unknown; readonly pin?: unknown }): Promise<StationView> {
    const name = this.stationName(params.station);
    if (this.isWallDisplay(name)) throw new ProtocolError('FORBIDDEN', `station ${name} is a wall display: nobody signs in there`, 'READ_ONLY');
    const given = (asText(params.operator, 'operator') ?? '').trim();
    if (given === '') throw new ProtocolError('BAD_REQUEST', 'an operator name is required', 'OPERATOR_REQUIRED');
    if (given.length > 100) throw new ProtocolError('BAD_REQUEST', 'operator must be at most 100 characters');
    const operator = this.directory.canonicalName(given);
    const pin = asText(params.pin, 'pin');
    if (pin !== undefined && pin.length > MAX_PIN_LENGTH) throw new ProtocolError('BAD_REQUEST', `a PIN has at most ${MAX_PIN_LENGTH} characters`);
    const hash = this.directory.pinHash(operator);
    let enrolled: string | null = null;
    if (hash !== null) {
      if (pin === undefined || pin === '') throw new ProtocolError('UNAUTHORIZED', `${operator} has a PIN`, 'PIN_REQUIRED');
      await this.checkPin(operator, pin, hash);
    } else if (pin !== undefined && pin !== '') {
      enrolled = await hashPin(pin);
    }
    const now = this.deps.now();
    const state = this.station(name);
    state.operator = operator;
    state.lastSeen = now;
    this.pending.stations.add(name);
    this.pending.operators.set(operator, { name: operator, pin_hash: enrolled, at: now, station: name });
    this.journal('sign_in', { operator, station: name, role: this.directory.role(operator) }, null, enrolled === null ? null : 'PIN set', null);
    await this.settle();
    return this.stationView(name);
  }

  async signOut(params: { readonly station?: unknown }): Promise<StationView> {
    const name = this.stationName(params.station);
    const state = this.stations.get(name);
    if (state === undefined || state.operator === null) return this.stationView(name);
    const operator = state.operator;
    state.operator = null;
    this.pending.stations.add(name);
    this.journal('sign_out', { operator, station: name, role: this.directory.role(operator) }, null, null, null);
    await this.settle();
    return this.stationView(name);
  }

  /** Silence at one station: the alarms sounding there now stop sounding there (not acknowledged). */
  async silence(params: { readonly station?: unknown; readonly operator?: unknown; readonly pin?: unknown; readonly comment?: unknown }): Promise<{ station: string; sound: ReturnType<typeof toStationSoundView> }> {
    const actor = await this.resolveActor(params);
    if (actor.role === 'viewer') throw new ProtocolError('FORBIDDEN', `${actor.operator} may only watch`, 'READ_ONLY');
    const comment = cleanComment(params.comment as string | null | undefined);
    const now = this.deps.now();
    const state = this.station(actor.station);
    const silenced = silenceStation(state.silence, this.records.values(), now, this.config);
    const newly = Object.keys(silenced.silenced).filter((id) => state.silence.silenced[id] === undefined);
    state.silence = silenced;
    this.pending.stations.add(actor.station);
    this.journal('silence', actor, null, comment ?? (newly.length > 0 ? `silenced ${newly.length} alarm(s)` : null), null);
    await this.settle();
    return { station: actor.station, sound: toStationSoundView(stationSound(this.records.values(), state.silence, now, this.config)) };
  }

  private journal(
    action: JournalAction,
    actor: Actor,
    alarm: AlarmRecord | null,
    comment: string | null,
    share: StationEvent | null,
    remote: { readonly at: number } | null = null,
  ): void {
    const at = remote?.at ?? share?.at ?? this.deps.now();
    this.pending.journal.push({
      write: {
        at,
        operator: actor.operator,
        station: actor.station,
        action,
        alarm_id: alarm?.id ?? null,
        comment,
        device_id: alarm?.device_id ?? null,
        share: share !== null && remote === null && alarm !== null && stationEventsTopic(alarm.id) !== null,
      },
      onWritten: share === null || remote !== null || alarm === null ? undefined : (_entry, actionId) => this.publishAction(actionId, alarm.id, share),
    });
    this.scheduleFlush();
  }

  // ---- operator actions ---------------------------------------------------------------------------

  async act(type: ActionType, request: ActionRequest): Promise<AlarmView> {
    const id = asText(request.id, 'id');
    if (id === undefined || id === '') throw new ProtocolError('BAD_REQUEST', 'id must be a non-empty string');
    const actor = await this.resolveActor(request);
    const comment = cleanComment(request.comment);
    const now = this.deps.now();
    let record = this.records.get(id);
    if (record === undefined) {
      // A point never raised may still be shelved or taken out of service ahead of trouble.
      const point = parseAlarmPointId(id);
      if (point === null || point.scope === 'console' || (type !== 'shelve' && type !== 'remove_from_service')) {
        throw new ProtocolError('NOT_FOUND', `no alarm ${JSON.stringify(id)}`);
      }
      record = newAlarmRecord(point, now, { zone: point.scope === 'device' ? (this.deps.zoneOf?.(point.target) ?? null) : point.target, config: this.config });
    }
    const event = this.actionEvent(type, actor, now, comment, request);
    const outcome = applyAlarmEvent(record, event, this.config);
    if (!outcome.ok) throw rejectionError(outcome.rejection);
    const before = this.records.get(record.id);
    this.commitOutcome(before, outcome.alarm, outcome.transition);
    this.journal(type, actor, outcome.alarm, comment, event);
    await this.settle();
    return toAlarmView(this.records.get(record.id) ?? outcome.alarm);
  }

  private actionEvent(type: ActionType, actor: Actor, at: number, comment: string | null, request: ActionRequest): StationEvent {
    switch (type) {
      case 'shelve': {
        const oneShot = request.one_shot === true;
        const minutes = request.minutes;
        if (oneShot && minutes !== undefined) throw new ProtocolError('BAD_REQUEST', 'give minutes or one_shot, not both', 'INVALID_DURATION');
        if (!oneShot && minutes === undefined) throw new ProtocolError('BAD_REQUEST', 'a shelve needs minutes or one_shot: true', 'INVALID_DURATION');
        const shelve: ShelveRequest = oneShot ? { kind: 'one_shot' } : { kind: 'timed', minutes: minutes as number };
        return { type: 'shelve', at, actor, shelve, comment: comment ?? '' };
      }
      case 'remove_from_service':
        return { type: 'remove_from_service', at, actor, comment: comment ?? '' };
      default:
        return { type, at, actor, comment };
    }
  }

  /** "Acknowledge all visible": the ids the station shows, or every alarm waiting for one. */
  async ackAll(request: { readonly ids?: unknown; readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown; readonly comment?: unknown }): Promise<AckAllResult> {
    const actor = await this.resolveActor(request);
    const comment = cleanComment(request.comment as string | null | undefined);
    let ids: ReadonlyArray<string> | null = null;
    if (request.ids !== undefined) {
      if (!Array.isArray(request.ids) || !request.ids.every((i) => typeof i === 'string')) throw new ProtocolError('BAD_REQUEST', 'ids must be a list of alarm ids');
      if (request.ids.length > 10_000) throw new ProtocolError('BAD_REQUEST', 'at most 10,000 ids at once');
      ids = request.ids as string[];
    }
    const now = this.deps.now();
    const candidates = ids === null ? [...this.records.values()] : ids.map((id) => this.records.get(id)).filter((r): r is AlarmRecord => r !== undefined);
    const acknowledged: AlarmView[] = [];
    const rejected: Array<{ alarm_id: string; code: string; message: string }> = [];
    for (const record of candidates) {
      if (!isUnacknowledged(record.state)) continue;
      const event: StationEvent = { type: 'acknowledge', at: now, actor, comment };
      const outcome = applyAlarmEvent(record, event, this.config);
      if (!outcome.ok) {
        rejected.push({ alarm_id: record.id, code: outcome.rejection.code, message: outcome.rejection.message });
        continue;
      }
      this.commitOutcome(record, outcome.alarm, outcome.transition);
      this.journal('acknowledge', actor, outcome.alarm, comment, event);
      acknowledged.push(toAlarmView(outcome.alarm));
    }
    if (acknowledged.length === 0 && rejected.length > 0 && rejected.every((r) => r.code === 'READ_ONLY')) {
      throw new ProtocolError('FORBIDDEN', `${actor.operator} may only watch`, 'READ_ONLY');
    }
    await this.settle();
    return { acknowledged, rejected };
  }

  // ---- sharing between stations -------------------------------------------------------------------

  private publishAction(actionId: string | null, alarmId: string, event: StationEvent): void {
    const key = this.deps.setup.siteKey.key;
    const topic = stationEventsTopic(alarmId);
    if (actionId === null || key === null || topic === null || this.deps.share === undefined) return;
    const action = stationActionFor(actionId, alarmId, event);
    if (action === null) return;
    this.appliedActions.add(actionId);
    this.sharingStats.published += 1;
    this.deps.share(topic, encodeStationMessage(signStationMessage(action, key)));
  }

  sharing(): SharingView {
    const key = this.deps.setup.siteKey;
    const enabled = key.key !== null && this.deps.share !== undefined;
    return {
      enabled,
      reason: enabled ? null : (key.reason ?? 'no MQTT connection to share over'),
      ...this.sharingStats,
    };
  }

  /** A message from another station; resolves once its effect (if any) is committed. */
  async receiveStationMessage(topic: string, payload: Uint8Array): Promise<void> {
    const key = this.deps.setup.siteKey.key;
    const now = this.deps.now();
    const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
    if (key === null) {
      // Sharing is off here: nothing can be verified, so nothing is applied or kept.
      return;
    }
    const verified = verifyStationMessage(topic, text, key, now, this.config);
    if (!verified.ok) {
      this.sharingStats.quarantined += 1;
      this.deps.quarantine?.(topic, payload, verified.reason, verified.message);
      return;
    }
    const message = verified.message;
    if (this.appliedActions.has(message.action_id)) {
      this.sharingStats.duplicates += 1;
      return;
    }
    const point = parseAlarmPointId(message.alarm_id);
    if (point === null) return;
    const existing = this.records.get(message.alarm_id);
    const record = existing ?? newAlarmRecord(point, verified.at_ms, { zone: point.scope === 'zone' ? point.target : (this.deps.zoneOf?.(point.target) ?? null), config: this.config });
    const result = applyStationMessage(record, verified, this.appliedActions, this.config);
    if (result.kind === 'duplicate') {
      this.sharingStats.duplicates += 1;
      return;
    }
    this.appliedActions.add(message.action_id);
    this.pending.applied.push({ action_id: message.action_id, alarm_id: message.alarm_id, result: result.kind, at: now });
    if (result.kind === 'applied') {
      this.sharingStats.applied += 1;
      this.commitOutcome(existing, result.alarm, result.transition);
      const actor: Actor = { operator: message.operator, station: message.station, role: message.role };
      this.journal(message.action, actor, result.alarm, message.comment, null, { at: verified.at_ms });
    }
    this.scheduleFlush();
    await this.settle();
  }

  // ---- timers -------------------------------------------------------------------------------------

  /** Everything that follows the console's clock; the host calls it every second (tests: when they like). */
  tick(): void {
    if (this.stopped) return;
    const now = this.deps.now();
    this.expireShelves(now);
    this.escalate(now);
    this.forgetGoneStations(now);
    if (this.valueChanged.size > 0 && now - this.lastValuePush >= VALUE_PUSH_MS) {
      this.lastValuePush = now;
      const items: AlarmItem[] = [];
      for (const id of this.valueChanged) {
        const record = this.records.get(id);
        if (record !== undefined && record.state !== 'normal') items.push(this.item(record));
      }
      this.valueChanged.clear();
      if (items.length > 0) this.deps.emit('alarms.changed', { alarms: items });
    }
    this.trimRecent(now);
    this.publishStatus(true);
  }

  private expireShelves(now: number): void {
    for (const record of [...this.records.values()]) {
      if (record.shelve_kind !== 'timed' || record.shelved_until === null || record.shelved_until > now) continue;
      const outcome = applyAlarmEvent(record, { type: 'shelve_expired', at: now }, this.config);
      if (outcome.ok) this.commitOutcome(record, outcome.alarm, outcome.transition);
    }
  }

  private escalate(now: number): void {
    const { escalation } = this.config;
    for (const alarm of this.records.values()) {
      if (alarm.state !== 'unacknowledged' || alarm.late || alarm.activated_at === null || !escalation.priorities.includes(alarm.priority)) continue;
      const key = escalationKey(alarm);
      if (this.escalated.has(key)) continue;
      const since = this.presentedAt.get(key) ?? alarm.activated_at;
      if (now - since < escalation.afterMs) continue;
      const { rows, targets } = escalationOutboxRows({
        key,
        alarm,
        unacknowledgedMs: now - since,
        now,
        reading: alarm.device_id === null ? null : (this.deps.latestReading?.(alarm.device_id) ?? null),
        language: this.deps.language,
        site: this.deps.site,
        consoleId: this.deps.consoleId,
        snsTopics: this.deps.setup.snsTopics,
        webhookUrl: this.deps.setup.webhookUrl,
      });
      if (targets.length === 0) this.deps.log?.warn('a critical alarm is due for escalation but no SNS topic or webhook is configured', { alarm: alarm.id });
      this.escalated.add(key);
      this.pending.escalations.push({ key, alarm_id: alarm.id, at: now, targets });
      this.pending.outbox.push(...rows);
      this.pending.changed.add(alarm.id);
      this.scheduleFlush();
    }
  }

  private checkAudio(state: StationState, now: number): void {
    if (state.audioUnarmedSince === null || now - state.audioUnarmedSince < AUDIO_GRACE_MS) return;
    this.setConsoleCondition('audio_not_armed', true, {
      target: state.station,
      message: `Audio not armed at station ${state.station}: alarms cannot be heard there`,
    });
  }

  private forgetGoneStations(now: number): void {
    for (const state of this.stations.values()) {
      if (state.lastSeen === null) continue;
      if (now - state.lastSeen < STATION_GONE_MS) {
        this.checkAudio(state, now);
        continue;
      }
      state.lastSeen = null;
      this.setConsoleCondition('audio_not_armed', false, { target: state.station, message: `Station ${state.station} closed` });
      state.audioArmed = null;
      state.audioUnarmedSince = null;
    }
  }

  private trimRecent(now: number): void {
    const cutoff = now - RECENT_WINDOW_MS;
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop] as AlarmTransition).at < cutoff) drop += 1;
    if (this.recent.length - drop > RECENT_MAX) drop = this.recent.length - RECENT_MAX;
    if (drop > 0) this.recent = this.recent.slice(drop);
  }

  /** Flood, chattering and every live station's sound; pushed only when something changed. */
  status(now = this.deps.now()): AlarmsStatus {
    const audible = [...this.records.values()].filter(isAudible);
    const stations: Record<string, ReturnType<typeof toStationSoundView>> = {};
    for (const state of this.stations.values()) {
      if (state.lastSeen === null) continue;
      stations[state.station] = toStationSoundView(stationSound(audible, state.silence, now, this.config));
    }
    const chattering = chatteringPoints(this.recent, now, this.config);
    this.chatteringIds = new Set(chattering.map((c) => c.alarm_id));
    return {
      flood: toFloodView(floodStatus(this.recent, now, this.config)),
      chattering: chattering.map(toChatteringView),
      stations,
    };
  }

  /**
   * Pushes the status when it changed. Under a burst of alarms it is worked out at most every
   * STATUS_MIN_INTERVAL_MS (the flood sweep is not free); the timer tick always works it out.
   */
  private publishStatus(force = false): void {
    const wall = Date.now();
    if (!force && wall - this.lastStatusAt < STATUS_MIN_INTERVAL_MS) {
      if (this.statusTimer === null && !this.stopped) {
        this.statusTimer = setTimeout(() => {
          this.statusTimer = null;
          this.publishStatus(true);
        }, STATUS_MIN_INTERVAL_MS - (wall - this.lastStatusAt));
        this.statusTimer.unref();
      }
      return;
    }
    this.lastStatusAt = wall;
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.deps.emit('alarms.status', { status });
  }

  // ---- reads ----------------------------------------------------------------------------------------

  list(filter?: AlarmStateFilter, deviceId?: string): ReadonlyArray<AlarmRecord> {
    const out: AlarmRecord[] = [];
    for (const record of this.records.values()) {
      if (deviceId !== undefined && record.device_id !== deviceId) continue;
      if (filter === undefined ? record.state === 'normal' : !matchesStateFilter(record, filter)) continue;
      out.push(record);
    }
    return out.sort(sortAlarms);
  }

  get(id: string): AlarmItem | null {
    const record = this.records.get(id);
    return record === undefined ? null : this.item(record);
  }

  snapshot(stationParam: unknown): AlarmsSnapshot {
    const name = this.stationName(stationParam);
    const status = this.status();
    const items = this.list().map((r) => this.item(r));
    return {
      alarms: items,
      status,
      station: this.stationView(name),
      sharing: this.sharing(),
      operators: this.directory.listed(),
      config: {
        shelve_max_minutes: this.config.shelve.maxMinutes,
        supervisor_shelve_max_minutes: this.config.shelve.supervisorMaxMinutes,
        resound_minutes: this.config.silence.resoundMs / 60_000,
        escalation_minutes: this.config.escalation.afterMs / 60_000,
      },
    };
  }

  /** `recent_alerts`: the newest presentations of device and zone alarms, in the seed's alert shape. */
  recentAlerts(limit: number, deviceId?: string): ReadonlyArray<AlertSummary> {
    const out: AlarmRecord[] = [];
    for (const record of this.records.values()) {
      if (record.scope === 'console' || record.activated_at === null) continue;
      if (deviceId !== undefined && record.device_id !== deviceId) continue;
      out.push(record);
    }
    out.sort((a, b) => (b.activated_at as number) - (a.activated_at as number) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]);
    return out.slice(0, limit).map((r) => toAlertSummary(r, r.device_id === null ? null : (this.riskAlertType.get(r.device_id) ?? null)));
  }

  history(query: { readonly fromMs: number; readonly toMs: number; readonly deviceId?: string; readonly limit: number }): ReturnType<typeof toTransitionView>[] {
    return this.deps.tables.transitions({ ...query, order: 'desc' }).map(toTransitionView);
  }

  journalEntries(query: { readonly sinceMs?: number; readonly deviceId?: string; readonly limit: number }): ReadonlyArray<JournalEntry> {
    return this.deps.tables.journal(query);
  }

  verifyJournal(): ChainVerification {
    let anchor: { seq: number; hash: string } | undefined;
    let entries = 0;
    let result: ChainVerification = verifyChain([]);
    for (const page of this.deps.tables.journalPages()) {
      result = verifyChain(page, anchor === undefined ? {} : { anchor });
      if (!result.ok) return { ...result, index: result.index + entries };
      entries += page.length;
      const last = page[page.length - 1] as JournalEntry;
      anchor = { seq: last.seq, hash: last.hash };
    }
    return result.ok ? { ...result, entries, anchored: true } : result;
  }

  kpis(fromMs: number, toMs: number): KpiResponse {
    const transitions: ReadonlyArray<TransitionRow> = this.deps.tables.transitions({ fromMs, toMs });
    const kpis = computeAlarmKpis({ transitions, alarms: this.records.values(), from: fromMs, to: toMs }, this.config);
    return { ...kpis, stations: this.deps.tables.actionsByStation(fromMs, toMs) };
  }

  /** Journals a settings change (settings.json at start, or a settings screen) with who and why. */
  journalSettingsChange(actor: { readonly operator: string; readonly station: string; readonly role?: OperatorRole }, comment: string | null): Promise<void> {
    this.journal('settings_change', { operator: actor.operator, station: actor.station, role: actor.role ?? 'supervisor' }, null, comment, null);
    return this.settle();
  }

  /** The settings screen saved new operators and roles: they apply from the next action on. */
  applyOperators(operators: ReadonlyArray<OperatorSettings>, defaultRole: Exclude<OperatorRole, 'supervisor'>): void {
    this.directory.replace(operators, defaultRole);
    this.publishStatus(true);
  }

  /** Operators may change thresholds only as supervisors (for the settings screen). */
  async requireSupervisor(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<Actor> {
    const actor = await this.resolveActor(params);
    if (actor.role !== 'supervisor') throw new ProtocolError('FORBIDDEN', `only a supervisor may do this, and ${actor.operator} is ${actor.role === 'viewer' ? 'a viewer' : 'an operator'}`, 'SUPERVISOR_REQUIRED');
    return actor;
  }

  counts(): { readonly standing: number; readonly unacknowledged: number; readonly unsaved: number } {
    let standing = 0;
    let unacknowledged = 0;
    for (const record of this.records.values()) {
      if (isStanding(record.state)) standing += 1;
      if (isUnacknowledged(record.state)) unacknowledged += 1;
    }
    return { standing, unacknowledged, unsaved: this.pending.size() };
  }

  /** Every alarm record, as held in memory now. */
  allRecords(): ReadonlyArray<AlarmRecord> {
    return [...this.records.values()];
  }

  /** Waits until everything queued so far is committed. */
  whenSettled(): Promise<void> {
    return this.settle();
  }
}
