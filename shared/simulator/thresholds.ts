/**
 * The device firmware's alarm levels. Status bits are derived from the reported (rounded) values with
 * these, so a consumer that re-checks a value against the bit always agrees with the simulator.
 *
 * Sources: `seeds/004_725b121f020f92d7.txt`, part 1 — `calculate_risk_indicators` and
 * `rule_based_analysis`, whose comments quote the device documentation ("Discrete 주석 기준"),
 * and the end-to-end test message (status 2048 with aArc 3, pcbTemp 55, sensorTemp 58, co 12, voc 200).
 * Where the seed gives no level the choice is ours and says so.
 */
export const STATUS_THRESHOLDS = {
  /** bit 0, volt > 234 V: "234V 이상 고전압" (rule_based_analysis). */
  overvoltageV: 234,
  /**
   * bit 1, voltLow < 22 V. The seed names the bit (정전, outage) but gives no level; its 190 V is a
   * low-voltage risk, not an outage. IEC 61000-4-30 counts a supply interruption below 10 % of the
   * declared voltage, i.e. 22 V on 220 V. voltLow is the period's minimum, so a short interruption
   * inside a reporting period still shows.
   */
  outageVoltLowV: 22,
  /** bit 2, ct > 100 A: "고전류(100A 기준)" (calculate_risk_indicators). */
  overcurrentA: 100,
  /** bit 3, zct > 8 mA: "누전(8mA 기준)" (calculate_risk_indicators). */
  totalLeakageMa: 8,
  /** bit 4, rzct > 8 mA: rule_based_analysis applies the same 8 mA to resistive leakage. */
  resistiveLeakageMa: 8,
  /**
   * bit 5, pwr > 20 kW. The seed is silent. A 220 V branch at the seed's 100 A overcurrent level and
   * its 0.9 power-factor floor carries 19.8 kW, so more than 20 kW is beyond what the circuit is for.
   */
  powerAnomalyKw: 20,
  /** bit 6, pcbTemp > 60 °C: "Discrete 주석 기준: 60°C" (calculate_risk_indicators, > 60 is CRITICAL). */
  pcbTempC: 60,
  /** bit 7, sensorTemp > 60 °C: the same documented 60 °C. */
  sensorTempC: 60,
  /** bit 8, co > 17 ppm: "17ppm 초과". */
  coPpm: 17,
  /** bit 9, voc > 400 µg/m³: "400μg/m³ 초과". */
  vocUgM3: 400,
  /** bit 10, pFct < 0.9: "역률 이상 (Discrete 주석: 90% 기준)" (rule_based_analysis). */
  powerFactorMin: 0.9,
  /**
   * bit 10 is only judged with ct ≥ 0.5 A. Our choice: the power factor of an unloaded or unpowered
   * circuit is meaningless, and an outage should not also raise a power-factor alarm.
   */
  powerFactorMinCurrentA: 0.5,
  /** bit 11, aArc ≥ 1: the seed's E2E message sets 2048 for aArc 3; its scoring counts any arc. */
  arcCountMin: 1,
  /** status ≥ 4096 is a communication error (parse_status_bits; the IoT rule drops such messages). */
  communicationError: 4096,
} as const;

/** Bit positions, in the seed's order (parse_status_bits). */
export const STATUS_BIT = {
  overvoltage: 0,
  power_outage: 1,
  overcurrent: 2,
  total_leakage: 3,
  resistive_leakage: 4,
  power_anomaly: 5,
  pcb_temp_alarm: 6,
  sensor_temp_alarm: 7,
  co_alarm: 8,
  voc_alarm: 9,
  power_factor_alarm: 10,
  arc_alarm: 11,
} as const;

export type StatusBitName = keyof typeof STATUS_BIT;

/** The values the bits are judged on. */
export interface StatusInputs {
  readonly volt: number;
  readonly voltLow: number;
  readonly ct: number;
  readonly zct: number;
  readonly rzct: number;
  readonly pwr: number;
  readonly pcbTemp: number;
  readonly sensorTemp: number;
  readonly co: number;
  readonly voc: number;
  readonly pFct: number;
  readonly aArc: number;
}

/** The 12 alarm bits (0…4095) the firmware sets for these values; no communication flag. */
export function statusBitsFor(v: StatusInputs): number {
  const t = STATUS_THRESHOLDS;
  const conditions: ReadonlyArray<readonly [StatusBitName, boolean]> = [
    ['overvoltage', v.volt > t.overvoltageV],
    ['power_outage', v.voltLow < t.outageVoltLowV],
    ['overcurrent', v.ct > t.overcurrentA],
    ['total_leakage', v.zct > t.totalLeakageMa],
    ['resistive_leakage', v.rzct > t.resistiveLeakageMa],
    ['power_anomaly', v.pwr > t.powerAnomalyKw],
    ['pcb_temp_alarm', v.pcbTemp > t.pcbTempC],
    ['sensor_temp_alarm', v.sensorTemp > t.sensorTempC],
    ['co_alarm', v.co > t.coPpm],
    ['voc_alarm', v.voc > t.vocUgM3],
    ['power_factor_alarm', v.ct >= t.powerFactorMinCurrentA && v.pFct < t.powerFactorMin],
    ['arc_alarm', v.aArc >= t.arcCountMin],
  ];
  let bits = 0;
  for (const [name, on] of conditions) if (on) bits |= 1 << STATUS_BIT[name];
  return bits;
}

/** Names of the bits set in a status word, in bit order. */
export function statusBitNames(status: number): ReadonlyArray<StatusBitName> {
  return (Object.keys(STATUS_BIT) as StatusBitName[]).filter((name) => (status & (1 << STATUS_BIT[name])) !== 0);
}
