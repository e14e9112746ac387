/**
 * The desktop app's wall display: with `--kiosk`, one full-screen window per attached monitor,
 * each showing its own rotation of views (the renderer's `#/wall?views=…&dwell=…`).
 *
 *   --wall-views "overview,matrix,clusters;devices"   views per monitor, monitors separated by ";"
 *   --wall-dwell 30                                   seconds per view (every monitor)
 *   EMBERWATCH_WALL_VIEWS / EMBERWATCH_WALL_DWELL      the same, from the environment (flags win)
 *
 * A monitor beyond the listed groups takes them round again. Kept free of Electron so it is tested
 * in Node; main passes in `screen.getAllDisplays()`.
 */

export interface DisplayLike {
  readonly id: number;
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface WallWindowPlan {
  readonly displayId: number;
  readonly bounds: DisplayLike['bounds'];
  /** Appended to the app's entry URL. */
  readonly hash: string;
}

/** One monitor: the whole rotation; more: the second shows the device wall, a third the matrix … */
export const DEFAULT_WALL_GROUPS: ReadonlyArray<string> = ['overview,matrix,clusters', 'devices', 'matrix', 'clusters'];

function flagValue(args: ReadonlyArray<string>, name: string): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === name) {
      const next = args[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : undefined;
    }
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

export interface WallSettings {
  readonly groups: ReadonlyArray<string>;
  readonly dwellS: string | null;
}

export function wallSettings(args: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>): WallSettings {
  const views = flagValue(args, '--wall-views') ?? env.EMBERWATCH_WALL_VIEWS;
  const groups = (views ?? '')
    .split(';')
    .map((g) => g.split(',').map((v) => v.trim()).filter((v) => /^[a-z]+$/.test(v)).join(','))
    .filter((g) => g !== '');
  const dwell = flagValue(args, '--wall-dwell') ?? env.EMBERWATCH_WALL_DWELL;
  const dwellS = dwell !== undefined && /^\d+(\.\d+)?$/.test(dwell.trim()) ? dwell.trim() : null;
  return { groups: groups.length > 0 ? groups : DEFAULT_WALL_GROUPS, dwellS };
}

/** A window per display (the primary first, as the OS lists them), each with its group of views. */
export function wallWindowPlans(displays: ReadonlyArray<DisplayLike>, settings: WallSettings): ReadonlyArray<WallWindowPlan> {
  return displays.map((display, i) => {
    const params = new URLSearchParams({ views: settings.groups[i % settings.groups.length] as string });
    if (settings.dwellS !== null) params.set('dwell', settings.dwellS);
    return { displayId: display.id, bounds: display.bounds, hash: `#/wall?${params.toString()}` };
  });
}
