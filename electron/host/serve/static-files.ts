import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Hashed build assets never change under the same name, so they may be cached for long. */
  readonly immutable: boolean;
}

/**
 * Resolves a URL path inside the renderer's build. Paths that would leave the folder are refused;
 * an unknown path that is not a file request falls back to index.html so client routes like /wall work.
 */
export async function loadStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const tryFile = async (file: string): Promise<Buffer | null> => {
    try {
      const info = await stat(file);
      return info.isFile() ? await readFile(file) : null;
    } catch {
      return null;
    }
  };
  const direct = relative === '' ? null : await tryFile(full);
  if (direct) {
    return {
      body: direct,
      contentType: CONTENT_TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
      immutable: relative.startsWith(`assets${sep}`) || relative.startsWith('assets/'),
    };
  }
  if (extname(relative) !== '' && relative !== '') return null;
  const index = await tryFile(join(root, 'index.html'));
  return index ? { body: index, contentType: CONTENT_TYPES['.html'] as string, immutable: false } : null;
}
