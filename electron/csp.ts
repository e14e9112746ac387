/**
 * The renderer's Content-Security-Policy, sent as a header. Everything the UI needs ships inside
 * the app (fonts as files, sounds synthesised with Web Audio), so nothing comes from anywhere but
 * the app itself, and nothing inline. It is at least as strict as the page's own meta policy, which
 * also applies: a browser enforces both.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, ReadonlyArray<string>>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'child-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function contentSecurityPolicy(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Returns response headers with our CSP in place of any the response carried (header names are
 * case-insensitive, so every spelling of it is dropped first).
 */
export function withCsp(
  headers: Readonly<Record<string, ReadonlyArray<string> | string>> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = typeof value === 'string' ? [value] : [...value];
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy()];
  return out;
}
