import { determineAlertType } from './alert-type';
import { resolveScoringConfig } from './config';
import { HistoryStore } from './history';
import { calculateRiskIndicators } from './indicators';
import { createReadingScratch, readMessageInto } from './normalize';
import { confidence, finalRisk, patternRisk, riskLevel, ruleBasedRisk, statusRisk } from './realtime-analyzer';
import { parseStatusBits, statusKey } from './status-bits';
import { validateReading } from './validation';
import type { ScoringConfig, ScoringConfigOverride } from './config';
import type { AlarmStatus, ScoreError, ScoreOutcome, ScoredReading } from './types';

export interface ScoringEngineOptions {
  /** Partial settings over the defaults; an unusable value makes creation throw a ScoringConfigError. */
  readonly config?: ScoringConfigOverride;
  /** false: every reading is scored as if its device had no history (modifier 1.0). Default true. */
  readonly history?: boolean;
  /**
   * An engine this one replaces (new thresholds while the console runs): its device histories are
   * taken over as they stand when both keep history alike, so nothing has to be read back.
   */
  readonly continueFrom?: ScoringEngine;
}

/** What the history keeps of a scored reading (the fields of ScoredReading it reads). */
export interface HistoryReading {
  readonly timestamp_ms: number;
  readonly pcb_temperature: number;
  readonly arc_count: number;
  /** `risk_indicators.total_risk_score` of the scored reading. */
  readonly total_risk_score: number;
}

export interface ScoringEngine {
  readonly config: ScoringConfig;
  /** Parses one line of JSON and scores it; never throws. */
  scoreLine(line: string): ScoreOutcome;
  /** Scores an already-parsed message; never throws. */
  scoreMessage(message: unknown): ScoreOutcome;
  forgetDevice(deviceId: string): void;
  /**
   * Seeds a device's history with readings scored before (from the store, after a restart), oldest
   * first, so that its next reading scores as in an unbroken run. Nothing is scored.
   */
  restoreHistory(deviceId: string, readings: Iterable<HistoryReading>): void;
  /** How many readings of the device the history currently holds. */
  historySize(deviceId: string): number;
  /** Forgets every device's history. */
  reset(): void;
}

const STATUS_CACHE_SIZE = 8192;

/** Each engine's device histories, and the settings they were kept under (for `continueFrom`). */
const historiesOf = new WeakMap<ScoringEngine, { readonly store: HistoryStore; readonly settings: string }>();

/** Whether `engine` took over the device histories of `previous` (see `continueFrom`). */
export function continuesHistory(engine: ScoringEngine, previous: ScoringEngine): boolean {
  const mine = historiesOf.get(engine);
  return mine !== undefined && mine.store === historiesOf.get(previous)?.store;
}
const MAX_ECHOED_PARSE_ERROR = 120;

function failure(error: ScoreError): ScoreOutcome {
  return { ok: false, error };
}

function invalidJson(detail: string): ScoreOutcome {
  return failure({ code: 'INVALID_JSON', message: detail });
}

function parseErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ECHOED_PARSE_ERROR ? `${text.slice(0, MAX_ECHOED_PARSE_ERROR)}…` : text;
}

export function createScoringEngine(options: ScoringEngineOptions = {}): ScoringEngine {
  const config = resolveScoringConfig(options.config);
  const useHistory = options.history !== false;
  const historySettings = JSON.stringify(config.history);
  const previous = options.continueFrom === undefined ? undefined : historiesOf.get(options.continueFrom);
  // The histories hold what was scored (times, temperatures, risk, arcs), not the thresholds used:
  // under the same history settings they are exactly what the store would give back.
  const history = previous !== undefined && previous.settings === historySettings ? previous.store : new HistoryStore(config.history);

  // The alarm status and the status risk depend on the status value alone: decode each of the
  // 8192 distinct cases once, and share the frozen result.
  const alarmCache: Array<AlarmStatus | undefined> = new Array<AlarmStatus | undefined>(STATUS_CACHE_SIZE).fill(undefined);
  const statusRiskCache = new Float64Array(STATUS_CACHE_SIZE).fill(Number.NaN);

  function alarmFor(status: number, key: number): AlarmStatus {
    let alarm = alarmCache[key];
    if (alarm === undefined) {
      alarm = Object.freeze(parseStatusBits(status));
      alarmCache[key] = alarm;
      statusRiskCache[key] = statusRisk(alarm, config);
    }
    return alarm;
  }

  // One reading record, filled anew for every message, so that reading a message allocates nothing
  // that the result does not keep.
  const reading = createReadingScratch();

  /** Scores what `reading` holds now. */
  function scoreReading(): ScoreOutcome {
    try {
      const key = statusKey(reading.status_bits);
      const alarm = alarmFor(reading.status_bits, key);
      const statusRiskValue = statusRiskCache[key] as number;
      const indicators = calculateRiskIndicators(reading, alarm, config);
      const validation = validateReading(reading, config);
      const rule = ruleBasedRisk(reading, config);
      const pattern = patternRisk(reading, config);
      const modifier = useHistory
        ? history.recordAndModify(
            reading.device_id,
            reading.timestamp_ms,
            reading.pcb_temperature,
            indicators.total_risk_score,
            reading.arc_count,
          )
        : 1.0;
      const score = finalRisk(rule, statusRiskValue, pattern, modifier, config);
      const result: ScoredReading = {
        device_id: reading.device_id,
        idx: reading.idx,
        timestamp: reading.timestamp,
        timestamp_ms: reading.timestamp_ms,
        status_bits: reading.status_bits,
        verify_status: reading.verify_status,
        alarm_status: alarm,
        risk_indicators: indicators,
        validation,
        rule_based_risk: rule,
        status_risk: statusRiskValue,
        pattern_risk: pattern,
        risk_modifier: modifier,
        risk_score: score,
        risk_level: riskLevel(score, config),
        confidence: confidence(rule, statusRiskValue, config),
        alert_type: determineAlertType(alarm, reading.arc_count),
        voltage: reading.voltage,
        voltage_low: reading.voltage_low,
        current: reading.current,
        leakage_current: reading.leakage_current,
        resistive_leakage: reading.resistive_leakage,
        power: reading.power,
        pcb_temperature: reading.pcb_temperature,
        sensor_temperature: reading.sensor_temperature,
        co: reading.co,
        voc: reading.voc,
        power_factor: reading.power_factor,
        arc_count: reading.arc_count,
      };
      return { ok: true, result };
    } catch (error) {
      // The arithmetic above cannot throw on a normalized reading; this keeps the promise that
      // no input ever escapes as an exception if that changes.
      return failure({ code: 'INVALID_MESSAGE', message: `message could not be scored: ${parseErrorText(error)}` });
    }
  }

  function scoreMessage(message: unknown): ScoreOutcome {
    const problem = readMessageInto(message, reading);
    if (problem !== undefined) return failure(problem);
    return scoreReading();
  }

  function scoreLine(line: string): ScoreOutcome {
    if (typeof line !== 'string') return invalidJson(`line is not text (got ${line === null ? 'null' : typeof line})`);
    let text = line;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim().length === 0)) {
      return invalidJson('line is empty (expected one JSON object per line)');
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      return invalidJson(`line is not valid JSON: ${parseErrorText(error)}`);
    }
    return scoreMessage(message);
  }

  const engine: ScoringEngine = {
    config,
    scoreLine,
    scoreMessage,
    forgetDevice: (deviceId: string): void => history.forget(deviceId),
    restoreHistory: (deviceId: string, readings: Iterable<HistoryReading>): void => {
      if (!useHistory) return;
      for (const r of readings) history.restore(deviceId, r.timestamp_ms, r.pcb_temperature, r.total_risk_score, r.arc_count);
    },
    historySize: (deviceId: string): number => history.size(deviceId),
    reset: (): void => history.clear(),
  };
  historiesOf.set(engine, { store: history, settings: historySettings });
  return engine;
}
