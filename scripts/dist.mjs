#!/usr/bin/env node
// `npm run dist`: builds the installers (Linux AppImage and deb, Windows NSIS) into release/.
// Extra arguments go to electron-builder (`npm run dist -- --linux deb`). electron-builder's own
// rebuild of native modules is off (npmRebuild: false in electron-builder.yml): it would rebuild
// node_modules in place and break the Node build the tests use; the app ships the Electron build
// from .native/ instead, made here exactly as `npm start` makes it.
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, buildApp, electronVersion, prepareSqliteOrExit, requireElectronBinary, run } from './start.mjs';

requireElectronBinary();
const version = electronVersion();
await prepareSqliteOrExit(version);
// electron-builder.yml packs .native/** whole: builds for other Electron versions must not ride along.
for (const entry of readdirSync(join(ROOT, '.native'))) {
  if (entry.startsWith('electron-') && entry !== `electron-${version}`) {
    rmSync(join(ROOT, '.native', entry), { recursive: true, force: true });
    process.stdout.write(`Emberwatch: removed .native/${entry} (a build for another Electron version)\n`);
  }
}
if (buildApp() !== 0) {
  process.stderr.write('Emberwatch: the app did not build (see above)\n');
  process.exit(1);
}
const builder = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('electron-builder/package.json')), 'cli.js');
process.exit(run(process.execPath, [builder, '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]));
