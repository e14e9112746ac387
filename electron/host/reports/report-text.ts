import type { Language } from '../../../shared/scoring';

// The reports' words in the console's language (settings `language`).

export interface ReportText {
  readonly incidentTitle: string;
  readonly shiftTitle: string;
  readonly summary: string;
  readonly device: string;
  readonly zone: string;
  readonly firstOut: string;
  readonly highestPriority: string;
  readonly highestRisk: string;
  readonly start: string;
  readonly end: string;
  readonly duration: string;
  readonly timeToAck: string;
  readonly acknowledgedBy: string;
  readonly outcome: string;
  readonly state: string;
  readonly stillOpen: string;
  readonly notAcknowledged: string;
  readonly timeline: string;
  readonly time: string;
  readonly alarm: string;
  readonly priority: string;
  readonly change: string;
  readonly cause: string;
  readonly operator: string;
  readonly comment: string;
  readonly risk: string;
  readonly charts: string;
  readonly temperature: string;
  readonly electrical: string;
  readonly riskScore: string;
  readonly noReadings: string;
  readonly recommendations: string;
  readonly noRecommendations: string;
  readonly journal: string;
  readonly journalNote: string;
  readonly action: string;
  readonly hash: string;
  readonly noJournal: string;
  readonly made: string;
  readonly period: string;
  readonly alarmsByPriority: string;
  readonly eemua: string;
  readonly incidents: string;
  readonly noIncidents: string;
  readonly offline: string;
  readonly noneOffline: string;
  readonly shelvedOos: string;
  readonly noneShelved: string;
  readonly operatorActions: string;
  readonly noActions: string;
  readonly predictionNote: string;
  readonly markerLegend: string;
  readonly prediction: string;
  readonly devices: string;
  readonly measureNames: { readonly temperature: string; readonly current: string; readonly leakage_current: string };
  readonly insufficientData: (minutes: number) => string;
  readonly above: (threshold: string) => string;
  readonly notRising: (slope: string) => string;
  readonly rising: (threshold: string, minutes: string, slope: string, confidence: string) => string;
}

const KO: ReportText = {
  incidentTitle: '사고 보고서',
  shiftTitle: '근무 교대 보고서',
  summary: '요약',
  device: '장치',
  zone: '구역',
  firstOut: '최초 원인',
  highestPriority: '최고 우선순위',
  highestRisk: '최고 위험도',
  start: '시작',
  end: '종료',
  duration: '지속 시간',
  timeToAck: '확인까지 걸린 시간',
  acknowledgedBy: '확인한 운영자',
  outcome: '결과',
  state: '상태',
  stillOpen: '진행 중',
  notAcknowledged: '확인되지 않음',
  timeline: '경보 전이와 운영자 조치',
  time: '시각',
  alarm: '경보',
  priority: '우선순위',
  change: '전이',
  cause: '원인',
  operator: '운영자',
  comment: '의견',
  risk: '위험도',
  charts: '측정값',
  temperature: '온도',
  electrical: '전류와 누설 전류',
  riskScore: '위험 점수',
  noReadings: '이 기간에 저장된 측정값이 없습니다.',
  recommendations: '권장 조치',
  noRecommendations: '권장 조치가 없습니다.',
  journal: '저널 항목과 해시',
  journalNote: '각 항목의 해시는 이전 항목의 해시를 포함합니다 (해시 체인).',
  action: '조치',
  hash: '해시',
  noJournal: '이 사고에 대한 저널 항목이 없습니다.',
  made: '작성',
  period: '기간',
  alarmsByPriority: '우선순위별 경보',
  eemua: 'EEMUA 191 지표',
  incidents: '사고',
  noIncidents: '이 기간에 사고가 없습니다.',
  offline: '오프라인 장치',
  noneOffline: '오프라인 장치가 없습니다.',
  shelvedOos: '보류 및 서비스 중지 지점',
  noneShelved: '보류되거나 서비스 중지된 지점이 없습니다.',
  operatorActions: '운영자 조치',
  noActions: '운영자 조치가 없습니다.',
  predictionNote:
    '위험도는 각 전이 시점 또는 직전에 저장된 측정값의 점수입니다. 예측은 그 시점까지 저장된 측정값으로 콘솔의 분석(Theil–Sen 추세)이 내렸을 임계값 도달 예측입니다.',
  markerLegend: '세로선: 경보 전이 (! 경보 발생, A 확인, R 정상 복귀·미확인, N 정상), 색은 우선순위. 점선: 임계값.',
  prediction: '예측',
  devices: '관련 장치',
  measureNames: { temperature: '온도', current: '전류', leakage_current: '누설 전류' },
  insufficientData: (minutes) => `데이터 부족 (${minutes}분)`,
  above: (threshold) => `임계값 ${threshold} 초과`,
  notRising: (slope) => `상승 없음 (${slope}/분)`,
  rising: (threshold, minutes, slope, confidence) => `${minutes}분 후 ${threshold} 도달 예측 (${slope}/분, 신뢰도 ${confidence})`,
};

const EN: ReportText = {
  incidentTitle: 'Incident report',
  shiftTitle: 'Shift report',
  summary: 'Summary',
  device: 'Device',
  zone: 'Zone',
  firstOut: 'First-out cause',
  highestPriority: 'Highest priority',
  highestRisk: 'Highest risk',
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  timeToAck: 'Time to acknowledge',
  acknowledgedBy: 'Acknowledged by',
  outcome: 'Outcome',
  state: 'State',
  stillOpen: 'open',
  notAcknowledged: 'not acknowledged',
  timeline: 'Alarm transitions and operator actions',
  time: 'Time',
  alarm: 'Alarm',
  priority: 'Priority',
  change: 'Change',
  cause: 'Cause',
  operator: 'Operator',
  comment: 'Comment',
  risk: 'Risk',
  charts: 'Measures',
  temperature: 'Temperature',
  electrical: 'Current and leakage',
  riskScore: 'Risk score',
  noReadings: 'No readings were stored for this period.',
  recommendations: 'Recommendations',
  noRecommendations: 'No recommendations.',
  journal: 'Journal entries and hashes',
  journalNote: 'Each entry’s hash covers the hash of the entry before it (a hash chain).',
  action: 'Action',
  hash: 'Hash',
  noJournal: 'The journal holds no entries for this incident.',
  made: 'Made',
  period: 'Period',
  alarmsByPriority: 'Alarms by priority',
  eemua: 'EEMUA 191 figures',
  incidents: 'Incidents',
  noIncidents: 'No incidents in this period.',
  offline: 'Devices offline',
  noneOffline: 'No device went offline.',
  shelvedOos: 'Shelved and out-of-service points',
  noneShelved: 'No point was shelved or out of service.',
  operatorActions: 'Operator actions',
  noActions: 'No operator actions.',
  predictionNote:
    'Risk is the score of the stored reading at or just before each transition. Prediction is what the console’s analytics (Theil–Sen trend) forecast then, from the readings stored up to that moment.',
  markerLegend: 'Vertical lines: alarm transitions (! raised, A acknowledged, R returned unacknowledged, N normal), coloured by priority. Dashed: thresholds.',
  prediction: 'Prediction',
  devices: 'Devices involved',
  measureNames: { temperature: 'temperature', current: 'current', leakage_current: 'leakage' },
  insufficientData: (minutes) => `insufficient data (${minutes} min)`,
  above: (threshold) => `above the ${threshold} threshold`,
  notRising: (slope) => `not rising (${slope}/min)`,
  rising: (threshold, minutes, slope, confidence) => `reaches ${threshold} in ${minutes} min (${slope}/min, confidence ${confidence})`,
};

export function reportText(language: Language): ReportText {
  return language === 'ko' ? KO : EN;
}

/** `2026-03-01 09:00:05 UTC`: reports are filed, so their times say their zone. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${sec}s`;
}
