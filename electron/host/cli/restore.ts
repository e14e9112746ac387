import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { listBackups, resolveBackupDir } from '../backup/backup-files';
import { RestoreRefusal, restoreDatabase } from '../backup/restore-database';
import { resolveDataDir } from '../config/resolve-config';
import { loadSettings } from '../config/settings-file';

/**
 * Restores a backup into a data directory while the console is stopped:
 *
 *   npx tsx electron/host/cli/restore.ts --data-dir DIR FILE
 *   npx tsx electron/host/cli/restore.ts --data-dir DIR --list
 *
 * FILE is a path, or the name of a file in the data directory's backups folder. Refuses (exit 2,
 * nothing changed) a damaged file, one from a newer Emberwatch, one of another site (unless
 * --replace-site), and any restore while a console has the database open.
 */

const USAGE = `Usage: npx tsx electron/host/cli/restore.ts [--data-dir DIR] [--replace-site] FILE
       npx tsx electron/host/cli/restore.ts [--data-dir DIR] --list
  FILE            a backup: a path, or a name listed by --list (e.g. emberwatch-20261122-030000.db)
  --data-dir DIR  the console's data directory (env EMBERWATCH_DATA_DIR; default ~/.emberwatch;
                  the desktop app's is ~/.config/Emberwatch on Linux, %APPDATA%\\Emberwatch on Windows)
  --replace-site  allow a backup of another site to replace this data directory's database
  --list          list the backups of the data directory, newest first
Stop the console first (npm run serve, or the desktop app). The replaced database is kept as
emberwatch.db.before-restore-<time> in the data directory.`;

interface RestoreArgs {
  readonly dataDir?: string;
  readonly file?: string;
  readonly replaceSite: boolean;
  readonly list: boolean;
  readonly help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: ReadonlyArray<string>): RestoreArgs {
  let dataDir: string | undefined;
  let file: string | undefined;
  let replaceSite = false;
  let list = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--data-dir' || arg === '--from') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      if (arg === '--data-dir') dataDir = value;
      else file = value;
      i += 1;
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else if (arg.startsWith('--from=')) file = arg.slice('--from='.length);
    else if (arg === '--replace-site') replaceSite = true;
    else if (arg === '--list') list = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`one backup file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(arg)})`);
  }
  return { ...(dataDir !== undefined ? { dataDir } : {}), ...(file !== undefined ? { file } : {}), replaceSite, list, help };
}

function backupDirOf(dataDir: string): string {
  try {
    return resolveBackupDir(dataDir, loadSettings(dataDir).backup.dir);
  } catch {
    // Broken settings must not stand in the way of a restore.
    return resolveBackupDir(dataDir);
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataDir = resolveDataDir(args.dataDir !== undefined ? { dataDir: args.dataDir } : {}, process.env);
  const backupDir = backupDirOf(dataDir);
  if (args.list) {
    const backups = listBackups(backupDir);
    process.stdout.write(`${backups.length} backup(s) in ${backupDir}\n`);
    for (const b of backups) process.stdout.write(`  ${b.name}  ${new Date(b.atMs).toISOString()}  ${mb(b.bytes)}\n`);
    return 0;
  }
  if (args.file === undefined) throw new UsageError('name the backup file to restore (see --list)');
  const direct = resolve(args.file);
  const from = existsSync(direct) || isAbsolute(args.file) ? direct : join(backupDir, args.file);
  const outcome = restoreDatabase({ dataDir, from, replaceSite: args.replaceSite });
  process.stdout.write(`Restored ${outcome.from}\n  into ${outcome.database} (site ${outcome.siteId}, schema version ${outcome.schemaVersion})\n`);
  if (outcome.previous) {
    process.stdout.write(`  the database it replaced is kept as ${outcome.previous.keptAs}\n`);
    if (outcome.siteReplaced) process.stdout.write(`  this data directory now belongs to site ${outcome.siteId} (it was ${outcome.previous.siteId})\n`);
  }
  process.stdout.write(`Start the console again (npm run serve -- --data-dir ${dataDir}, or the desktop app); an older schema is upgraded on start.\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof RestoreRefusal) {
    process.stderr.write(`Emberwatch restore refused: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`Emberwatch restore: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`Emberwatch restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
