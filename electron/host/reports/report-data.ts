import type { JournalEntry } from '../../../shared/alarms/journal';
import type { Language, RiskLevel, ScoringConfig } from '../../../shared/scoring';
import { DEFAULT_SCORING_CONFIG, generateDeviceRecommendations, generateRecommendations, parseStatusBits } from '../../../shared/scoring';
import type { SqliteDatabase } from '../store/database';
import type { Incident, IncidentFilter, TransitionInput } from './incidents';
import { groupIncidents, matchesFilter } from './incidents';

// What the reports read, straight from the tables the alarm system and the store write. Read-only:
// the database keeps its one writer.

/** An incident that began up to this long before a list's `from` is still found. */
export const INCIDENT_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
/** Readings shown around an episode, before its start and after its end. */
export const READING_MARGIN_MS = 2 * 60 * 1000;
/** At most this many readings of one episode are exported (an incident longer than this is cut). */
export const MAX_EPISODE_READINGS = 20_000;

const LEVELS: ReadonlyArray<RiskLevel> = ['NORMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** One stored reading, as the CSV writes it and the charts draw it. */
export interface ReadingRow {
  readonly ts: number;
  readonly voltage: number;
  readonly current: number;
  readonly leakage_current: number;
  readonly pcb_temperature: number;
  readonly sensor_temperature: number;
  readonly co: number;
  readonly voc: number;
  readonly power_factor: number;
  readonly arc_count: number;
  readonly status_bits: number;
  readonly risk_score: number | null;
  readonly risk_level: RiskLevel;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly readings: ReadonlyArray<ReadingRow>;
  /** Journal entries of its alarms within the episode: operator actions with their hashes. */
  readonly journal: ReadonlyArray<JournalEntry>;
  readonly recommendations: ReadonlyArray<string>;
  readonly max_risk: { readonly score: number | null; readonly level: RiskLevel | null };
}

interface ReadingDbRow extends Omit<ReadingRow, 'risk_level'> {
  readonly codes: number;
}

export class ReportData {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly language: Language,
    readonly config: ScoringConfig = DEFAULT_SCORING_CONFIG,
  ) {}

  transitions(fromMs: number, toMs: number): TransitionInput[] {
    const rows = this.db
      .prepare('SELECT * FROM alarm_transitions WHERE at >= ? AND at < ? ORDER BY at, id')
      .all(fromMs, toMs) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      alarm_id: r.alarm_id as string,
      device_id: (r.device_id as string | null) ?? null,
      zone: (r.zone as string | null) ?? null,
      source: r.source as TransitionInput['source'],
      priority: r.priority as TransitionInput['priority'],
      from: r.from_state as TransitionInput['from'],
      to: r.to_state as TransitionInput['to'],
      cause: r.cause as TransitionInput['cause'],
      at: r.at as number,
      operator: (r.operator as string | null) ?? null,
      station: (r.station as string | null) ?? null,
      comment: (r.comment as string | null) ?? null,
      condition_active: r.condition_active === 1,
      late: r.late === 1,
    }));
  }

  incidents(filter: IncidentFilter, nowMs: number): Incident[] {
    const from = (filter.fromMs ?? nowMs - INCIDENT_LOOKBACK_MS) - INCIDENT_LOOKBACK_MS;
    const to = filter.toMs ?? Number.MAX_SAFE_INTEGER;
    return groupIncidents(this.transitions(from, to)).filter((i) => matchesFilter(i, filter));
  }

  incident(id: string): Incident | null {
    const at = Number(id.slice(id.lastIndexOf('@') + 1));
    if (!Number.isSafeInteger(at)) return null;
    const found = groupIncidents(this.transitions(at, Number.MAX_SAFE_INTEGER));
    return found.find((i) => i.id === id) ?? null;
  }

  readings(deviceId: string, fromMs: number, toMs: number): ReadingRow[] {
    const rows = this.db
      .prepare(
        `SELECT r.ts, r.voltage, r.current, r.leakage_current, r.pcb_temperature, r.sensor_temperature, r.co, r.voc,
                r.power_factor, r.arc_count, r.status_bits, r.risk_score, r.codes
           FROM readings r JOIN device_keys k ON k.device_key = r.device_key
          WHERE k.device_id = ? AND r.ts >= ? AND r.ts < ? ORDER BY r.ts LIMIT ${MAX_EPISODE_READINGS}`,
      )
      .all(deviceId, fromMs, toMs) as ReadingDbRow[];
    return rows.map(({ codes, ...rest }) => ({ ...rest, risk_level: LEVELS[codes & 7] ?? 'NORMAL' }));
  }

  journal(alarmIds: ReadonlyArray<string>, fromMs: number, toMs: number): JournalEntry[] {
    if (alarmIds.length === 0) return [];
    const marks = alarmIds.map(() => '?').join(', ');
    return this.db
      .prepare(
        `SELECT seq, at, operator, station, action, alarm_id, comment, hash, prev_hash FROM journal
          WHERE alarm_id IN (${marks}) AND at_ms >= ? AND at_ms <= ? ORDER BY seq`,
      )
      .all(...alarmIds, fromMs, toMs) as JournalEntry[];
  }

  /** Every journal entry in a period (the shift report's operator actions). */
  journalBetween(fromMs: number, toMs: number): JournalEntry[] {
    return this.db
      .prepare('SELECT seq, at, operator, station, action, alarm_id, comment, hash, prev_hash FROM journal WHERE at_ms >= ? AND at_ms < ? ORDER BY seq')
      .all(fromMs, toMs) as JournalEntry[];
  }

  detail(incident: Incident, nowMs: number): IncidentDetail {
    const end = incident.end_ms ?? nowMs;
    const readings = incident.device_id === null ? [] : this.readings(incident.device_id, incident.start_ms - READING_MARGIN_MS, end + READING_MARGIN_MS);
    const journal = this.journal(incident.alarm_ids, incident.start_ms, end);
    let maxScore: number | null = null;
    let maxLevel: RiskLevel | null = null;
    let maxTemp = 0;
    let peak: ReadingRow | null = null;
    for (const r of readings) {
      if (r.ts < incident.start_ms || r.ts > end) continue;
      if (r.risk_score !== null && (maxScore === null || r.risk_score > maxScore)) maxScore = r.risk_score;
      if (maxLevel === null || LEVELS.indexOf(r.risk_level) > LEVELS.indexOf(maxLevel)) maxLevel = r.risk_level;
      maxTemp = Math.max(maxTemp, r.pcb_temperature, r.sensor_temperature);
      if (peak === null || (r.risk_score ?? 0) > (peak.risk_score ?? 0)) peak = r;
    }
    const seedAdvice = peak === null ? [] : generateRecommendations(
      { risk_level: peak.risk_level, alarm_status: parseStatusBits(peak.status_bits), arc_count: peak.arc_count, co: peak.co, voc: peak.voc },
      this.language,
      this.config,
    );
    const advice = generateDeviceRecommendations(
      { current_risk_score: maxScore, last_temperature: maxTemp, total_alarms: incident.alarm_ids.length },
      readings.map((r) => ({ arc_count: r.arc_count })),
      this.language,
      this.config,
    ).map((a) => a.message);
    return { incident, readings, journal, recommendations: [...new Set([...seedAdvice, ...advice])], max_risk: { score: maxScore, level: maxLevel } };
  }
}
