import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldSpec } from './settings-schema';
import { SETTINGS_SCHEMA } from './settings-schema';

// The configuration reference in README.md, generated from the settings schema so that it lists
// every setting there is, whoever added it, with its type, default, range and description, and the
// command-line flags and environment variables that override it (DESIGN.md: flag > environment >
// settings.json > default).
//
//   npx tsx electron/host/config/settings-reference.ts           print the reference
//   npx tsx electron/host/config/settings-reference.ts --write   refresh README.md's section
//   npx tsx electron/host/config/settings-reference.ts --check   exit 1 when README.md is out of date

export const REFERENCE_START = '<!-- settings-reference:start -->';
export const REFERENCE_END = '<!-- settings-reference:end -->';
export const REFRESH_COMMAND = 'npx tsx electron/host/config/settings-reference.ts --write';

/** A flag or environment variable, and the setting it overrides (if any). */
export interface Override {
  readonly flag?: string;
  readonly env?: string;
  /** Dotted path of the setting it overrides; absent for those with no setting. */
  readonly setting?: string;
  /** The default, where the setting's own does not say it (or there is no setting). */
  readonly default?: string;
  readonly note?: string;
}

/** Keep in step with HOST_USAGE (electron/host/config/parse-args.ts): a test checks every flag is here. */
export const OVERRIDES: ReadonlyArray<Override> = [
  { flag: '--data-dir DIR', env: 'EMBERWATCH_DATA_DIR', default: '`~/.emberwatch` (serve); Electron\'s userData (desktop)', note: 'where emberwatch.db, settings.json, logs/ and backups/ live' },
  { flag: '--port N', env: 'EMBERWATCH_PORT', setting: 'server.port' },
  { flag: '--host ADDR', env: 'EMBERWATCH_HOST', setting: 'server.host' },
  { flag: '--mqtt-url URL', env: 'EMBERWATCH_MQTT_URL', setting: 'mqtt.connections', default: 'none: the demo fleet', note: 'the only connection; no embedded broker or simulator' },
  { flag: '--no-demo, --demo', env: 'EMBERWATCH_DEMO=0|1', setting: 'demo.enabled' },
  { flag: '--demo-devices N', setting: 'demo.devices' },
  { flag: '--demo-period S', setting: 'demo.period_s' },
  { flag: '--demo-scenario X', setting: 'demo.scenario' },
  { flag: '--language en|ko', setting: 'ui.language' },
  { flag: '--kiosk', default: 'off', note: 'wall display: full screen, no menu, display kept awake, read-only' },
  { env: 'EMBERWATCH_TOKEN', default: 'none', note: 'needed by write endpoints when listening beyond loopback (`Authorization: Bearer <token>`)' },
  { env: 'EMBERWATCH_CLOUD=1|0', setting: 'cloud.enabled' },
  { env: 'AWS_REGION', setting: 'cloud.region' },
  { env: 'AWS_PROFILE', setting: 'cloud.profile' },
  { env: 'AWS_ENDPOINT_URL_DYNAMODB', setting: 'cloud.endpoint' },
  { env: 'EMBERWATCH_DEBUG=1', default: 'off', note: 'print the stack when the console cannot start' },
];

/** One row of the settings table: a field and where it sits. */
export interface ReferenceRow {
  readonly path: string;
  readonly spec: FieldSpec;
}

/** Every field of the schema, depth first, in declaration order; list items as `list[].field`. */
export function flattenSchema(spec: FieldSpec, path = ''): ReadonlyArray<ReferenceRow> {
  const rows: ReferenceRow[] = [];
  if (path !== '') rows.push({ path, spec });
  if (spec.kind === 'object' && !spec.open) {
    for (const [key, child] of Object.entries(spec.fields ?? {})) rows.push(...flattenSchema(child, path === '' ? key : `${path}.${key}`));
  }
  if (spec.kind === 'array' && spec.items?.kind === 'object') rows.push(...flattenSchema(spec.items, `${path}[]`).filter((r) => r.path !== `${path}[]`));
  return rows;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${text}\``;
}

function typeOf(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'integer': return 'whole number';
    case 'number': return 'number';
    case 'boolean': return 'true / false';
    case 'string': return 'string';
    case 'enum': return `one of ${(spec.values ?? []).map(code).join(', ')}`;
    case 'array': return spec.items ? `list of ${spec.items.kind === 'object' ? 'objects' : `${typeOf(spec.items)}s`}` : 'list';
    case 'object': return spec.open ? 'object (free-form)' : 'object';
  }
}

function defaultOf(spec: FieldSpec): string {
  if (spec.required) return 'required';
  if (spec.kind === 'object' && !spec.open && spec.default === undefined) return '';
  if (spec.default === undefined) return '—';
  return code(JSON.stringify(spec.default));
}

function rangeOf(spec: FieldSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min} – ${spec.max}`;
  if (spec.min !== undefined) return `≥ ${spec.min}`;
  if (spec.max !== undefined) return `≤ ${spec.max}`;
  return '';
}

function overridesOf(path: string, overrides: ReadonlyArray<Override>): string {
  return overrides
    .filter((o) => o.setting === path)
    .flatMap((o) => [o.flag, o.env].filter((x): x is string => x !== undefined))
    .map(code)
    .join(', ');
}

function find(schema: FieldSpec, path: string): FieldSpec | undefined {
  return flattenSchema(schema).find((r) => r.path === path)?.spec;
}

/** The reference as Markdown: flags and environment, then every setting of settings.json. */
export function renderSettingsReference(schema: FieldSpec, overrides: ReadonlyArray<Override> = OVERRIDES): string {
  const lines: string[] = [
    `<!-- Generated from electron/host/config/settings-schema.ts by \`${REFRESH_COMMAND}\`; edit the schema, not this table. -->`,
    '',
    'Flags and environment variables (a flag beats the environment, which beats `settings.json`):',
    '',
    '| flag | environment | setting | default | what it does |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const o of overrides) {
    const spec = o.setting === undefined ? undefined : find(schema, o.setting);
    const dflt = o.default ?? (spec ? defaultOf(spec) : '—');
    const note = o.note ?? spec?.description ?? '';
    lines.push(
      `| ${cell(o.flag ? code(o.flag) : '—')} | ${cell(o.env ? code(o.env) : '—')} | ${cell(o.setting ? code(o.setting) : '—')} | ${cell(dflt)} | ${cell(note)} |`,
    );
  }
  lines.push(
    '',
    'Every setting of `settings.json` (dotted paths; `[]` is each item of a list):',
    '',
    '| setting | type | default | range | flag / environment | description |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const row of flattenSchema(schema)) {
    lines.push(
      `| ${cell(code(row.path))} | ${cell(typeOf(row.spec))} | ${cell(defaultOf(row.spec))} | ${cell(rangeOf(row.spec))} | ${cell(overridesOf(row.path, overrides))} | ${cell(row.spec.description)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The text between the markers, or null when README.md has no such section. */
export function readmeSection(readme: string): string | null {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start === -1 || end === -1 || end < start) return null;
  return readme.slice(start + REFERENCE_START.length, end).replace(/^\r?\n/, '');
}

/** README.md with its section replaced by `reference`. */
export function replaceReadmeSection(readme: string, reference: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md has no ${REFERENCE_START} … ${REFERENCE_END} section`);
  return `${readme.slice(0, start + REFERENCE_START.length)}\n${reference}${readme.slice(end)}`;
}

export const README_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md');

function main(argv: ReadonlyArray<string>): number {
  const reference = renderSettingsReference(SETTINGS_SCHEMA);
  if (argv.includes('--write')) {
    const readme = readFileSync(README_PATH, 'utf8');
    const next = replaceReadmeSection(readme, reference);
    if (next !== readme) writeFileSync(README_PATH, next);
    process.stdout.write(next === readme ? 'README.md: the settings reference is up to date\n' : 'README.md: settings reference refreshed\n');
    return 0;
  }
  if (argv.includes('--check')) {
    const current = readmeSection(readFileSync(README_PATH, 'utf8'));
    if (current === reference) return 0;
    process.stderr.write(`README.md's settings reference is out of date; refresh it with: ${REFRESH_COMMAND}\n`);
    return 1;
  }
  process.stdout.write(reference);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
