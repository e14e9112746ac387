import type { IncidentsMessages } from './incidents-messages';

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}시간 ${m}분` : m > 0 ? `${m}분 ${s % 60}초` : `${s}초`;
}

export const koIncidents: IncidentsMessages = {
  nav: '사고',
  title: '사고',
  intro: '사고는 장치(또는 구역 클러스터)의 첫 경보부터 그 안의 모든 경보가 정상으로 돌아오고 확인될 때까지입니다.',
  filters: {
    label: '사고 필터',
    from: '시작',
    to: '끝',
    device: '장치',
    zone: '구역',
    priority: '우선순위',
    state: '상태',
    any: '전체',
    open: '진행 중',
    closed: '종료',
    reset: '필터 지우기',
  },
  columns: {
    start: '시작',
    device: '장치',
    zone: '구역',
    firstOut: '최초 원인',
    priority: '최고 우선순위',
    state: '상태',
    duration: '지속 시간',
    timeToAck: '확인까지 걸린 시간',
    outcome: '결과',
    export: '보고서',
  },
  loading: '사고를 불러오는 중…',
  empty: '이 조건에 맞는 사고가 없습니다.',
  count: (n) => `사고 ${n}건`,
  stillOpen: '진행 중',
  exportPdf: 'PDF 내보내기',
  exportCsv: 'CSV 내보내기',
  exportLabel: (format, subject) => `${subject} 보고서를 ${format}(으)로 내보내기`,
  exporting: '보고서를 만드는 중…',
  exported: (file) => `${file} 저장됨`,
  exportFailed: (reason) => `보고서를 만들 수 없습니다: ${reason}`,
  shift: {
    title: '근무 교대 보고서',
    intro: '기간 동안의 우선순위별 경보, EEMUA 191 지표, 사고, 오프라인 장치, 보류된 지점과 운영자 조치 (최대 31일).',
    from: '근무 시작',
    to: '근무 끝',
    lastShift: '최근 8시간',
    badPeriod: '끝은 시작보다 뒤여야 합니다.',
  },
  device: {
    title: '이 장치의 사고',
    empty: '최근 7일 동안 사고가 없습니다.',
    all: '모든 사고',
  },
  duration,
  outcomes: {
    open: '진행 중',
    'open: shelved': '진행 중, 보류됨',
    'open: out of service': '진행 중, 서비스 중지',
    'closed: returned from service': '종료: 서비스 복귀',
    'closed: latched, reset by an operator': '종료: 래치 경보를 운영자가 재설정',
    'closed: after shelving': '종료: 보류 후',
    'closed: cleared, then acknowledged': '종료: 정상 복귀 후 확인',
    'closed: acknowledged, then cleared': '종료: 확인 후 정상 복귀',
  },
};
