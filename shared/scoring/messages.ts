import { DEFAULT_SCORING_CONFIG } from './config';
import { formatFixed, formatInteger } from './python-format';
import type { ScoringConfig } from './config';
import type { Language, ScoredReading } from './types';

// The source system's alert text and advice (`generate_alert_message`, `generate_recommendations`,
// `generate_device_recommendations`), in Korean as there, with its mis-encoded syllables restored
// (점검, 냉각, 전원, 및, 아크, 발생, 원인 …), and in English.
//
// The alert's time line shows the reading's own time (UTC) rather than the clock at the moment
// of writing, so a replayed backlog reads as it happened.

const ALERT_TEXT = {
  ko: {
    header: (device: string): string => `🚨 화재 위험 감지 - 디바이스 ${device}\n`,
    risk: (level: string, score: string): string => `위험도: ${level} (${score})\n`,
    time: (when: string): string => `시간: ${when}\n\n`,
    heat: (temp: string): string => `⚠️ 고온 감지: ${temp}°C\n`,
    arcs: (count: string): string => `⚡ 아크 발생: ${count}회\n`,
    leakage: (ma: string): string => `💧 누전 감지: ${ma}mA\n`,
    co: (ppm: string): string => `💨 CO 가스: ${ppm}ppm\n`,
    voc: (level: string): string => `🌫️ VOC: ${level}μg/m³\n`,
  },
  en: {
    header: (device: string): string => `🚨 Fire risk detected - device ${device}\n`,
    risk: (level: string, score: string): string => `Risk: ${level} (${score})\n`,
    time: (when: string): string => `Time: ${when}\n\n`,
    heat: (temp: string): string => `⚠️ High temperature: ${temp}°C\n`,
    arcs: (count: string): string => `⚡ Arcing: ${count} times\n`,
    leakage: (ma: string): string => `💧 Leakage current: ${ma}mA\n`,
    co: (ppm: string): string => `💨 CO gas: ${ppm}ppm\n`,
    voc: (level: string): string => `🌫️ VOC: ${level}μg/m³\n`,
  },
} as const;

const ADVICE_TEXT = {
  ko: {
    cool: '즉시 냉각 조치 및 환기 확인',
    considerPowerOff: '전원 차단 검토',
    wiring: '배선 연결부 점검',
    insulation: '절연체 상태 확인',
    breaker: '누전 차단기 작동 확인',
    grounding: '접지 상태 점검',
    ventilate: '즉시 환기 실시',
    gasSource: '가스 누출원 확인',
    inspectNow: '🚨 즉시 현장 점검 필요',
    powerOffIfNeeded: '필요시 전원 차단 고려',
  },
  en: {
    cool: 'Cool down immediately and check ventilation',
    considerPowerOff: 'Consider cutting the power',
    wiring: 'Inspect wiring connections',
    insulation: 'Check the condition of the insulation',
    breaker: 'Check that the earth-leakage breaker trips',
    grounding: 'Inspect the grounding',
    ventilate: 'Ventilate immediately',
    gasSource: 'Find the source of the gas',
    inspectNow: '🚨 On-site inspection needed now',
    powerOffIfNeeded: 'Cut the power if necessary',
  },
} as const;

const DEVICE_ADVICE_TEXT = {
  ko: {
    inspect: '즉시 현장 점검이 필요합니다.',
    cooling: '냉각 시스템 점검 및 환기 확인이 필요합니다.',
    alarms: '반복적인 알람 발생 원인 분석이 필요합니다.',
    electrical: '전기 연결부 및 절연 상태 점검을 권장합니다.',
  },
  en: {
    inspect: 'An on-site inspection is needed now.',
    cooling: 'Check the cooling system and the ventilation.',
    alarms: 'Find the cause of the repeated alarms.',
    electrical: 'Inspecting the electrical connections and insulation is recommended.',
  },
} as const;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the source's strftime format. */
function formatWallTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  );
}

type AlertSubject = Pick<
  ScoredReading,
  | 'device_id'
  | 'timestamp_ms'
  | 'risk_level'
  | 'risk_score'
  | 'alarm_status'
  | 'pcb_temperature'
  | 'sensor_temperature'
  | 'arc_count'
  | 'leakage_current'
  | 'co'
  | 'voc'
>;

/** The alert text of a scored reading: level, score, time and each cause present. */
export function generateAlertMessage(
  result: AlertSubject,
  language: Language = 'ko',
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): string {
  const text = ALERT_TEXT[language];
  const alarm = result.alarm_status;
  let message = text.header(result.device_id);
  message += text.risk(result.risk_level, formatFixed(result.risk_score, 2));
  message += text.time(formatWallTime(result.timestamp_ms));
  if (alarm.pcb_temp_alarm || alarm.sensor_temp_alarm) {
    message += text.heat(formatFixed(Math.max(result.pcb_temperature, result.sensor_temperature), 1));
  }
  if (result.arc_count > 0) message += text.arcs(formatInteger(result.arc_count));
  if (alarm.total_leakage) message += text.leakage(formatFixed(result.leakage_current, 1));
  if (result.co > config.thresholds.coPpm) message += text.co(formatFixed(result.co, 1));
  if (result.voc > config.thresholds.vocUgM3) message += text.voc(formatFixed(result.voc, 1));
  return message;
}

type AdviceSubject = Pick<ScoredReading, 'risk_level' | 'alarm_status' | 'arc_count' | 'co' | 'voc'>;

/** What to do about a scored reading, most pressing cause first. */
export function generateRecommendations(
  result: AdviceSubject,
  language: Language = 'ko',
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): ReadonlyArray<string> {
  const text = ADVICE_TEXT[language];
  const alarm = result.alarm_status;
  const advice: string[] = [];
  if (alarm.pcb_temp_alarm || alarm.sensor_temp_alarm) advice.push(text.cool, text.considerPowerOff);
  if (result.arc_count > 0) advice.push(text.wiring, text.insulation);
  if (alarm.total_leakage) advice.push(text.breaker, text.grounding);
  if (result.co > config.thresholds.coPpm || result.voc > config.thresholds.vocUgM3) advice.push(text.ventilate, text.gasSource);
  if (result.risk_level === 'CRITICAL') advice.push(text.inspectNow, text.powerOffIfNeeded);
  return advice;
}

/** A device's stored state as the device table holds it (numbers may arrive as text from a store). */
export interface DeviceAdviceInfo {
  readonly current_risk_score?: number | string | null;
  readonly last_temperature?: number | string | null;
  readonly total_alarms?: number | string | null;
}

export interface DeviceAdviceHistoryItem {
  readonly arc_count?: number | string | null;
}

export interface DeviceRecommendation {
  readonly priority: 'HIGH' | 'MEDIUM';
  readonly type: 'IMMEDIATE_INSPECTION' | 'COOLING_CHECK' | 'ALARM_ANALYSIS' | 'ELECTRICAL_CHECK';
  readonly message: string;
  readonly action: 'INSPECT' | 'MAINTENANCE' | 'ANALYZE';
}

/** A stored number, or 0 when absent or unreadable (the source would have failed the request). */
function storedNumber(value: number | string | null | undefined): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Advice for the device page. `history` is in the order the source's query returned it (newest
 * first, at most the last day), and, as there, the arc check reads its last `historyLength` items.
 */
export function generateDeviceRecommendations(
  deviceInfo: DeviceAdviceInfo,
  history: ReadonlyArray<DeviceAdviceHistoryItem>,
  language: Language = 'ko',
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): ReadonlyArray<DeviceRecommendation> {
  const text = DEVICE_ADVICE_TEXT[language];
  const settings = config.deviceAdvice;
  const advice: DeviceRecommendation[] = [];
  const currentRisk = storedNumber(deviceInfo.current_risk_score);
  const lastTemp = storedNumber(deviceInfo.last_temperature);
  const totalAlarms = Math.trunc(storedNumber(deviceInfo.total_alarms));
  if (currentRisk > settings.riskScore) {
    advice.push({ priority: 'HIGH', type: 'IMMEDIATE_INSPECTION', message: text.inspect, action: 'INSPECT' });
  }
  if (lastTemp > config.thresholds.temperatureC.critical) {
    advice.push({ priority: 'HIGH', type: 'COOLING_CHECK', message: text.cooling, action: 'MAINTENANCE' });
  }
  if (totalAlarms > settings.alarmCount) {
    advice.push({ priority: 'MEDIUM', type: 'ALARM_ANALYSIS', message: text.alarms, action: 'ANALYZE' });
  }
  if (history.length > settings.historyLength) {
    let arcs = 0;
    for (const item of history.slice(history.length - settings.historyLength)) arcs += Math.trunc(storedNumber(item.arc_count));
    if (arcs > settings.arcSum) {
      advice.push({ priority: 'MEDIUM', type: 'ELECTRICAL_CHECK', message: text.electrical, action: 'MAINTENANCE' });
    }
  }
  return advice;
}
