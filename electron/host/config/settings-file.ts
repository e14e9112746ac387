import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from './settings';
import { SETTINGS_SCHEMA } from './settings-schema';
import type { SettingsIssue } from './validate-settings';
import { applyDefaults, validateAgainstSchema } from './validate-settings';

export const SETTINGS_FILE_NAME = 'settings.json';

/** Raised when settings.json cannot be used; the host refuses to start rather than guess. */
export class SettingsError extends Error {
  readonly file: string;
  readonly issues: ReadonlyArray<SettingsIssue>;

  constructor(file: string, issues: ReadonlyArray<SettingsIssue>) {
    super(`${file}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.name = 'SettingsError';
    this.file = file;
    this.issues = issues;
  }
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE_NAME);
}

/** Parses and validates settings text; absent fields take their defaults. */
export function parseSettings(text: string, file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(file, [{ field: '(file)', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const issues = validateAgainstSchema(SETTINGS_SCHEMA, raw);
  if (issues.length > 0) throw new SettingsError(file, issues);
  return applyDefaults(SETTINGS_SCHEMA, raw) as Settings;
}

export function defaultSettings(): Settings {
  return applyDefaults(SETTINGS_SCHEMA, {}) as Settings;
}

/** A missing file means defaults; a present but broken one is an error naming the field. */
export function loadSettings(dataDir: string): Settings {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
    throw error;
  }
  return parseSettings(text, file);
}

/**
 * Writes settings so that a crash or power cut leaves either the old file or the new one, never
 * a half-written mixture: temp file, fsync, rename over the old one.
 */
export function saveSettings(dataDir: string, settings: Settings): void {
  const issues = validateAgainstSchema(SETTINGS_SCHEMA, settings);
  const file = settingsPath(dataDir);
  if (issues.length > 0) throw new SettingsError(file, issues);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(settings, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
