import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createScoringEngine,
  generateAlertMessage,
  generateDeviceRecommendations,
  generateRecommendations,
} from '../../../shared/scoring/index';
import type { Language, ScoredReading } from '../../../shared/scoring/index';
import { formatFixed } from '../../../shared/scoring/python-format';
import { quietMessage } from './message-builder';

function scored(overrides: Readonly<Record<string, unknown>>): ScoredReading {
  const outcome = createScoringEngine({ history: false }).scoreMessage(quietMessage(overrides));
  assert.ok(outcome.ok);
  return outcome.result;
}

// Everything bad at once: temperature alarm bits, arcs, leakage alarm, CO and VOC, and implausible
// power and resistance so that even without history the score reaches CRITICAL.
const alarming = scored({
  status: 64 | 128 | 8 | 2048 | 256 | 512,
  pcbTemp: 71.25,
  sensorTemp: 45,
  voltLow: 180,
  ct: 0.2,
  pwr: 50,
  aArc: 4,
  zct: 12.34,
  co: 23.95,
  voc: 612.5,
  timestamp: '2026-03-01T09:05:07.250Z',
});

const GARBLED = ['\uFFFD', '적검', '냉감', '쁛', '상성', '분을', '발상', '아포', '끆', '에률', ' 데 '];

function assertClean(text: string): void {
  for (const bad of GARBLED) assert.ok(!text.includes(bad), `${JSON.stringify(bad)} in ${JSON.stringify(text)}`);
}

describe('alert message', () => {
  test('the reading is critical', () => {
    assert.equal(alarming.risk_level, 'CRITICAL');
  });

  test('Korean, as the source wrote it, with its syllables restored', () => {
    const text = generateAlertMessage(alarming, 'ko');
    assert.equal(
      text,
      [
        '🚨 화재 위험 감지 - 디바이스 TEST001',
        `위험도: CRITICAL (${formatFixed(alarming.risk_score, 2)})`,
        '시간: 2026-03-01 09:05:07',
        '',
        '⚠️ 고온 감지: 71.2°C',
        '⚡ 아크 발생: 4회',
        '💧 누전 감지: 12.3mA',
        '💨 CO 가스: 23.9ppm',
        '🌫️ VOC: 612.5μg/m³',
        '',
      ].join('\n'),
    );
    assertClean(text);
  });

  test('English', () => {
    const text = generateAlertMessage(alarming, 'en');
    assert.match(text, /^🚨 Fire risk detected - device TEST001\nRisk: CRITICAL \(\d\.\d\d\)\nTime: 2026-03-01 09:05:07\n\n/);
    assert.match(text, /High temperature: 71\.2°C/);
    assert.match(text, /Arcing: 4 times/);
    assert.match(text, /Leakage current: 12\.3mA/);
    assert.match(text, /CO gas: 23\.9ppm/);
    assert.match(text, /VOC: 612\.5μg\/m³/);
  });

  test('a quiet reading has only the header lines', () => {
    const quiet = scored({});
    assert.equal(generateAlertMessage(quiet, 'ko').split('\n').filter((l) => l.length > 0).length, 3);
  });

  test('the temperature line needs the alarm bit, not just the heat (as in the source)', () => {
    assert.ok(!generateAlertMessage(scored({ pcbTemp: 80 }), 'en').includes('High temperature'));
  });
});

describe('recommendations', () => {
  test('Korean, in the source order', () => {
    const advice = generateRecommendations(alarming, 'ko');
    assert.deepEqual(advice, [
      '즉시 냉각 조치 및 환기 확인',
      '전원 차단 검토',
      '배선 연결부 점검',
      '절연체 상태 확인',
      '누전 차단기 작동 확인',
      '접지 상태 점검',
      '즉시 환기 실시',
      '가스 누출원 확인',
      '🚨 즉시 현장 점검 필요',
      '필요시 전원 차단 고려',
    ]);
    advice.forEach(assertClean);
  });
  test('English has the same number of items', () => {
    const ko = generateRecommendations(alarming, 'ko');
    const en = generateRecommendations(alarming, 'en');
    assert.equal(en.length, ko.length);
    for (const item of en) assert.match(item, /^[\x20-\x7E🚨]+$/u);
  });
  test('a quiet reading needs nothing', () => {
    assert.deepEqual(generateRecommendations(scored({}), 'ko'), []);
  });
  test('gas alone asks for ventilation', () => {
    assert.deepEqual(generateRecommendations(scored({ voc: 450 }), 'en'), ['Ventilate immediately', 'Find the source of the gas']);
  });
});

describe('device recommendations', () => {
  const quietInfo = { current_risk_score: 0.1, last_temperature: 35, total_alarms: 0 };
  test('nothing for a quiet device', () => {
    assert.deepEqual(generateDeviceRecommendations(quietInfo, [], 'ko'), []);
  });
  test('risk above 0.7, temperature above 60 °C, more than 10 alarms', () => {
    const advice = generateDeviceRecommendations({ current_risk_score: 0.71, last_temperature: 60.1, total_alarms: 11 }, [], 'ko');
    assert.deepEqual(
      advice.map((a) => [a.priority, a.type, a.action, a.message]),
      [
        ['HIGH', 'IMMEDIATE_INSPECTION', 'INSPECT', '즉시 현장 점검이 필요합니다.'],
        ['HIGH', 'COOLING_CHECK', 'MAINTENANCE', '냉각 시스템 점검 및 환기 확인이 필요합니다.'],
        ['MEDIUM', 'ALARM_ANALYSIS', 'ANALYZE', '반복적인 알람 발생 원인 분석이 필요합니다.'],
      ],
    );
    assert.deepEqual(generateDeviceRecommendations({ current_risk_score: 0.7, last_temperature: 60, total_alarms: 10 }, [], 'ko'), []);
  });
  test('more than five arcs in the last ten of more than ten history items', () => {
    const history = (arcs: ReadonlyArray<number>): ReadonlyArray<{ arc_count: number }> => arcs.map((a) => ({ arc_count: a }));
    const eleven = history([9, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2]);
    const advice = generateDeviceRecommendations(quietInfo, eleven, 'en');
    assert.deepEqual(
      advice.map((a) => a.type),
      ['ELECTRICAL_CHECK'],
    );
    assert.deepEqual(generateDeviceRecommendations(quietInfo, history([9, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]), 'en'), [], 'five arcs');
    assert.deepEqual(generateDeviceRecommendations(quietInfo, history([9, 9, 9, 9, 9, 9, 9, 9, 9, 9]), 'en'), [], 'ten items');
  });
  test('numbers stored as text are read; unreadable ones count as 0', () => {
    const advice = generateDeviceRecommendations({ current_risk_score: '0.9', last_temperature: 'n/a', total_alarms: null }, [], 'en');
    assert.deepEqual(
      advice.map((a) => a.type),
      ['IMMEDIATE_INSPECTION'],
    );
  });
  test('every text is clean in both languages', () => {
    for (const language of ['ko', 'en'] as const satisfies ReadonlyArray<Language>) {
      const all = generateDeviceRecommendations(
        { current_risk_score: 1, last_temperature: 90, total_alarms: 50 },
        Array.from({ length: 20 }, () => ({ arc_count: 3 })),
        language,
      );
      assert.equal(all.length, 4);
      for (const a of all) assertClean(a.message);
    }
  });
});

describe('Python number formatting', () => {
  const cases: ReadonlyArray<readonly [number, number, string]> = [
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.005, 2, '0.01'],
    [1.005, 2, '1.00'],
    [71.25, 1, '71.2'],
    [71.35, 1, '71.3'],
    [612.5, 1, '612.5'],
    [-0.125, 2, '-0.12'],
    [-0, 2, '-0.00'],
    [1e22, 1, '10000000000000000000000.0'],
    [Number.NaN, 2, 'nan'],
    [Number.POSITIVE_INFINITY, 2, 'inf'],
  ];
  for (const [value, digits, expected] of cases) {
    test(`format(${value}, '.${digits}f') is ${expected}`, () => assert.equal(formatFixed(value, digits), expected));
  }
});
