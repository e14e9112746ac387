/**
 * True when `url` belongs to the app itself (same scheme and host as `appOrigin`). Custom schemes
 * have an opaque origin in WHATWG URL terms ("null"), so scheme and host are compared instead.
 * Anything unparsable is refused.
 */
export function allowed(url: string, appOrigin: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appOrigin);
  } catch {
    return false;
  }
  if (app.host === '') return false;
  return target.protocol === app.protocol && target.host === app.host && target.username === '' && target.password === '';
}

/**
 * IPC and the port hand-off are only for the app's own top-level page: a frame that is gone, is
 * not the main frame, or shows anything but the app gets nothing.
 */
export function trustedFrame(
  frame: { readonly url: string; readonly isMainFrame: boolean } | null | undefined,
  appOrigin: string,
): boolean {
  if (!frame || !frame.isMainFrame) return false;
  return allowed(frame.url, appOrigin);
}
