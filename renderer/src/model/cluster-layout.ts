import { compareZones } from './device-filter';

/**
 * Places zones as boxes on a plane and each zone's devices inside its box: by their registry
 * position when they have one (scaled into the box, aspect kept), else in a tidy grid. Units are
 * abstract; the view draws them in an SVG whose viewBox is the layout's size, so it scales to any
 * screen, a wall included.
 */

export interface ClusterInputDevice {
  readonly device_id: string;
  readonly zone: string;
  readonly position?: { readonly x: number; readonly y: number } | null;
}

export interface ZoneBox {
  readonly zone: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Where the devices go: the box less its title strip and padding. */
  readonly inner: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface PlacedDevice {
  readonly deviceId: string;
  readonly zone: string;
  readonly x: number;
  readonly y: number;
}

export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly zones: ReadonlyArray<ZoneBox>;
  readonly devices: ReadonlyMap<string, PlacedDevice>;
}

export interface ClusterLayoutOptions {
  /** The area to fill, in the units the view draws in (its pixels). */
  readonly width: number;
  readonly height: number;
  readonly gap: number;
  readonly titleHeight: number;
  readonly padding: number;
  /** Boxes never get smaller than this; the layout grows past the area (and scrolls) instead. */
  readonly minBoxWidth: number;
  readonly minBoxHeight: number;
  /** The box shape the column count aims for (a room is usually wider than deep). */
  readonly idealAspect: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterLayoutOptions = {
  width: 1200,
  height: 700,
  gap: 14,
  titleHeight: 34,
  padding: 18,
  minBoxWidth: 220,
  minBoxHeight: 150,
  idealAspect: 1.5,
};

/** Columns for `count` boxes filling `width` × `height` so each box is closest to the ideal shape. */
export function zoneColumns(count: number, options: Pick<ClusterLayoutOptions, 'width' | 'height' | 'gap' | 'idealAspect'>): number {
  if (count <= 1) return 1;
  let best = 1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const boxW = (options.width - options.gap * (columns - 1)) / columns;
    const boxH = (options.height - options.gap * (rows - 1)) / rows;
    if (boxW <= 0 || boxH <= 0) continue;
    // Distance from the ideal shape on a log scale, plus a little for empty cells in the last row.
    const score = Math.abs(Math.log(boxW / boxH / options.idealAspect)) + (rows * columns - count) * 0.15;
    if (score < bestScore) {
      bestScore = score;
      best = columns;
    }
  }
  return best;
}

export function layoutClusters(devices: ReadonlyArray<ClusterInputDevice>, options: ClusterLayoutOptions = DEFAULT_CLUSTER_OPTIONS): ClusterLayout {
  const byZone = new Map<string, ClusterInputDevice[]>();
  for (const device of devices) {
    const members = byZone.get(device.zone);
    if (members) members.push(device);
    else byZone.set(device.zone, [device]);
  }
  const zoneNames = [...byZone.keys()].sort(compareZones);
  const { gap, titleHeight, padding } = options;
  const columns = zoneColumns(zoneNames.length, options);
  const rows = Math.max(1, Math.ceil(zoneNames.length / columns));
  const boxWidth = Math.max(options.minBoxWidth, (options.width - gap * (columns - 1)) / columns);
  const boxHeight = Math.max(options.minBoxHeight, (options.height - gap * (rows - 1)) / rows);
  const zones: ZoneBox[] = [];
  const placed = new Map<string, PlacedDevice>();

  zoneNames.forEach((zone, i) => {
    const x = (i % columns) * (boxWidth + gap);
    const y = Math.floor(i / columns) * (boxHeight + gap);
    // Room below the devices for the box's bottom line of text.
    const inner = { x: x + padding, y: y + titleHeight + padding / 3, width: boxWidth - 2 * padding, height: boxHeight - titleHeight - padding * 1.9 };
    zones.push({ zone, x, y, width: boxWidth, height: boxHeight, inner });
    const members = [...(byZone.get(zone) ?? [])].sort((a, b) => compareZones(a.device_id, b.device_id));
    for (const p of placeInBox(members, inner)) placed.set(p.deviceId, p);
  });

  return {
    width: columns * boxWidth + (columns - 1) * gap,
    height: rows * boxHeight + (rows - 1) * gap,
    zones,
    devices: placed,
  };
}

type Box = ZoneBox['inner'];

function placeInBox(members: ReadonlyArray<ClusterInputDevice>, box: Box): PlacedDevice[] {
  const positioned = members.filter((m) => m.position != null);
  const loose = members.filter((m) => m.position == null);
  const out: PlacedDevice[] = [];
  if (positioned.length > 0) {
    // Positioned devices take the box (less a strip at the bottom if some have no position).
    const area = loose.length > 0 ? { ...box, height: box.height * 0.75 } : box;
    out.push(...scalePositions(positioned, area));
    const strip = { x: box.x, y: area.y + area.height + box.height * 0.05, width: box.width, height: box.height * 0.2 };
    out.push(...gridPlace(loose, strip));
  } else {
    out.push(...gridPlace(loose, box));
  }
  return out;
}

function scalePositions(members: ReadonlyArray<ClusterInputDevice>, box: Box): PlacedDevice[] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const m of members) {
    const p = m.position as { x: number; y: number };
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  // One scale for both axes, so the room keeps its shape; a single point or a line sits centred.
  const scale = Math.min(spanX > 0 ? box.width / spanX : Number.POSITIVE_INFINITY, spanY > 0 ? box.height / spanY : Number.POSITIVE_INFINITY);
  const s = Number.isFinite(scale) ? scale : 0;
  const offsetX = box.x + (box.width - spanX * s) / 2;
  const offsetY = box.y + (box.height - spanY * s) / 2;
  return members.map((m) => {
    const p = m.position as { x: number; y: number };
    return { deviceId: m.device_id, zone: m.zone, x: offsetX + (p.x - minX) * s, y: offsetY + (p.y - minY) * s };
  });
}

function gridPlace(members: ReadonlyArray<ClusterInputDevice>, box: Box): PlacedDevice[] {
  if (members.length === 0) return [];
  const columns = Math.max(1, Math.ceil(Math.sqrt((members.length * box.width) / Math.max(1, box.height))));
  const rows = Math.ceil(members.length / columns);
  const cellW = box.width / columns;
  const cellH = box.height / rows;
  return members.map((m, i) => ({
    deviceId: m.device_id,
    zone: m.zone,
    x: box.x + cellW * ((i % columns) + 0.5),
    y: box.y + cellH * (Math.floor(i / columns) + 0.5),
  }));
}
