import type { RawReading } from './physics';
import { STATUS_THRESHOLDS, statusBitsFor } from './thresholds';
import type { DeviceReading } from './types';

/** Decimals the firmware reports with; pwr is recomputed from the rounded values so it stays consistent. */
export const RESOLUTION = {
  volt: 1,
  voltLow: 1,
  ct: 2,
  zct: 2,
  rzct: 2,
  pwr: 3,
  pcbTemp: 1,
  sensorTemp: 1,
  co: 1,
  voc: 1,
  pFct: 2,
} as const;

export const DEVICE_TOPIC_PREFIX = 'fire-prediction/device/';

export function deviceDataTopic(deviceId: string): string {
  return `${DEVICE_TOPIC_PREFIX}${deviceId}/data`;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  // Avoid -0 in JSON-bound data.
  return r === 0 ? 0 : r;
}

/**
 * What the firmware would publish for these measurements: values rounded to its resolution, power
 * from the rounded voltage, current and power factor (kW), status bits judged on the rounded values.
 */
export function toDeviceReading(
  raw: RawReading,
  meta: { readonly deviceId: string; readonly idx: number; readonly timestampMs: number; readonly commError: boolean },
): DeviceReading {
  const volt = roundTo(raw.volt, RESOLUTION.volt);
  const ct = roundTo(raw.ct, RESOLUTION.ct);
  const pFct = roundTo(raw.pFct, RESOLUTION.pFct);
  const values = {
    volt,
    voltLow: roundTo(raw.voltLow, RESOLUTION.voltLow),
    ct,
    zct: roundTo(raw.zct, RESOLUTION.zct),
    rzct: roundTo(raw.rzct, RESOLUTION.rzct),
    pwr: roundTo((volt * ct * pFct) / 1000, RESOLUTION.pwr),
    pcbTemp: roundTo(raw.pcbTemp, RESOLUTION.pcbTemp),
    sensorTemp: roundTo(raw.sensorTemp, RESOLUTION.sensorTemp),
    co: roundTo(raw.co, RESOLUTION.co),
    voc: roundTo(raw.voc, RESOLUTION.voc),
    pFct,
    aArc: Math.max(0, Math.round(raw.aArc)),
  };
  const status = statusBitsFor(values) + (meta.commError ? STATUS_THRESHOLDS.communicationError : 0);
  return { deviceId: meta.deviceId, idx: meta.idx, status, ...values, timestampMs: meta.timestampMs };
}

/** A device message as published: numbers and strings only, in the firmware's field order. */
export type DeviceMessagePayload = Readonly<Record<string, string | number>>;

export interface MessageFormat {
  readonly spelling: 'device' | 'iot';
  readonly timestamps: 'iso' | 'epoch';
  /** Adds `verifySts`, the firmware's second copy of the status bits. */
  readonly verifySts: boolean;
}

/** The payload of a reading in the device spelling, or as the source system's IoT rule renames it. */
export function buildDeviceMessage(reading: DeviceReading, format: MessageFormat): DeviceMessagePayload {
  const iot = format.spelling === 'iot';
  const payload: Record<string, string | number> = {
    deviceId: reading.deviceId,
    idx: reading.idx,
    status: reading.status,
    volt: reading.volt,
    voltLow: reading.voltLow,
    [iot ? 'current' : 'ct']: reading.ct,
    [iot ? 'leakage_current' : 'zct']: reading.zct,
    [iot ? 'resistive_leakage' : 'rzct']: reading.rzct,
    [iot ? 'power' : 'pwr']: reading.pwr,
    pcbTemp: reading.pcbTemp,
    sensorTemp: reading.sensorTemp,
    co: reading.co,
    voc: reading.voc,
    [iot ? 'power_factor' : 'pFct']: reading.pFct,
    [iot ? 'arc_count' : 'aArc']: reading.aArc,
    timestamp: format.timestamps === 'epoch' ? reading.timestampMs : new Date(reading.timestampMs).toISOString(),
  };
  if (format.verifySts) payload['verifySts'] = reading.status;
  return payload;
}
