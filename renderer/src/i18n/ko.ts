import { koAlarms } from './ko-alarms';
import { koViews } from './ko-views';
import type { Messages } from './messages';

export const ko: Messages = {
  ...koViews,
  ...koAlarms,
  appTitle: 'Emberwatch',
  emptyValue: '—',
  language: { label: '언어' },
  link: {
    label: '호스트 연결',
    state: { connecting: '연결 중…', live: '실시간', stale: '갱신 지연', down: '연결 끊김' },
    lastMessage: (age) => `마지막 수신 ${age}`,
    protocolMismatch: (host, ours) => `호스트 프로토콜 ${host}, 콘솔 프로토콜 ${ours}: 업데이트 후 다시 불러오세요`,
  },
  health: {
    label: '콘솔 상태',
    waiting: '콘솔 상태 확인 중…',
    status: { ok: '콘솔 정상', degraded: '콘솔 성능 저하', down: '콘솔 중단' },
    ingestRate: (rate) => `초당 ${rate}건`,
    connectionsLabel: 'MQTT 연결',
    noConnection: '설정된 연결 없음',
    connectionState: {
      connecting: '연결 중',
      connected: '연결됨',
      reconnecting: '재연결 중',
      offline: '오프라인',
      closed: '종료됨',
    },
    nearLimit: '한도 근접',
    demo: '데모 장치',
  },
  grid: {
    label: '장치',
    columns: {
      risk: '위험도',
      deviceId: '장치',
      name: '이름',
      zone: '구역',
      lastSeen: '최종 수신',
      temperature: '온도 °C',
      current: '전류 A',
      status: '상태',
    },
    loading: '장치 목록을 불러오는 중…',
    empty: '아직 보고한 장치가 없습니다.',
    deviceCount: (count) => `장치 ${count}대`,
    stale: (asOf) => `갱신되지 않고 있습니다. ${asOf}에 마지막으로 받은 데이터입니다.`,
    staleNever: '갱신되지 않고 있습니다. 콘솔 호스트로부터 받은 데이터가 없습니다.',
    noFlags: '없음',
    offline: '무응답',
    unassignedZone: '미지정',
  },
  risk: {
    CRITICAL: '위험',
    HIGH: '높음',
    MEDIUM: '보통',
    LOW: '낮음',
    NORMAL: '정상',
    UNSCORED: '평가 없음',
  },
  statusFlags: {
    communication_error: '통신 장애',
    overvoltage: '과전압',
    power_outage: '정전',
    overcurrent: '과전류',
    total_leakage: '누전',
    resistive_leakage: '저항성 누전',
    power_anomaly: '전력 이상',
    pcb_temp_alarm: '기판 온도',
    sensor_temp_alarm: '센서 온도',
    co_alarm: 'CO',
    voc_alarm: 'VOC',
    power_factor_alarm: '역률',
    arc_alarm: '아크',
  },
  statusFlagsLong: {
    communication_error: '통신 장애',
    overvoltage: '과전압',
    power_outage: '정전',
    overcurrent: '과전류',
    total_leakage: '누설전류(전체)',
    resistive_leakage: '누설전류(저항성)',
    power_anomaly: '전력 이상',
    pcb_temp_alarm: '기판 온도 경보',
    sensor_temp_alarm: '센서 온도 경보',
    co_alarm: '일산화탄소 경보',
    voc_alarm: '휘발성 유기화합물 경보',
    power_factor_alarm: '역률 경보',
    arc_alarm: '아크 경보',
  },
  age: (age) => {
    switch (age.unit) {
      case 'never':
        return '수신 없음';
      case 'now':
        return '방금';
      case 'seconds':
        return `${age.value}초 전`;
      case 'minutes':
        return `${age.value}분 전`;
      case 'hours':
        return `${age.value}시간 전`;
      case 'days':
        return `${age.value}일 전`;
    }
  },
};
