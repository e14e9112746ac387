import type { DeviceHistoryParams } from '../../../shared/protocol';
import { DEFAULT_HISTORY_POINTS, MAX_HISTORY_POINTS, ProtocolError } from '../../../shared/protocol';

export const DEFAULT_HISTORY_SPAN_MS = 24 * 3_600_000;

export interface HistoryWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly points: number;
}

function timeParam(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new ProtocolError('BAD_REQUEST', `${name} must be an ISO-8601 time or epoch milliseconds`);
  return Math.floor(ms);
}

/**
 * The window a history request asks for. Without `to` it ends just after the device's newest reading
 * (event time, so a replay or a device with a wrong clock still shows its data); without `from` it
 * spans the 24 hours before `to`.
 */
export function historyWindow(params: DeviceHistoryParams, newestTs: number | null, nowMs: number): HistoryWindow {
  const points = params.points ?? DEFAULT_HISTORY_POINTS;
  if (typeof points !== 'number' || !Number.isInteger(points) || points < 1 || points > MAX_HISTORY_POINTS) {
    throw new ProtocolError('BAD_REQUEST', `points must be a whole number from 1 to ${MAX_HISTORY_POINTS}`);
  }
  const to = timeParam('to', params.to) ?? (newestTs !== null ? newestTs + 1 : nowMs);
  const from = timeParam('from', params.from) ?? to - DEFAULT_HISTORY_SPAN_MS;
  if (from >= to) throw new ProtocolError('BAD_REQUEST', 'from must be before to');
  return { fromMs: from, toMs: to, points };
}
