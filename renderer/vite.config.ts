import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin, UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../out/renderer', import.meta.url));

/** Where `npm run serve` listens, so `vite` dev can proxy the API and the protocol to it. */
const hostOrigin = `http://127.0.0.1:${process.env.EMBERWATCH_PORT ?? '5780'}`;

/**
 * The dev server injects CSS through <style> elements, which the page's CSP forbids. Only the dev
 * server relaxes it; the built page keeps the strict policy.
 */
function allowInjectedStylesInDev(): Plugin {
  return {
    name: 'emberwatch:dev-style-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

const config: UserConfig = defineConfig({
  root,
  base: './',
  publicDir: false,
  clearScreen: false,
  plugins: [allowInjectedStylesInDev()],
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome130',
    // Every Chromium the console runs in supports modulepreload; the polyfill would be dead code.
    modulePreload: { polyfill: false },
    // Inlined fonts would be data: URLs, which font-src 'self' refuses; keep every asset a file.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // The page loads from the app's own files or the loopback host, never over a slow link: one
    // bundle of about half a megabyte costs milliseconds, and splitting it would buy nothing.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: hostOrigin, changeOrigin: false },
      '/ws': { target: hostOrigin, ws: true },
    },
  },
});

// Vite finds its configuration through the default export.
export default config;
