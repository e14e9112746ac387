// A quiet device message (no alarm, no rule or pattern risk) that tests change one field at a time.

export const QUIET_TIME = '2026-03-01T09:00:00.000Z';

export function quietMessage(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    deviceId: 'TEST001',
    idx: 1,
    status: 0,
    volt: 220.0,
    voltLow: 220.0,
    ct: 5.0,
    zct: 0.5,
    rzct: 0.3,
    pwr: 1.045,
    pcbTemp: 35.0,
    sensorTemp: 37.0,
    co: 5.0,
    voc: 50.0,
    pFct: 0.95,
    aArc: 0,
    timestamp: QUIET_TIME,
    ...overrides,
  };
}

/** The same quiet message in the IoT rule's spelling. */
export function quietRuleMessage(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    deviceId: 'TEST001',
    idx: 1,
    status: 0,
    volt: 220.0,
    voltLow: 220.0,
    current: 5.0,
    leakage_current: 0.5,
    resistive_leakage: 0.3,
    power: 1.045,
    pcbTemp: 35.0,
    sensorTemp: 37.0,
    co: 5.0,
    voc: 50.0,
    power_factor: 0.95,
    arc_count: 0,
    timestamp: Date.parse(QUIET_TIME),
    ...overrides,
  };
}

/** Epoch milliseconds plus `seconds`, as an ISO string. */
export function isoAfter(seconds: number, from: string = QUIET_TIME): string {
  return new Date(Date.parse(from) + seconds * 1000).toISOString();
}
