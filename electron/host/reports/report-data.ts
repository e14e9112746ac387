import type { JournalEntry } from '../../../shared/alarms/journal';
import type { AnalyticsConfigOverride } from '../../../shared/analytics';
import type { Language, RiskLevel, ScoringConfig } from '../../../shared/scoring';
import { DEFAULT_SCORING_CONFIG, generateDeviceRecommendations, generateRecommendations, parseStatusBits } from '../../../shared/scoring';
import type { SqliteDatabase } from '../store/database';
import type { Incident, IncidentFilter, TransitionInput } from './incidents';
import { IncidentGrouper, matchesFilter } from './incidents';
import type { StepPrediction } from './step-prediction';
import { predictionsAt } from './step-prediction';

// What the reports read, straight from the tables the alarm system and the store write. Read-only:
// the database keeps its one writer.

/** A list without `from` shows the incidents of this last stretch (and any that still stand). */
export const INCIDENT_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
/** Rounds of the search for the earliest episode standing at a moment (each round moves it back). */
const FLOOR_ROUNDS = 32;
/** Readings shown around an episode, before its start and after its end. */
export const READING_MARGIN_MS = 2 * 60 * 1000;
/** At most this many readings of one episode are exported (an incident longer than this is cut). */
export const MAX_EPISODE_READINGS = 20_000;

const LEVELS: ReadonlyArray<RiskLevel> = ['NORMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** One stored reading, as the CSV writes it and the charts draw it. */
export interface ReadingRow {
  readonly device_id: string;
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

/** What the console knew of the device a transition is about, at the moment it happened. */
export interface StepContext {
  /** The transition's device; for a zone alarm, the incident's device (null when it has none). */
  readonly device_id: string | null;
  /** The stored reading at or just before the transition. */
  readonly reading: ReadingRow | null;
  readonly prediction: StepPrediction | null;
}

export interface IncidentDetail {
  readonly incident: Incident;
  /** The episode's readings of every device in it, device by device (`incident.device_ids` order), each by time. */
  readonly readings: ReadonlyArray<ReadingRow>;
  /** One per `incident.transitions` entry, in the same order. */
  readonly steps: ReadonlyArray<StepContext>;
  /** Journal entries of its alarms within the episode: operator actions with their hashes. */
  readonly journal: ReadonlyArray<JournalEntry>;
  readonly recommendations: ReadonlyArray<string>;
  readonly max_risk: { readonly score: number | null; readonly level: RiskLevel | null };
}

interface ReadingDbRow extends Omit<ReadingRow, 'risk_level' | 'device_id'> {
  readonly codes: number;
}

function transitionOf(r: Record<string, unknown>): TransitionInput {
  return {
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
  };
}

/** The stored reading at or just before `at` (what the console knew when the transition happened). */
export function readingAt(readings: ReadonlyArray<ReadingRow>, at: number): ReadingRow | null {
  let found: ReadingRow | null = null;
  for (const r of readings) {
    if (r.ts > at) break;
    found = r;
  }
  return found;
}

export class ReportData {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly languageSetting: Language | (() => Language),
    /** The scoring settings, or where to read them: a supervisor may change the thresholds while the host runs. */
    private readonly scoring: ScoringConfig | (() => ScoringConfig) = DEFAULT_SCORING_CONFIG,
    /** The analytics settings the host runs with (none: the defaults, as the host today). */
    private readonly analyticsConfig?: AnalyticsConfigOverride,
  ) {}

  /** The language in effect now. */
  get language(): Language {
    return typeof this.languageSetting === 'function' ? this.languageSetting() : this.languageSetting;
  }

  /** The scoring settings in effect now. */
  get config(): ScoringConfig {
    return typeof this.scoring === 'function' ? this.scoring() : this.scoring;
  }

  transitions(fromMs: number, toMs: number): TransitionInput[] {
    const rows = this.db
      .prepare('SELECT * FROM alarm_transitions WHERE at >= ? AND at < ? ORDER BY at, id')
      .all(fromMs, toMs) as Array<Record<string, unknown>>;
    return rows.map(transitionOf);
  }

  /**
   * The start of the earliest episode still standing at `atMs`, or `atMs` when none stands: the
   * incidents overlapping a period are all found by reading the transitions from there. Each round
   * asks every alarm point (one index seek each, migration 005) for its last transition before the
   * moment; the points not back in `normal` then give their last presentation, and the earliest of
   * those is the next moment asked about — another alarm of the same device or zone may have stood
   * across it — until nothing stands across it. No scan of the whole transitions table.
   */
  episodeFloor(atMs: number): number {
    const standing = this.db.prepare(`
      SELECT MIN(began) FROM (
        SELECT (SELECT t.to_state FROM alarm_transitions t WHERE t.alarm_id = a.id AND t.at < @at ORDER BY t.at DESC, t.id DESC LIMIT 1) AS state,
               (SELECT MAX(t.at) FROM alarm_transitions t WHERE t.alarm_id = a.id AND t.at < @at AND t.from_state = 'normal') AS began
          FROM alarms a)
       WHERE state IS NOT NULL AND state != 'normal' AND began IS NOT NULL`).pluck();
    let floor = atMs;
    for (let round = 0; round < FLOOR_ROUNDS; round++) {
      const began = standing.get({ at: floor }) as number | null;
      if (began === null || began >= floor) return floor;
      floor = began;
    }
    return floor;
  }

  /**
   * Reads transitions from `fromMs` in order and groups them, past `toMs` only as long as an episode
   * that began before `toMs` still stands (so an incident that ran on after the period ends as it did).
   */
  private grouped(fromMs: number, toMs: number): Incident[] {
    const grouper = new IncidentGrouper();
    const rows = this.db.prepare('SELECT * FROM alarm_transitions WHERE at >= ? ORDER BY at, id').iterate(fromMs) as IterableIterator<Record<string, unknown>>;
    for (const row of rows) {
      if ((row.at as number) >= toMs && !grouper.openBefore(toMs)) break;
      grouper.push(transitionOf(row));
    }
    return grouper.incidents();
  }

  incidents(filter: IncidentFilter, nowMs: number): Incident[] {
    const from = filter.fromMs ?? nowMs - INCIDENT_LOOKBACK_MS;
    const to = filter.toMs ?? Number.MAX_SAFE_INTEGER;
    return this.grouped(this.episodeFloor(from), to).filter((i) => matchesFilter(i, { ...filter, fromMs: from }));
  }

  /** By its id, or by the id of any episode grouped into it (an id handed out before a zone alarm joined). */
  incident(id: string): Incident | null {
    const at = Number(id.slice(id.lastIndexOf('@') + 1));
    if (!Number.isSafeInteger(at)) return null;
    const found = this.grouped(this.episodeFloor(at), at + 1);
    return found.find((i) => i.id === id) ?? found.find((i) => i.episode_ids.includes(id)) ?? null;
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
    return rows.map(({ codes, ...rest }) => ({ device_id: deviceId, ...rest, risk_level: LEVELS[codes & 7] ?? 'NORMAL' }));
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

  /** Each transition with its device's stored reading then and the prediction the console would have made then. */
  private steps(incident: Incident, byDevice: ReadonlyMap<string, ReadonlyArray<ReadingRow>>): StepContext[] {
    const deviceOf = (t: TransitionInput): string | null => t.device_id ?? incident.device_id;
    const predictions = new Map<string, StepPrediction[]>();
    for (const d of incident.device_ids) {
      const moments = incident.transitions.filter((t) => deviceOf(t) === d).map((t) => t.at);
      predictions.set(d, predictionsAt(this.db, d, moments, this.analyticsConfig));
    }
    const used = new Map<string, number>();
    return incident.transitions.map((t) => {
      const d = deviceOf(t);
      if (d === null) return { device_id: null, reading: null, prediction: null };
      const k = used.get(d) ?? 0;
      used.set(d, k + 1);
      return { device_id: d, reading: readingAt(byDevice.get(d) ?? [], t.at), prediction: predictions.get(d)?.[k] ?? null };
    });
  }

  detail(incident: Incident, nowMs: number): IncidentDetail {
    const end = incident.end_ms ?? nowMs;
    const byDevice = new Map(incident.device_ids.map((d) => [d, this.readings(d, incident.start_ms - READING_MARGIN_MS, end + READING_MARGIN_MS)] as const));
    const readings = [...byDevice.values()].flat();
    const steps = this.steps(incident, byDevice);
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
    return { incident, readings, steps, journal, recommendations: [...new Set([...seedAdvice, ...advice])], max_risk: { score: maxScore, level: maxLevel } };
  }
}
