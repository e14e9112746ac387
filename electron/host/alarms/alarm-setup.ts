import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { AlarmConfig } from '../../../shared/alarms/config';
import { mergeAlarmConfig } from '../../../shared/alarms/config';
import type { OperatorRole } from '../../../shared/alarms/types';
import type { AlarmSettings, OperatorSettings } from '../config/settings';
import { SettingsError } from '../config/settings-file';
import { isPinHash } from './pin-hash';

// settings.json's `alarms` section turned into what the alarm service runs on: the shared
// AlarmConfig (every bad field named, as the rest of settings), the operators, the wall displays,
// where escalations go and the site key that signs shared actions.

const MINUTE_MS = 60_000;
/** Shorter keys are refused: HMAC with a guessable key would let a stranger acknowledge alarms. */
export const MIN_SITE_KEY_LENGTH = 16;

export type SiteKey = { readonly key: string; readonly reason: null } | { readonly key: null; readonly reason: string };

export interface AlarmSetup {
  readonly config: AlarmConfig;
  readonly operators: ReadonlyArray<OperatorSettings>;
  readonly defaultRole: Exclude<OperatorRole, 'supervisor'>;
  readonly wallDisplays: ReadonlySet<string>;
  readonly webhookUrl: string | null;
  readonly siteKey: SiteKey;
  readonly monitoringGraceMs: number;
  /** The seed's SNS topics, from the environment (CRITICAL_ALERT_TOPIC_ARN, HIGH_RISK_ALERT_TOPIC_ARN). */
  readonly snsTopics: { readonly critical: string | null; readonly high: string | null };
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** Reads the site key; a missing or short key turns sharing off (and health says why) rather than stopping the console. */
export function readSiteKey(file: string | undefined, dataDir: string): SiteKey {
  if (file === undefined || file.trim() === '') return { key: null, reason: 'no site key file is configured (settings alarms.site_key_file)' };
  const path = isAbsolute(file) ? file : resolve(dataDir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    return { key: null, reason: `the site key file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (text.length < MIN_SITE_KEY_LENGTH) return { key: null, reason: `the site key in ${path} is shorter than ${MIN_SITE_KEY_LENGTH} characters` };
  return { key: text, reason: null };
}

export function alarmSetupFromSettings(settings: AlarmSettings, options: { readonly env: Env; readonly dataDir: string; readonly settingsFile: string }): AlarmSetup {
  const override: Record<string, unknown> = { ...settings.config };
  const named: Record<string, unknown> = {
    priorities: settings.priorities,
    shelve: { maxMinutes: settings.shelve_max_minutes, supervisorMaxMinutes: settings.supervisor_shelve_max_minutes },
    silence: { resoundMs: Math.round(settings.resound_minutes * MINUTE_MS) },
    escalation: { afterMs: Math.round(settings.escalation_minutes * MINUTE_MS) },
  };
  // The named settings win over the same fields given in `config`.
  for (const [key, value] of Object.entries(named)) {
    const given = override[key];
    override[key] = typeof given === 'object' && given !== null && !Array.isArray(given) && typeof value === 'object' ? { ...given, ...value } : value;
  }
  const merged = mergeAlarmConfig(override, undefined, 'alarms');
  const issues: Array<{ field: string; message: string }> = [];
  if (!merged.ok) {
    for (const error of merged.errors) {
      const space = error.indexOf(' ');
      issues.push({ field: error.slice(0, space), message: error.slice(space + 1) });
    }
  }
  const names = new Set<string>();
  settings.operators.forEach((operator, i) => {
    const name = operator.name.trim();
    if (name === '') issues.push({ field: `alarms.operators[${i}].name`, message: 'must not be blank' });
    if (names.has(name.toLowerCase())) issues.push({ field: `alarms.operators[${i}].name`, message: `repeats ${JSON.stringify(name)}` });
    names.add(name.toLowerCase());
    if (operator.pin_hash !== undefined && !isPinHash(operator.pin_hash)) {
      issues.push({ field: `alarms.operators[${i}].pin_hash`, message: 'must be an scrypt hash made by electron/host/cli/hash-pin.ts' });
    }
  });
  const webhookUrl = nonEmpty(settings.webhook_url);
  if (webhookUrl !== null) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(webhookUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) issues.push({ field: 'alarms.webhook_url', message: `must be an http:// or https:// URL, got ${JSON.stringify(webhookUrl)}` });
  }
  if (issues.length > 0 || !merged.ok) throw new SettingsError(options.settingsFile, issues);
  return {
    config: merged.config,
    operators: settings.operators.map((o) => ({ ...o, name: o.name.trim() })),
    defaultRole: settings.default_role,
    wallDisplays: new Set(settings.wall_displays),
    webhookUrl,
    siteKey: readSiteKey(settings.site_key_file, options.dataDir),
    monitoringGraceMs: Math.round(settings.monitoring_grace_s * 1000),
    snsTopics: { critical: nonEmpty(options.env.CRITICAL_ALERT_TOPIC_ARN), high: nonEmpty(options.env.HIGH_RISK_ALERT_TOPIC_ARN) },
  };
}
