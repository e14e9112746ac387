import { HOST_USAGE, UsageError, parseHostArgs } from '../config/parse-args';
import { SettingsError } from '../config/settings-file';
import { crashLogDir, installCrashHandler } from '../log/crash-handler';
import { NewerDatabaseError } from '../store/database';
import { startServe } from './start-serve';

/**
 * `npm run serve`: the console in a browser. Prints one line with the address on stdout; refuses
 * to start with one clear line on stderr (never a stack) when the configuration is wrong.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (parseHostArgs(argv).help) {
    process.stdout.write(`${HOST_USAGE}\n`);
    return;
  }
  // Anything that escapes every handler: a fatal line with the stack in logs/host.log, a bounded
  // attempt to stop cleanly, and a non-zero exit (systemd's Restart=on-failure starts it again).
  let running: Awaited<ReturnType<typeof startServe>> | undefined;
  const logDir = crashLogDir(argv, process.env);
  installCrashHandler({ component: 'serve', logDir: () => logDir, beforeExit: () => running?.stop() });
  running = await startServe({ argv, env: process.env });
  const health = await running.core.handlers['health.get']({});
  process.stdout.write(`Emberwatch console at ${running.url} (data: ${running.core.config.dataDir})\n`);
  if (health.mode.demo) process.stdout.write('No broker configured: showing the built-in demo fleet. Set EMBERWATCH_MQTT_URL to watch a real one.\n');
  else if (health.connections.length === 0) process.stdout.write('No MQTT connection configured and the demo is off: the console is empty.\n');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running?.core.log.info('stopping', { signal });
    (running?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof SettingsError || error instanceof NewerDatabaseError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Emberwatch could not start: ${message}\n`);
  if (!known && error instanceof Error && process.env.EMBERWATCH_DEBUG) process.stderr.write(`${error.stack ?? ''}\n`);
  process.exit(known ? 2 : 1);
});
