/** Command-line flags the host understands; anything else is refused with a clear message. */
export interface HostFlags {
  readonly dataDir?: string;
  readonly defaultDataDir?: string;
  readonly port?: number;
  readonly host?: string;
  readonly mqttUrl?: string;
  readonly demo?: boolean;
  readonly demoDevices?: number;
  readonly demoPeriodS?: number;
  readonly demoScenario?: string;
  readonly kiosk?: boolean;
  readonly language?: 'en' | 'ko';
  readonly help?: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HOST_USAGE = `Usage: emberwatch [options]
  --data-dir DIR     where emberwatch.db, settings.json and logs/ live (env EMBERWATCH_DATA_DIR)
  --port N           HTTP port for serve mode, default 5780 (env EMBERWATCH_PORT)
  --host ADDR        address to listen on, default 127.0.0.1 (env EMBERWATCH_HOST)
  --mqtt-url URL     the only MQTT connection; no embedded broker or simulator (env EMBERWATCH_MQTT_URL)
  --no-demo          no embedded broker or simulator (env EMBERWATCH_DEMO=0)
  --demo-devices N   size of the simulated demo fleet
  --demo-period S    reporting period of the simulated devices, seconds
  --demo-scenario X  the simulator's scenario, e.g. "mix:0.15" (default) or "sensor-fault:DEV0001"
  --language en|ko   language of messages and recommendations
  --kiosk            wall-display mode
  --help             this text`;

function integer(flag: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} needs a whole number from ${min} to ${max}, got ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

function positive(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} needs a positive number, got ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

function required(flag: string, text: string | undefined): string {
  if (text === undefined || text === '' || text.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return text;
}

export function parseHostArgs(argv: ReadonlyArray<string>): HostFlags {
  const flags: { -readonly [K in keyof HostFlags]: HostFlags[K] } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const next = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return argv[i];
    };
    switch (name) {
      case '--data-dir': flags.dataDir = required(name, next()); break;
      case '--default-data-dir': flags.defaultDataDir = required(name, next()); break;
      case '--port': flags.port = integer(name, next(), 0, 65535); break;
      case '--host': flags.host = required(name, next()); break;
      case '--mqtt-url': flags.mqttUrl = required(name, next()); break;
      case '--no-demo': flags.demo = false; break;
      case '--demo': flags.demo = true; break;
      case '--demo-devices': flags.demoDevices = integer(name, next(), 1, 20000); break;
      case '--demo-period': flags.demoPeriodS = positive(name, next()); break;
      case '--demo-scenario': flags.demoScenario = required(name, next()); break;
      case '--kiosk': flags.kiosk = true; break;
      case '--language': {
        const value = required(name, next());
        if (value !== 'en' && value !== 'ko') throw new UsageError(`--language is en or ko, got ${JSON.stringify(value)}`);
        flags.language = value;
        break;
      }
      case '--help': case '-h': flags.help = true; break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(arg)} (see --help)`);
    }
  }
  return flags;
}
