/**
 * The wall display's rotation: which of the chosen views shows now, and when the next one comes.
 * Pure arithmetic on a start time, so every wall started at the same moment shows the same view and
 * a test can ask for any instant without waiting for it.
 */

export const WALL_VIEW_IDS = ['overview', 'matrix', 'clusters', 'devices'] as const;
export type WallViewId = (typeof WALL_VIEW_IDS)[number];

export const DEFAULT_WALL_VIEWS: ReadonlyArray<WallViewId> = ['overview', 'matrix', 'clusters'];
export const DEFAULT_DWELL_S = 20;
export const MIN_DWELL_S = 3;
export const MAX_DWELL_S = 3600;

export interface WallConfig {
  readonly views: ReadonlyArray<WallViewId>;
  readonly dwellS: number;
  /** Zone filter for the device tiles on this wall, or null for the whole fleet. */
  readonly zone: string | null;
}

export function isWallViewId(value: string): value is WallViewId {
  return (WALL_VIEW_IDS as ReadonlyArray<string>).includes(value);
}

/**
 * `views=overview,matrix&dwell=30&zone=B1-F2`. Unknown view names are dropped, a repeated one kept
 * once; nothing usable gives the default rotation. A dwell outside 3 s … 1 h is clamped.
 */
export function parseWallConfig(params: Readonly<Record<string, string>>): WallConfig {
  const asked = (params.views ?? params.view ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(isWallViewId);
  const views = [...new Set(asked)];
  const dwell = Number(params.dwell);
  const dwellS = Number.isFinite(dwell) && params.dwell !== undefined && params.dwell.trim() !== ''
    ? Math.min(MAX_DWELL_S, Math.max(MIN_DWELL_S, dwell))
    : DEFAULT_DWELL_S;
  const zone = params.zone !== undefined && params.zone.trim() !== '' ? params.zone.trim() : null;
  return { views: views.length > 0 ? views : DEFAULT_WALL_VIEWS, dwellS, zone };
}

export interface RotationStep {
  readonly index: number;
  /** Milliseconds until the next view; Infinity when there is only one. */
  readonly msToNext: number;
}

export function rotationStep(startMs: number, nowMs: number, dwellS: number, count: number): RotationStep {
  if (count <= 1) return { index: 0, msToNext: Number.POSITIVE_INFINITY };
  const dwellMs = Math.max(1, dwellS * 1000);
  const elapsed = Math.max(0, nowMs - startMs);
  const slot = Math.floor(elapsed / dwellMs);
  return { index: slot % count, msToNext: dwellMs - (elapsed - slot * dwellMs) };
}
