/**
 * Bundles the desktop app: main and the host's utility-process entry (ESM, Node target of the
 * bundled Electron), the sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules) and
 * the renderer, built from the same Vite config that serve mode uses.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { UserConfig } from 'electron-vite';
import { loadConfigFromFile, mergeConfig } from 'vite';
import type { ConfigEnv, UserConfig as ViteUserConfig } from 'vite';

const ROOT = dirname(fileURLToPath(import.meta.url));
const at = (...parts: string[]): string => resolve(ROOT, ...parts);

/** The renderer's own Vite config, so the desktop and served renderers are built alike. */
async function rendererBase(env: ConfigEnv): Promise<ViteUserConfig> {
  const file = at('renderer', 'vite.config.ts');
  if (!existsSync(file)) return {};
  const loaded = await loadConfigFromFile(env, file, ROOT, 'warn');
  return loaded?.config ?? {};
}

export default defineConfig(async (env): Promise<UserConfig> => {
  const renderer = mergeConfig(await rendererBase(env), {
    root: at('renderer'),
    build: {
      outDir: at('out', 'renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: at('renderer', 'index.html') },
    },
  });
  return {
    main: {
      build: {
        outDir: at('out', 'main'),
        // Runtime dependencies stay in node_modules: better-sqlite3 is native, and mqtt, aedes and
        // ws carry optional native add-ons that must be resolved at run time, not bundled.
        externalizeDeps: { include: ['better-sqlite3', 'mqtt', 'aedes', 'ws'] },
        rolldownOptions: {
          input: {
            main: at('electron', 'main.ts'),
            'utility-entry': at('electron', 'host', 'utility-entry.ts'),
          },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
    preload: {
      build: {
        outDir: at('out', 'preload'),
        rolldownOptions: {
          input: { preload: at('electron', 'preload.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer,
  };
});
