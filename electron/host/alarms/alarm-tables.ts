import type { JournalAction, JournalEntry } from '../../../shared/alarms/journal';
import { appendJournalEntry } from '../../../shared/alarms/journal';
import type { AlarmRecord, AlarmTransition } from '../../../shared/alarms/types';
import type { StationSilence } from '../../../shared/alarms/silence';
import type { SqliteDatabase } from '../store/database';

// The alarm system's rows (migration 003): what one durable write holds, and the reads behind the
// journal, history and KPI endpoints. Writes run inside the store writer's transaction.

export interface TransitionRow extends AlarmTransition {
  readonly device_id: string | null;
  readonly zone: string | null;
}

export interface JournalWrite {
  readonly at: number;
  readonly operator: string;
  readonly station: string;
  readonly action: JournalAction;
  readonly alarm_id: string | null;
  readonly comment: string | null;
  readonly device_id: string | null;
  /** Set for an action this console shares with the other stations: its id is `{console}/{seq}`. */
  readonly share: boolean;
}

export interface StationRow {
  readonly station: string;
  readonly operator: string | null;
  readonly wall_display: boolean;
  readonly silence: StationSilence;
  readonly updated_at: number;
}

export interface OutboxRow {
  readonly kind: string;
  readonly target: string;
  readonly payload: string;
}

export interface AlarmBatch {
  readonly alarms: ReadonlyArray<AlarmRecord>;
  readonly transitions: ReadonlyArray<TransitionRow>;
  readonly journal: ReadonlyArray<JournalWrite>;
  readonly applied: ReadonlyArray<{ readonly action_id: string; readonly alarm_id: string; readonly result: string; readonly at: number }>;
  readonly escalations: ReadonlyArray<{ readonly key: string; readonly alarm_id: string; readonly at: number; readonly targets: ReadonlyArray<string> }>;
  readonly outbox: ReadonlyArray<OutboxRow>;
  readonly stations: ReadonlyArray<StationRow>;
  readonly operators: ReadonlyArray<{ readonly name: string; readonly pin_hash: string | null; readonly at: number; readonly station: string | null }>;
  /** When the batch was written (console clock). */
  readonly recorded_at: number;
}

export interface BatchResult {
  /** The journal entries written, in the order of `batch.journal`, with the action id of shared ones. */
  readonly journal: ReadonlyArray<{ readonly entry: JournalEntry; readonly action_id: string | null }>;
}

export function emptyBatch(at: number): AlarmBatch {
  return { alarms: [], transitions: [], journal: [], applied: [], escalations: [], outbox: [], stations: [], operators: [], recorded_at: at };
}

export function batchSize(batch: AlarmBatch): number {
  return (
    batch.alarms.length +
    batch.transitions.length +
    batch.journal.length +
    batch.applied.length +
    batch.escalations.length +
    batch.outbox.length +
    batch.stations.length +
    batch.operators.length
  );
}

interface JournalRow {
  readonly seq: number;
  readonly at: string;
  readonly operator: string;
  readonly station: string;
  readonly action: string;
  readonly alarm_id: string | null;
  readonly comment: string | null;
  readonly hash: string;
  readonly prev_hash: string;
}

interface TransitionDbRow {
  readonly alarm_id: string;
  readonly device_id: string | null;
  readonly zone: string | null;
  readonly source: string;
  readonly priority: string;
  readonly from_state: string;
  readonly to_state: string;
  readonly cause: string;
  readonly at: number;
  readonly operator: string | null;
  readonly station: string | null;
  readonly comment: string | null;
  readonly condition_active: number;
  readonly late: number;
}

function toEntry(row: JournalRow): JournalEntry {
  return {
    seq: row.seq,
    at: row.at,
    operator: row.operator,
    station: row.station,
    action: row.action as JournalAction,
    alarm_id: row.alarm_id,
    comment: row.comment,
    hash: row.hash,
    prev_hash: row.prev_hash,
  };
}

function toTransition(row: TransitionDbRow): TransitionRow {
  return {
    alarm_id: row.alarm_id,
    device_id: row.device_id,
    zone: row.zone,
    source: row.source as TransitionRow['source'],
    priority: row.priority as TransitionRow['priority'],
    from: row.from_state as TransitionRow['from'],
    to: row.to_state as TransitionRow['to'],
    cause: row.cause as TransitionRow['cause'],
    at: row.at,
    operator: row.operator,
    station: row.station,
    comment: row.comment,
    condition_active: row.condition_active === 1,
    late: row.late === 1,
  };
}

const JOURNAL_COLUMNS = 'seq, at, operator, station, action, alarm_id, comment, hash, prev_hash';

export class AlarmTables {
  private readonly upsertAlarm;
  private readonly insertTransition;
  private readonly insertJournal;
  private readonly lastJournal;
  private readonly insertApplied;
  private readonly insertEscalation;
  private readonly insertOutbox;
  private readonly upsertStation;
  private readonly upsertOperator;

  constructor(private readonly db: SqliteDatabase) {
    this.upsertAlarm = db.prepare(
      `INSERT INTO alarms(id, state, device_id, zone, source, priority, activated_at, last_change_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET state = excluded.state, device_id = excluded.device_id, zone = excluded.zone, priority = excluded.priority,
         activated_at = excluded.activated_at, last_change_at = excluded.last_change_at, record = excluded.record`,
    );
    this.insertTransition = db.prepare(
      `INSERT INTO alarm_transitions(alarm_id, device_id, zone, source, priority, from_state, to_state, cause, at, operator, station, comment, condition_active, late, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertJournal = db.prepare(
      `INSERT INTO journal(seq, at, operator, station, action, alarm_id, comment, hash, prev_hash, at_ms, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastJournal = db.prepare(`SELECT ${JOURNAL_COLUMNS} FROM journal ORDER BY seq DESC LIMIT 1`);
    this.insertApplied = db.prepare('INSERT OR IGNORE INTO alarm_station_actions(action_id, alarm_id, result, at) VALUES (?, ?, ?, ?)');
    this.insertEscalation = db.prepare('INSERT OR IGNORE INTO alarm_escalations(key, alarm_id, at, targets) VALUES (?, ?, ?, ?)');
    this.insertOutbox = db.prepare('INSERT INTO cloud_outbox(created_at, kind, target, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?)');
    this.upsertStation = db.prepare(
      `INSERT INTO alarm_stations(station, operator, wall_display, silenced, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(station) DO UPDATE SET operator = excluded.operator, wall_display = excluded.wall_display, silenced = excluded.silenced, updated_at = excluded.updated_at`,
    );
    this.upsertOperator = db.prepare(
      `INSERT INTO alarm_operators(name, pin_hash, created_at, last_sign_in_at, last_station) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET pin_hash = coalesce(excluded.pin_hash, alarm_operators.pin_hash),
         last_sign_in_at = excluded.last_sign_in_at, last_station = excluded.last_station`,
    );
  }

  /** Writes one batch; call it inside the writer's transaction (`writer.durable`). */
  write(batch: AlarmBatch, consoleId: string): BatchResult {
    for (const a of batch.alarms) {
      this.upsertAlarm.run(a.id, a.state, a.device_id, a.zone, a.source, a.priority, a.activated_at, a.last_change_at, JSON.stringify(a));
    }
    for (const t of batch.transitions) {
      this.insertTransition.run(
        t.alarm_id, t.device_id, t.zone, t.source, t.priority, t.from, t.to, t.cause, t.at,
        t.operator, t.station, t.comment, t.condition_active ? 1 : 0, t.late ? 1 : 0, batch.recorded_at,
      );
    }
    // The chain continues from what is on disk, inside this transaction: a rolled-back batch leaves no gap.
    const journal: Array<{ entry: JournalEntry; action_id: string | null }> = [];
    let previous = this.journalHead();
    for (const j of batch.journal) {
      const entry = appendJournalEntry(previous, j);
      this.insertJournal.run(entry.seq, entry.at, entry.operator, entry.station, entry.action, entry.alarm_id, entry.comment, entry.hash, entry.prev_hash, j.at, j.device_id);
      const actionId = j.share && j.alarm_id !== null ? `${consoleId}/${entry.seq}` : null;
      if (actionId !== null) this.insertApplied.run(actionId, j.alarm_id, 'local', j.at);
      journal.push({ entry, action_id: actionId });
      previous = entry;
    }
    for (const a of batch.applied) this.insertApplied.run(a.action_id, a.alarm_id, a.result, a.at);
    for (const e of batch.escalations) this.insertEscalation.run(e.key, e.alarm_id, e.at, JSON.stringify(e.targets));
    for (const o of batch.outbox) this.insertOutbox.run(batch.recorded_at, o.kind, o.target, o.payload, batch.recorded_at);
    for (const s of batch.stations) this.upsertStation.run(s.station, s.operator, s.wall_display ? 1 : 0, JSON.stringify(s.silence.silenced), s.updated_at);
    for (const o of batch.operators) this.upsertOperator.run(o.name, o.pin_hash, o.at, o.at, o.station);
    return { journal };
  }

  journalHead(): JournalEntry | null {
    const row = this.lastJournal.get() as JournalRow | undefined;
    return row === undefined ? null : toEntry(row);
  }

  // ---- restore ------------------------------------------------------------------------------------

  loadAlarms(): ReadonlyArray<AlarmRecord> {
    const rows = this.db.prepare('SELECT record FROM alarms').pluck().all() as string[];
    return rows.map((text) => JSON.parse(text) as AlarmRecord);
  }

  loadStations(): ReadonlyArray<StationRow> {
    const rows = this.db.prepare('SELECT station, operator, wall_display, silenced, updated_at FROM alarm_stations').all() as Array<{
      station: string;
      operator: string | null;
      wall_display: number;
      silenced: string;
      updated_at: number;
    }>;
    return rows.map((r) => ({
      station: r.station,
      operator: r.operator,
      wall_display: r.wall_display === 1,
      silence: { station: r.station, silenced: JSON.parse(r.silenced) as StationSilence['silenced'] },
      updated_at: r.updated_at,
    }));
  }

  /** Station action ids applied since `sinceMs` (older messages are refused as stale anyway). */
  loadAppliedActions(sinceMs: number): ReadonlyArray<string> {
    return this.db.prepare('SELECT action_id FROM alarm_station_actions WHERE at >= ?').pluck().all(sinceMs) as string[];
  }

  loadEscalationKeys(): ReadonlyArray<string> {
    return this.db.prepare('SELECT key FROM alarm_escalations').pluck().all() as string[];
  }

  operatorPinHash(name: string): string | null {
    const row = this.db.prepare('SELECT pin_hash FROM alarm_operators WHERE name = ?').pluck().get(name) as string | null | undefined;
    return row ?? null;
  }

  // ---- reads ------------------------------------------------------------------------------------------

  transitions(query: { readonly fromMs: number; readonly toMs: number; readonly deviceId?: string; readonly limit?: number; readonly order?: 'asc' | 'desc' }): ReadonlyArray<TransitionRow> {
    const where = ['at >= ?', 'at < ?'];
    const params: unknown[] = [query.fromMs, query.toMs];
    if (query.deviceId !== undefined) {
      where.push('device_id = ?');
      params.push(query.deviceId);
    }
    const order = query.order === 'desc' ? 'DESC' : 'ASC';
    const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(1, Math.floor(query.limit))}`;
    const rows = this.db
      .prepare(`SELECT * FROM alarm_transitions WHERE ${where.join(' AND ')} ORDER BY at ${order}, id ${order}${limit}`)
      .all(...params) as TransitionDbRow[];
    return rows.map(toTransition);
  }

  journal(query: { readonly sinceMs?: number; readonly deviceId?: string; readonly limit: number }): ReadonlyArray<JournalEntry> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.sinceMs !== undefined) {
      where.push('at_ms >= ?');
      params.push(query.sinceMs);
    }
    if (query.deviceId !== undefined) {
      where.push('device_id = ?');
      params.push(query.deviceId);
    }
    const sql = `SELECT ${JOURNAL_COLUMNS} FROM journal ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`;
    return (this.db.prepare(sql).all(...params, query.limit) as JournalRow[]).map(toEntry);
  }

  /** The whole journal, in order, a page at a time (verification walks it without holding it all). */
  *journalPages(pageSize = 5000): Generator<ReadonlyArray<JournalEntry>> {
    const page = this.db.prepare(`SELECT ${JOURNAL_COLUMNS} FROM journal WHERE seq > ? ORDER BY seq LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = (page.all(after, pageSize) as JournalRow[]).map(toEntry);
      if (rows.length === 0) return;
      yield rows;
      after = (rows[rows.length - 1] as JournalEntry).seq;
    }
  }

  /** Operator actions per station in [from, to), for the KPI view. */
  actionsByStation(fromMs: number, toMs: number): ReadonlyArray<{ station: string; actions: number; acknowledgements: number }> {
    return this.db
      .prepare(
        `SELECT station, count(*) AS actions, sum(action = 'acknowledge') AS acknowledgements FROM journal
         WHERE at_ms >= ? AND at_ms < ? AND action NOT IN ('sign_in', 'sign_out', 'settings_change') GROUP BY station ORDER BY actions DESC`,
      )
      .all(fromMs, toMs) as Array<{ station: string; actions: number; acknowledgements: number }>;
  }

  webhookOutboxPending(): number {
    return (this.db.prepare("SELECT count(*) FROM cloud_outbox WHERE kind IN ('webhook', 'sns.publish')").pluck().get() as number) ?? 0;
  }

  /** The settings as last recorded (settings_history), to say what changed. */
  lastSettings(): string | null {
    return (this.db.prepare('SELECT settings FROM settings_history ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
  }
}
