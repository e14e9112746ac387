// `npm run --silent score [-- --config FILE] [-- --language ko|en] [-- --events [--registry FILE]] < messages.jsonl > results.jsonl`
//
// Scores device messages, one JSON object per line, and writes one JSON line per input line in
// the same order: the scored record, or {"error":{"code","message"}} for a line that cannot be
// scored. An empty line is such a line (INVALID_JSON), so output line n always answers input line n.
// With --events the stream analytics runs too, and the events a reading causes follow its result
// line as JSON lines of their own ({"event", "device_id" | "zone", "at", "severity", "values"}).
// Only JSON lines go to stdout; usage and settings problems go to stderr with exit code 2.

import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createStreamAnalytics } from '../../../shared/analytics/index';
import type { StreamAnalytics } from '../../../shared/analytics/index';
import type { RegistryEntry } from '../../../shared/fleet/registry';
import { parseRegistry } from '../../../shared/fleet/registry';
import {
  createScoringEngine,
  generateAlertMessage,
  generateRecommendations,
  mergeScoringConfig,
  serializeContractOutcome,
} from '../../../shared/scoring/index';
import type { Language, ScoreOutcome, ScoringConfig, ScoringConfigOverride } from '../../../shared/scoring/index';

export const SCORE_USAGE = `usage: score [--config FILE] [--language ko|en] [--events [--registry FILE]] < messages.jsonl > results.jsonl

  --config FILE      settings JSON file; its "scoring" key overrides the default thresholds
  --language ko|en   also write "recommendations" (and "alert_message" for HIGH/CRITICAL) in that language
  --events           also write the stream analytics' events, one JSON line each, after the result
                     line of the reading that caused them
  --registry FILE    with --events: the device registry ({"devices": [{"id", "name", "zone"}]}), so
                     that zone events (HIGH_RISK_CLUSTER, TEMP_DIVERGENCE) are computed too
  -h, --help         show this help
`;

export interface ScoreArgs {
  readonly configPath: string | undefined;
  readonly language: Language | undefined;
  readonly events: boolean;
  readonly registryPath: string | undefined;
  readonly help: boolean;
}

export type ScoreArgsOutcome = { readonly ok: true; readonly args: ScoreArgs } | { readonly ok: false; readonly error: string };

export function parseScoreArgs(argv: ReadonlyArray<string>): ScoreArgsOutcome {
  let configPath: string | undefined;
  let language: Language | undefined;
  let events = false;
  let registryPath: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    if (name === '-h' || name === '--help') {
      help = true;
    } else if (name === '--config') {
      const file = value();
      if (file === undefined || file === '') return { ok: false, error: '--config needs a file name' };
      configPath = file;
    } else if (name === '--language') {
      const lang = value();
      if (lang !== 'ko' && lang !== 'en') return { ok: false, error: `--language must be ko or en, got ${lang ?? 'nothing'}` };
      language = lang;
    } else if (name === '--events') {
      if (inline !== undefined) return { ok: false, error: '--events takes no value' };
      events = true;
    } else if (name === '--registry') {
      const file = value();
      if (file === undefined || file === '') return { ok: false, error: '--registry needs a file name' };
      registryPath = file;
    } else {
      return { ok: false, error: `unknown argument ${JSON.stringify(arg)}` };
    }
  }
  if (registryPath !== undefined && !events) return { ok: false, error: '--registry is used with --events' };
  return { ok: true, args: { configPath, language, events, registryPath, help } };
}

/** Reads the settings file and returns its "scoring" override, or the reasons it cannot be used. */
export function loadScoringOverride(
  file: string,
): { readonly ok: true; readonly override: ScoringConfigOverride | undefined } | { readonly ok: false; readonly errors: ReadonlyArray<string> } {
  let settings: unknown;
  try {
    settings = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, errors: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    return { ok: false, errors: [`${file}: settings must be a JSON object`] };
  }
  const override = (settings as Record<string, unknown>)['scoring'];
  const checked = mergeScoringConfig(override);
  if (!checked.ok) return { ok: false, errors: checked.errors.map((e) => `${file}: ${e}`) };
  return { ok: true, override: override as ScoringConfigOverride | undefined };
}

/** Reads the registry file for offline zone events, or the reason it cannot be used. */
export function loadRegistryFile(
  file: string,
): { readonly ok: true; readonly entries: ReadonlyArray<RegistryEntry> } | { readonly ok: false; readonly error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseRegistry(text);
  if (!parsed.ok) return { ok: false, error: `${file}: ${parsed.message}` };
  if (parsed.skipped.length > 0) return { ok: false, error: `${file}: ${parsed.skipped.join('; ')}` };
  return { ok: true, entries: parsed.entries };
}

function extrasFor(outcome: ScoreOutcome, language: Language, config: ScoringConfig): Readonly<Record<string, unknown>> | undefined {
  if (!outcome.ok) return undefined;
  const result = outcome.result;
  const recommendations = generateRecommendations(result, language, config);
  if (result.risk_level === 'HIGH' || result.risk_level === 'CRITICAL') {
    return { alert_message: generateAlertMessage(result, language, config), recommendations };
  }
  return { recommendations };
}

const FLUSH_AT = 64 * 1024;

/**
 * Gathers output lines and writes them in chunks: at 64 KiB, or once the lines already read are
 * done (so a line typed by hand is answered at once). Respects the stream's backpressure.
 */
class ChunkedWriter {
  private pending = '';
  private scheduled = false;
  private drained: Promise<void> | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const ok = this.stream.write(this.pending);
    this.pending = '';
    if (!ok && this.drained === undefined) {
      this.drained = once(this.stream, 'drain').then(() => {
        this.drained = undefined;
      });
    }
  }

  /** Resolves when the stream wants more. */
  ready(): Promise<void> | undefined {
    return this.drained;
  }

  async end(): Promise<void> {
    this.flush();
    if (this.drained !== undefined) await this.drained;
  }
}

export async function runScore(argv: ReadonlyArray<string>): Promise<number> {
  const parsed = parseScoreArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`score: ${parsed.error}\n${SCORE_USAGE}`);
    return 2;
  }
  if (parsed.args.help) {
    process.stderr.write(SCORE_USAGE);
    return 0;
  }
  let override: ScoringConfigOverride | undefined;
  if (parsed.args.configPath !== undefined) {
    const loaded = loadScoringOverride(parsed.args.configPath);
    if (!loaded.ok) {
      process.stderr.write(`score: invalid settings\n${loaded.errors.map((e) => `  ${e}\n`).join('')}`);
      return 2;
    }
    override = loaded.override;
  }
  let analytics: StreamAnalytics | null = null;
  if (parsed.args.events) {
    let registry: ReadonlyArray<RegistryEntry> = [];
    if (parsed.args.registryPath !== undefined) {
      const loaded = loadRegistryFile(parsed.args.registryPath);
      if (!loaded.ok) {
        process.stderr.write(`score: invalid registry\n  ${loaded.error}\n`);
        return 2;
      }
      registry = loaded.entries;
    }
    analytics = createStreamAnalytics({ registry });
  }
  const engine = createScoringEngine({ config: override });
  const language = parsed.args.language;

  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that went away (`| head`) is not a failure of the scoring.
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`score: cannot write output: ${error.message}\n`);
    process.exit(1);
  });

  const writer = new ChunkedWriter(process.stdout);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of lines) {
    const outcome = engine.scoreLine(line);
    const extras = language === undefined ? undefined : extrasFor(outcome, language, engine.config);
    writer.push(`${serializeContractOutcome(outcome, extras)}\n`);
    if (analytics !== null && outcome.ok) {
      for (const event of analytics.observe(outcome.result)) writer.push(`${JSON.stringify(event)}\n`);
    }
    const wait = writer.ready();
    if (wait !== undefined) await wait;
  }
  await writer.end();
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (invokedDirectly) {
  runScore(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`score: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
