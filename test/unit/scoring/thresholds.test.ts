import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_SCORING_CONFIG,
  STATUS_BIT_NAMES,
  confidence,
  createScoringEngine,
  determineAlertType,
  finalRisk,
  parseStatusBits,
  riskLevel,
  statusRisk,
} from '../../../shared/scoring/index';
import type { ScoredReading } from '../../../shared/scoring/index';
import { quietMessage } from './message-builder';

// Each rule of the analysis at its threshold: just below, at, and just above.

const engine = createScoringEngine({ history: false });

function score(overrides: Readonly<Record<string, unknown>>): ScoredReading {
  const outcome = engine.scoreMessage(quietMessage(overrides));
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: expected ${expected}, got ${actual}`);
}

describe('the quiet message', () => {
  test('scores zero risk', () => {
    const r = score({});
    assert.equal(r.rule_based_risk, 0);
    assert.equal(r.status_risk, 0);
    assert.equal(r.pattern_risk, 0);
    assert.equal(r.risk_score, 0);
    assert.equal(r.risk_level, 'NORMAL');
    assert.equal(r.confidence, 1);
    assert.equal(r.alert_type, 'GENERAL_RISK');
    assert.deepEqual(r.validation, { is_valid: true, warnings: [], errors: [] });
    assert.equal(r.risk_indicators.temperature_risk, 'LOW');
    near(r.risk_indicators.total_risk_score, 0.04, 'total');
  });
});

describe('temperature (the hotter of PCB and sensor, strictly above 60 / 50 / 40 °C)', () => {
  const cases: ReadonlyArray<readonly [number, string, number, number]> = [
    [39.9, 'LOW', 0.1, 0],
    [40, 'LOW', 0.1, 0],
    [40.1, 'MEDIUM', 0.4, 0.1],
    [50, 'MEDIUM', 0.4, 0.1],
    [50.1, 'HIGH', 0.7, 0.3],
    [59.9, 'HIGH', 0.7, 0.3],
    [60, 'HIGH', 0.7, 0.3],
    [60.1, 'CRITICAL', 1.0, 0.4],
  ];
  for (const [temp, band, tempScore, rule] of cases) {
    test(`sensor ${temp} °C → ${band}`, () => {
      const r = score({ sensorTemp: temp, pcbTemp: temp - 1 });
      assert.equal(r.risk_indicators.temperature_risk, band);
      assert.equal(r.risk_indicators.temperature_score, tempScore);
      near(r.rule_based_risk, rule, 'rule risk');
    });
  }
  test('the PCB temperature counts when it is the hotter one', () => {
    const r = score({ pcbTemp: 60.1, sensorTemp: 59 });
    assert.equal(r.risk_indicators.temperature_risk, 'CRITICAL');
    near(r.rule_based_risk, 0.4, 'rule');
  });
});

describe('voltage (above 234 V, or low voltage below 190 V)', () => {
  for (const [volt, adds] of [
    [233.9, false],
    [234, false],
    [234.1, true],
  ] as const) {
    test(`volt ${volt} → ${adds ? '+0.15' : 'nothing'}`, () => {
      // Keep the power consistent so only the voltage rule moves.
      const r = score({ volt, pwr: (volt * 5 * 0.95) / 1000 });
      near(r.rule_based_risk, adds ? 0.15 : 0, 'rule');
    });
  }
  for (const [voltLow, adds] of [
    [189.9, true],
    [190, false],
    [190.1, false],
  ] as const) {
    test(`voltLow ${voltLow} → ${adds ? '+0.15' : 'nothing'}`, () => {
      near(score({ voltLow }).rule_based_risk, adds ? 0.15 : 0, 'rule');
    });
  }
  test('both high and low count once', () => {
    near(score({ volt: 240, voltLow: 180, pwr: (240 * 5 * 0.95) / 1000 }).rule_based_risk, 0.15, 'rule');
  });
});

describe('current (above 100 A)', () => {
  for (const [ct, adds] of [
    [99.9, false],
    [100, false],
    [100.1, true],
  ] as const) {
    test(`ct ${ct} → ${adds ? '+0.2' : 'nothing'}`, () => {
      near(score({ ct, pwr: (220 * ct * 0.95) / 1000 }).rule_based_risk, adds ? 0.2 : 0, 'rule');
    });
  }
});

describe('leakage (total or resistive above 8 mA)', () => {
  for (const field of ['zct', 'rzct'] as const) {
    for (const [value, adds] of [
      [7.9, false],
      [8, false],
      [8.1, true],
    ] as const) {
      test(`${field} ${value} → ${adds ? '+0.25' : 'nothing'}`, () => {
        near(score({ [field]: value }).rule_based_risk, adds ? 0.25 : 0, 'rule');
      });
    }
  }
  test('both leaks count once', () => {
    near(score({ zct: 9, rzct: 9 }).rule_based_risk, 0.25, 'rule');
  });
});

describe('gas (CO above 17 ppm, VOC above 400 µg/m³)', () => {
  for (const [co, adds] of [
    [16.9, false],
    [17, false],
    [17.1, true],
  ] as const) {
    test(`co ${co}`, () => {
      const r = score({ co });
      near(r.rule_based_risk, adds ? 0.15 : 0, 'rule');
      near(r.risk_indicators.gas_risk_score, adds ? 0.2 : 0, 'gas indicator');
    });
  }
  for (const [voc, adds] of [
    [399.9, false],
    [400, false],
    [400.1, true],
  ] as const) {
    test(`voc ${voc}`, () => {
      const r = score({ voc });
      near(r.rule_based_risk, adds ? 0.1 : 0, 'rule');
      near(r.risk_indicators.gas_risk_score, adds ? 0.15 : 0, 'gas indicator');
    });
  }
});

describe('power factor (below 0.9)', () => {
  for (const [pFct, adds] of [
    [0.89, true],
    [0.9, false],
    [0.91, false],
  ] as const) {
    test(`pFct ${pFct}`, () => {
      near(score({ pFct, pwr: (220 * 5 * pFct) / 1000 }).rule_based_risk, adds ? 0.05 : 0, 'rule');
    });
  }
});

describe('arcs', () => {
  const cases: ReadonlyArray<readonly [number, number, number]> = [
    // count, rule part (0.02 each, at most 0.2), indicator part (0.05 each, at most 0.3)
    [0, 0, 0],
    [1, 0.02, 0.05],
    [5, 0.1, 0.25],
    [6, 0.12, 0.3],
    [10, 0.2, 0.3],
    [11, 0.2, 0.3],
    [1000, 0.2, 0.3],
  ];
  for (const [aArc, rule, electrical] of cases) {
    test(`${aArc} arcs`, () => {
      const r = score({ aArc });
      near(r.rule_based_risk, rule, 'rule');
      near(r.risk_indicators.electrical_risk_score, electrical, 'electrical');
      assert.equal(r.alert_type, aArc > 0 ? 'ARC_DETECTED' : 'GENERAL_RISK');
    });
  }
});

describe('rule risk is capped at 1', () => {
  test('everything at once', () => {
    const r = score({ pcbTemp: 80, volt: 250, ct: 150, zct: 20, aArc: 20, co: 40, voc: 900, pFct: 0.5 });
    assert.equal(r.rule_based_risk, 1);
  });
});

describe('status bits', () => {
  test('the twelve names, in bit order', () => {
    assert.deepEqual(STATUS_BIT_NAMES, [
      'overvoltage',
      'power_outage',
      'overcurrent',
      'total_leakage',
      'resistive_leakage',
      'power_anomaly',
      'pcb_temp_alarm',
      'sensor_temp_alarm',
      'co_alarm',
      'voc_alarm',
      'power_factor_alarm',
      'arc_alarm',
    ]);
  });
  STATUS_BIT_NAMES.forEach((name, bit) => {
    test(`bit ${bit} is ${name} and weighs ${DEFAULT_SCORING_CONFIG.status.weights[name]}`, () => {
      const alarm = parseStatusBits(1 << bit);
      for (const other of STATUS_BIT_NAMES) assert.equal(alarm[other], other === name, other);
      assert.equal(alarm.total_alarm_count, 1);
      assert.equal(alarm.communication_error, false);
      assert.equal(statusRisk(alarm, DEFAULT_SCORING_CONFIG), DEFAULT_SCORING_CONFIG.status.weights[name]);
    });
  });
  test('more than two alarms add 0.1 for each beyond two', () => {
    const two = parseStatusBits(0b11);
    near(statusRisk(two, DEFAULT_SCORING_CONFIG), 0.25, 'two alarms');
    const three = parseStatusBits(0b111);
    near(statusRisk(three, DEFAULT_SCORING_CONFIG), 0.1 + 0.15 + 0.2 + 0.1, 'three alarms');
    assert.equal(statusRisk(parseStatusBits(0xfff), DEFAULT_SCORING_CONFIG), 1, 'capped at 1');
  });
  test('status ≥ 4096 is a communication error with a fixed risk of 0.8', () => {
    assert.equal(parseStatusBits(4095).communication_error, false);
    const comm = parseStatusBits(4096);
    assert.equal(comm.communication_error, true);
    assert.equal(comm.total_alarm_count, 0);
    assert.equal(statusRisk(comm, DEFAULT_SCORING_CONFIG), 0.8);
    assert.equal(statusRisk(parseStatusBits(4096 + 0xfff), DEFAULT_SCORING_CONFIG), 0.8);
  });
  test('bits beyond 32 bits still decode their low twelve bits', () => {
    const alarm = parseStatusBits(2 ** 40 + 1);
    assert.equal(alarm.overvoltage, true);
    assert.equal(alarm.total_alarm_count, 1);
    assert.equal(alarm.communication_error, true);
  });
  test('overvoltage, overcurrent and total leakage feed the electrical indicator', () => {
    near(score({ status: 1 }).risk_indicators.electrical_risk_score, 0.15, 'overvoltage');
    near(score({ status: 4 }).risk_indicators.electrical_risk_score, 0.2, 'overcurrent');
    near(score({ status: 8 }).risk_indicators.electrical_risk_score, 0.25, 'leakage');
    near(score({ status: 16 }).risk_indicators.electrical_risk_score, 0, 'resistive leakage does not');
  });
});

describe('pattern risk', () => {
  for (const [diff, expected] of [
    [10, 0],
    [10.5, 0.05],
    [20, 0.05],
    [20.5, 0.15],
  ] as const) {
    test(`PCB and sensor ${diff} °C apart → ${expected}`, () => {
      near(score({ pcbTemp: 30, sensorTemp: 30 + diff }).pattern_risk, expected, 'pattern');
    });
  }
  test('power is compared in kW: V·I·PF/1000 within 20 % of pwr is consistent', () => {
    // 220 V × 5 A × 0.95 = 1.045 kW.
    near(score({ pwr: 1.045 * 1.19 }).pattern_risk, 0, 'within 20 %');
    near(score({ pwr: 1.045 * 0.81 }).pattern_risk, 0, 'within 20 % below');
    near(score({ pwr: 1.045 * 1.25 }).pattern_risk, 0.1, 'beyond 20 %');
    near(score({ pwr: 1045 }).pattern_risk, 0.1, 'watts where kW belong');
  });
  test("Ohm's law: V/I below 1 Ω or above 1000 Ω, judged above 0.1 A", () => {
    const consistent = (volt: number, ct: number): Record<string, number> => ({ volt, ct, pwr: (volt * ct * 0.95) / 1000 });
    near(score(consistent(220, 0.1)).pattern_risk, 0, '2200 Ω at 0.1 A is not judged');
    near(score(consistent(220, 0.2)).pattern_risk, 0.1, '1100 Ω');
    near(score(consistent(200, 0.2)).pattern_risk, 0, 'exactly 1000 Ω');
    near(score(consistent(150, 150)).pattern_risk, 0, 'exactly 1 Ω');
    near(score(consistent(100, 150)).pattern_risk, 0.1, 'below 1 Ω');
  });
});

describe('final risk, level and confidence', () => {
  test('weights 0.4 / 0.3 / 0.3, times the modifier, capped at 1', () => {
    near(finalRisk(1, 0, 0, 1, DEFAULT_SCORING_CONFIG), 0.4, 'rule');
    near(finalRisk(0, 1, 0, 1, DEFAULT_SCORING_CONFIG), 0.3, 'status');
    near(finalRisk(0, 0, 1, 1, DEFAULT_SCORING_CONFIG), 0.3, 'pattern');
    near(finalRisk(0.5, 0.5, 0.5, 1.5, DEFAULT_SCORING_CONFIG), 0.75, 'modifier');
    assert.equal(finalRisk(1, 1, 1, 2, DEFAULT_SCORING_CONFIG), 1);
  });
  for (const [scoreValue, level] of [
    [0.19999, 'NORMAL'],
    [0.2, 'LOW'],
    [0.4, 'MEDIUM'],
    [0.6, 'HIGH'],
    [0.79999, 'HIGH'],
    [0.8, 'CRITICAL'],
    [1, 'CRITICAL'],
  ] as const) {
    test(`${scoreValue} is ${level}`, () => assert.equal(riskLevel(scoreValue, DEFAULT_SCORING_CONFIG), level));
  }
  test('confidence is 1 − |rule − status| / 2, kept within 0.5 … 1', () => {
    assert.equal(confidence(0.3, 0.3, DEFAULT_SCORING_CONFIG), 1);
    near(confidence(0.5, 0.1, DEFAULT_SCORING_CONFIG), 0.8, 'difference 0.4');
    assert.equal(confidence(1, 0, DEFAULT_SCORING_CONFIG), 0.5);
    assert.equal(confidence(0, 0.8, DEFAULT_SCORING_CONFIG), 0.6);
  });
});

describe('validation', () => {
  test('ranges: voltage 0…300, current 0…200, temperatures −10…100', () => {
    assert.deepEqual(score({ volt: 0, pwr: 0 }).validation.errors, []);
    assert.deepEqual(score({ volt: 300, pwr: 1.425 }).validation.errors, []);
    assert.deepEqual(score({ volt: 300.1 }).validation.errors, ['VOLTAGE_OUT_OF_RANGE']);
    assert.deepEqual(score({ volt: -0.1 }).validation.errors, ['VOLTAGE_OUT_OF_RANGE']);
    assert.deepEqual(score({ ct: 200.1 }).validation.errors, ['CURRENT_OUT_OF_RANGE']);
    assert.deepEqual(score({ ct: -1 }).validation.errors, ['CURRENT_OUT_OF_RANGE']);
    assert.deepEqual(score({ pcbTemp: -10.1 }).validation.errors, ['PCB_TEMPERATURE_OUT_OF_RANGE']);
    assert.deepEqual(score({ sensorTemp: 100.1 }).validation.errors, ['SENSOR_TEMPERATURE_OUT_OF_RANGE']);
    assert.deepEqual(score({ pcbTemp: -10, sensorTemp: 100 }).validation.errors, []);
  });
  test('errors come in the source order and make the reading invalid, but it is still scored', () => {
    const r = score({ volt: 400, ct: 300, pcbTemp: 120, sensorTemp: -20 });
    assert.deepEqual(r.validation.errors, [
      'VOLTAGE_OUT_OF_RANGE',
      'CURRENT_OUT_OF_RANGE',
      'PCB_TEMPERATURE_OUT_OF_RANGE',
      'SENSOR_TEMPERATURE_OUT_OF_RANGE',
    ]);
    assert.equal(r.validation.is_valid, false);
    assert.ok(r.risk_score > 0);
  });
  test('a verifySts that differs from status is a warning, not an error', () => {
    const r = score({ status: 1, verifySts: 3 });
    assert.deepEqual(r.validation.warnings, ['STATUS_VERIFY_MISMATCH']);
    assert.equal(r.validation.is_valid, true);
    assert.deepEqual(score({ status: 3, verifySts: 3 }).validation.warnings, []);
  });
});

describe('alert type', () => {
  const quiet = parseStatusBits(0);
  test('most urgent cause first', () => {
    assert.equal(determineAlertType(parseStatusBits(64 | 2048 | 8), 3), 'TEMPERATURE_CRITICAL');
    assert.equal(determineAlertType(parseStatusBits(128), 0), 'TEMPERATURE_CRITICAL');
    assert.equal(determineAlertType(parseStatusBits(2048 | 8), 0), 'ARC_DETECTED');
    assert.equal(determineAlertType(quiet, 1), 'ARC_DETECTED');
    assert.equal(determineAlertType(parseStatusBits(16 | 4), 0), 'ELECTRICAL_LEAKAGE');
    assert.equal(determineAlertType(parseStatusBits(4 | 256), 0), 'OVERCURRENT');
    assert.equal(determineAlertType(parseStatusBits(512), 0), 'GAS_DETECTION');
    assert.equal(determineAlertType(parseStatusBits(1 | 2 | 32 | 1024), 0), 'GENERAL_RISK');
  });
});
