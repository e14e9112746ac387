/**
 * A device's history from the console's local store, downsampled for a chart: `device.history` over
 * the protocol, `GET /api/device/:id/history?from=&to=&points=` over REST.
 */

/** Largest number of points one request may ask for. */
export const MAX_HISTORY_POINTS = 10_000;
export const DEFAULT_HISTORY_POINTS = 720;

export interface DeviceHistoryParams {
  readonly id: string;
  /** ISO-8601 or epoch milliseconds (event time); default: 24 hours before `to`. */
  readonly from?: string | number;
  /** ISO-8601 or epoch milliseconds, exclusive; default: just after the device's newest reading. */
  readonly to?: string | number;
  /** At most this many points (buckets); default 720. */
  readonly points?: number;
}

/** One bucket of readings: its start, how many readings it holds, and their aggregates. */
export interface HistoryPoint {
  readonly timestamp: string;
  readonly readings: number;
  /** max(PCB, sensor) temperature, °C, as the seed's charts drew it. */
  readonly temperature_min: number | null;
  readonly temperature_avg: number | null;
  readonly temperature_max: number | null;
  readonly risk_score_avg: number | null;
  readonly risk_score_max: number | null;
  /** Arcs counted in the bucket (sum). */
  readonly arc_count: number;
  readonly voltage_min: number | null;
  readonly voltage_avg: number | null;
  readonly voltage_max: number | null;
  readonly current_min: number | null;
  readonly current_avg: number | null;
  readonly current_max: number | null;
  readonly leakage_current_avg: number | null;
  readonly leakage_current_max: number | null;
  /** The two temperature sensors apart, CO (ppm), VOC (µg/m³) and power factor (its minimum is the one that matters). */
  readonly pcb_temperature_avg?: number | null;
  readonly pcb_temperature_max?: number | null;
  readonly sensor_temperature_avg?: number | null;
  readonly sensor_temperature_max?: number | null;
  readonly co_avg?: number | null;
  readonly co_max?: number | null;
  readonly voc_avg?: number | null;
  readonly voc_max?: number | null;
  readonly power_factor_avg?: number | null;
  readonly power_factor_min?: number | null;
}

export interface DeviceHistoryResponse {
  readonly device_id: string;
  readonly from: string;
  readonly to: string;
  /** Width of each bucket, seconds (fractions for sub-second buckets). */
  readonly bucket_s: number;
  /** `raw`: from the readings themselves; `rollup`: from the stored 1-minute aggregates. */
  readonly source: 'raw' | 'rollup';
  /** Buckets with at least one reading, oldest first. */
  readonly points: ReadonlyArray<HistoryPoint>;
}
