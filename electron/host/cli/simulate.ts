import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { IClientOptions } from 'mqtt';
import { createSimulation, SCENARIO_SPEC_HELP } from '../../../shared/simulator';
import type { Spelling, TimestampFormat } from '../../../shared/simulator';
import { startSimulator } from '../demo/run-simulator';
import type { StartSimulatorOptions } from '../demo/run-simulator';

export const SIMULATE_USAGE = `Usage: npm run simulate -- [options]

Publishes a simulated fleet of fire-risk sensor devices to an MQTT broker: the device registry
(retained) on fire-prediction/registry, then each device's readings on
fire-prediction/device/{deviceId}/data, in real time, until Ctrl-C or --duration.

Options:
  --url URL              broker (default mqtt://127.0.0.1:1883; mqtts://, ws://, wss:// work too)
  --devices N            number of devices (default 200)
  --zones N              zones, one per building floor: B1-F1 … B1-F4, B2-F1 … (default 8)
  --period S             reporting period in seconds (default 1)
  --period-jitter F      spread of the devices' own periods, 0…0.5 (default 0)
  --seed N               the same seed gives the same run (default 1)
  --scenario SPEC        what happens to the devices (default mix); may be repeated
  --mix-stagger S        mix episodes first start within S seconds (default 300)
  --duration S           stop after S seconds (default: run until Ctrl-C)
  --qos 0|1|2            publish QoS (default 1)
  --spelling device|iot|mixed      field names (default device)
  --timestamps iso|epoch|mixed     timestamp format (default iso)
  --verify-sts           add verifySts (a copy of status) to every message
  --client-id ID         MQTT client id
  --username NAME, --password TEXT
  --ca FILE, --cert FILE, --key FILE   TLS material (AWS IoT Core needs --cert and --key)
  --status-interval S    seconds between status lines on stderr (default 5; 0: none)
  --print-registry       print the registry JSON to stdout and exit
  -h, --help             this text

Scenarios:
${SCENARIO_SPEC_HELP.split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}

Example:
  npm run simulate -- --url mqtt://localhost:1883 --devices 200 --period 1 --zones 8 --seed 42 \\
    --scenario mix --scenario loose-connection:DEV0003,DEV0004 --duration 600
`;

export interface SimulateCommand {
  readonly help: boolean;
  readonly printRegistry: boolean;
  readonly durationS: number | null;
  readonly statusIntervalS: number;
  readonly simulator: StartSimulatorOptions;
}

/** A bad command line; the message is meant for the user as it stands. */
export class UsageError extends Error {}

function number(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new UsageError(`--${name} must be ${rule}, got "${text}"`);
  }
  return value;
}

function oneOf<T extends string>(name: string, text: string | undefined, allowed: ReadonlyArray<T>, fallback: T): T {
  if (text === undefined) return fallback;
  if (!(allowed as ReadonlyArray<string>).includes(text)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${text}"`);
  }
  return text as T;
}

function readFile(flag: string, path: string | undefined): Buffer | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Turns the command line into options; throws UsageError with a one-line explanation. */
export function parseSimulateArgs(argv: ReadonlyArray<string>): SimulateCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  const integer = (n: number): boolean => Number.isInteger(n) && n >= 1;
  const devices = number('devices', v.devices, 200, integer, 'an integer ≥ 1');
  const zones = number('zones', v.zones, 8, integer, 'an integer ≥ 1');
  const periodS = number('period', v.period, 1, (n) => n >= 0.1, 'a number of seconds ≥ 0.1');
  const periodJitter = number('period-jitter', v['period-jitter'], 0, (n) => n >= 0 && n <= 0.5, 'a fraction from 0 to 0.5');
  const seed = number('seed', v.seed, 1, Number.isSafeInteger, 'an integer');
  const mixStaggerS = number('mix-stagger', v['mix-stagger'], 300, (n) => n >= 0, 'a number of seconds ≥ 0');
  const duration = number('duration', v.duration, 0, (n) => n >= 0, 'a number of seconds ≥ 0');
  const statusIntervalS = number('status-interval', v['status-interval'], 5, (n) => n >= 0, 'a number of seconds ≥ 0');
  const qos = oneOf('qos', v.qos, ['0', '1', '2'] as const, '1');
  const spelling = oneOf<Spelling>('spelling', v.spelling, ['device', 'iot', 'mixed'], 'device');
  const timestamps = oneOf<TimestampFormat>('timestamps', v.timestamps, ['iso', 'epoch', 'mixed'], 'iso');
  const scenario = (v.scenario ?? []).join(';') || 'mix';
  const url = v.url ?? 'mqtt://127.0.0.1:1883';
  if (!/^(mqtts?|wss?|tcp|ssl):\/\//.test(url)) {
    throw new UsageError(`--url must be an MQTT URL such as mqtt://host:1883, got "${url}"`);
  }

  const ca = readFile('ca', v.ca);
  const cert = readFile('cert', v.cert);
  const key = readFile('key', v.key);
  const mqtt: IClientOptions = {
    ...(v['client-id'] !== undefined ? { clientId: v['client-id'] } : {}),
    ...(v.username !== undefined ? { username: v.username } : {}),
    ...(v.password !== undefined ? { password: v.password } : {}),
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  };

  const simulator: StartSimulatorOptions = {
    url,
    devices,
    zones,
    periodS,
    seed,
    scenario,
    periodJitter,
    mixStaggerS,
    qos: Number(qos) as 0 | 1 | 2,
    spelling,
    timestamps,
    verifySts: v['verify-sts'] ?? false,
    mqtt,
  };
  // Fail on a bad scenario or an unknown device id now, before connecting anywhere.
  try {
    createSimulation({ devices, zones, periodS, periodJitter, seed, scenario, mixStaggerS });
  } catch (error) {
    throw new UsageError(`--scenario: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    help: v.help ?? false,
    printRegistry: v['print-registry'] ?? false,
    durationS: duration > 0 ? duration : null,
    statusIntervalS,
    simulator,
  };
}

function parse(argv: ReadonlyArray<string>) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      devices: { type: 'string' },
      zones: { type: 'string' },
      period: { type: 'string' },
      'period-jitter': { type: 'string' },
      seed: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      'mix-stagger': { type: 'string' },
      duration: { type: 'string' },
      qos: { type: 'string' },
      spelling: { type: 'string' },
      timestamps: { type: 'string' },
      'verify-sts': { type: 'boolean' },
      'client-id': { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      ca: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'status-interval': { type: 'string' },
      'print-registry': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function say(line: string): void {
  process.stderr.write(`simulate: ${line}\n`);
}

/** Runs the CLI; resolves with the process exit code. */
export async function runSimulateCli(argv: ReadonlyArray<string>): Promise<number> {
  // --help must work even next to otherwise bad arguments.
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SIMULATE_USAGE);
    return 0;
  }
  let command: SimulateCommand;
  try {
    command = parseSimulateArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${error.message} (see --help)`);
    return 2;
  }
  const o = command.simulator;
  if (command.printRegistry) {
    const sim = createSimulation({ devices: o.devices, zones: o.zones, periodS: o.periodS, seed: o.seed ?? 1 });
    process.stdout.write(`${JSON.stringify(sim.registry, null, 2)}\n`);
    return 0;
  }

  say(
    `${o.devices} devices in ${Math.min(o.zones, o.devices)} zones, period ${o.periodS} s, seed ${o.seed ?? 1}, ` +
      `scenario ${o.scenario ?? 'mix'} → ${o.url}`,
  );
  // mqtt.js retries every second; an outage should not print a line per attempt.
  let lastError = { text: '', atMs: 0 };
  const onError = (error: Error): void => {
    const now = Date.now();
    if (error.message === lastError.text && now - lastError.atMs < 30_000) return;
    lastError = { text: error.message, atMs: now };
    say(`connection: ${error.message} (retrying)`);
  };
  let running: Awaited<ReturnType<typeof startSimulator>>;
  try {
    running = await startSimulator({ ...o, onError });
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    return 1;
  }
  say(`registry published (retained) on fire-prediction/registry; publishing readings`);

  const startedMs = Date.now();
  let lastSent = 0;
  let lastMs = startedMs;
  const printStatus = (): void => {
    const now = Date.now();
    const s = running.stats();
    const rate = ((s.sent - lastSent) * 1000) / Math.max(1, now - lastMs);
    lastSent = s.sent;
    lastMs = now;
    const inScenario = running.simulation.activeScenarios(now).length;
    say(
      `${s.sent} sent, ${rate.toFixed(1)} msg/s, ${s.pending} pending, ${s.dropped} dropped, ` +
        `${inScenario} devices in scenarios${s.connected ? '' : ', DISCONNECTED'}`,
    );
  };
  const statusTimer = command.statusIntervalS > 0 ? setInterval(printStatus, command.statusIntervalS * 1000) : null;

  return new Promise<number>((resolve) => {
    let stopping = false;
    let durationTimer: ReturnType<typeof setTimeout> | null = null;
    const finish = (reason: string): void => {
      if (stopping) {
        say('second signal: exiting without waiting');
        process.exit(130);
      }
      stopping = true;
      if (statusTimer) clearInterval(statusTimer);
      if (durationTimer) clearTimeout(durationTimer);
      say(`${reason}; disconnecting`);
      running
        .stop()
        .then(() => {
          const s = running.stats();
          const unsent = s.pending > 0 ? `, ${s.pending} unsent` : '';
          say(`done: ${s.sent} sent, ${s.dropped} dropped, ${s.failed} failed${unsent} in ${((Date.now() - startedMs) / 1000).toFixed(1)} s`);
          process.off('SIGINT', onSigint);
          process.off('SIGTERM', onSigterm);
          resolve(0);
        })
        .catch((error: unknown) => {
          say(`disconnect failed: ${error instanceof Error ? error.message : String(error)}`);
          resolve(1);
        });
    };
    const onSigint = (): void => finish('interrupted');
    const onSigterm = (): void => finish('terminated');
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    if (command.durationS !== null) {
      durationTimer = setTimeout(() => finish(`${command.durationS} s elapsed`), command.durationS * 1000);
    }
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runSimulateCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      say(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    },
  );
}
