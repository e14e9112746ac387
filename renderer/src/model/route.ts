/**
 * Where the console is, read from the address. Views live in the hash (`#/matrix`, `#/device/DEV0007`)
 * so that a reload, a bookmark or a second window opens the same place, and so that the built page's
 * relative asset paths keep working (a path like `/device/x` would move them). The one path route is
 * `/wall` (serve mode's wall display); `#/wall` does the same inside the desktop app.
 */

export interface HashRoute {
  /** `#/device/DEV0007?range=7d` → ['device', 'DEV0007']. Empty for no hash. */
  readonly segments: ReadonlyArray<string>;
  readonly params: Readonly<Record<string, string>>;
}

export interface LocationLike {
  readonly pathname: string;
  readonly hash: string;
  readonly search: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function paramsOf(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) params[key] = value;
  return params;
}

export function parseHashRoute(hash: string): HashRoute {
  const body = hash.replace(/^#!?\/?/, '');
  const queryAt = body.indexOf('?');
  const path = queryAt === -1 ? body : body.slice(0, queryAt);
  const query = queryAt === -1 ? '' : body.slice(queryAt + 1);
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
  return { segments, params: paramsOf(query) };
}

export function formatHashRoute(segments: ReadonlyArray<string>, params: Readonly<Record<string, string>> = {}): string {
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  const query = new URLSearchParams(Object.entries(params)).toString();
  return `#/${path}${query === '' ? '' : `?${query}`}`;
}

export function deviceHref(deviceId: string): string {
  return formatHashRoute(['device', deviceId]);
}

/** The wall display: `/wall` (serve), `#/wall` (desktop kiosk), or `?wall` on any address. */
export function isWallLocation(location: LocationLike): boolean {
  if (/^\/wall\/?$/.test(location.pathname)) return true;
  if (parseHashRoute(location.hash).segments[0] === 'wall') return true;
  return new URLSearchParams(location.search).has('wall');
}

/** Wall settings may come in the query (`/wall?views=…`) or in the hash (`#/wall?views=…`); the hash wins. */
export function wallParams(location: LocationLike): Readonly<Record<string, string>> {
  return { ...paramsOf(location.search.replace(/^\?/, '')), ...parseHashRoute(location.hash).params };
}
