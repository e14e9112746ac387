import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RegistryEntry } from '../../../shared/fleet/registry';
import { parseRegistryImport } from '../../../shared/fleet/registry-import';
import type { OperatorRole } from '../../../shared/alarms/types';
import type { MethodName, MethodParams, MethodResult, SettingsFieldIssue, SettingsSection } from '../../../shared/protocol';
import { isSettingsSection, ProtocolError } from '../../../shared/protocol';
import type { Settings } from '../config/settings';
import { SettingsError, loadSettings, saveSettings, settingsPath } from '../config/settings-file';
import type { SecretFile } from '../config/settings-patch';
import { SECTION_PATHS, patchSettings } from '../config/settings-patch';
import { SETTINGS_SCHEMA } from '../config/settings-schema';
import { settingsSnapshot } from '../config/settings-snapshot';
import { validateAgainstSchema } from '../config/validate-settings';
import { optionalText } from './request-text';

// The settings screen's write path (issue 8): `settings.get`, `settings.update` (one section at a
// time) and `registry.import`. Only a supervisor may change settings, with the PIN as alarm actions
// take it; every change is checked against the schema (errors name the field), written atomically,
// read back, recorded and journaled with who, where and why. Every section changes live, unless a
// flag or the environment decides it (connections, language) or the host could not take it up;
// then it waits for a restart, and the answer says so. Secrets are neither logged nor sent.

export type SettingsMethodName = 'settings.get' | 'settings.update' | 'registry.import';

export type SettingsHandlers = {
  readonly [M in SettingsMethodName & MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};

/** Who acts, as the alarm system resolves and checks it. */
export interface SettingsActor {
  readonly operator: string;
  readonly station: string;
  readonly role?: OperatorRole;
}

/** The alarm service's supervisor check and journal (electron/host/alarms/alarm-service.ts). */
export interface SettingsAuthority {
  requireSupervisor(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<SettingsActor>;
  journalSettingsChange(actor: SettingsActor, comment: string | null): Promise<void>;
}

/** How each live section takes effect; a section without one waits for a restart. */
export interface SettingsAppliers {
  /** Throws when the scoring override cannot be used (the engine stays as it was). */
  readonly thresholds?: (scoring: Settings['scoring']) => void;
  readonly retention?: (storage: Settings['storage']) => void;
  /** `clearedPins`: names whose PIN a supervisor removed (also the copy a first sign-in stored). */
  readonly operators?: (alarms: Settings['alarms'], clearedPins: ReadonlyArray<string>) => Promise<void> | void;
  readonly connections?: (connections: Settings['mqtt']['connections']) => Promise<void>;
  readonly language?: (language: Settings['ui']['language']) => void;
}

export interface SettingsHandlersContext {
  readonly dataDir: string;
  /** The settings the host started with (defaults applied). */
  readonly initial: Settings;
  /** Set when a flag or the environment decides the MQTT connection. */
  readonly connectionsOverriddenBy: string | null;
  /** `--language` when the console was started with it (default: none). */
  readonly languageOverriddenBy?: string | null;
  readonly authority: SettingsAuthority;
  readonly apply: SettingsAppliers;
  /** Keeps the settings in effect (LocalStore.recordSettings): true when they changed. */
  readonly record?: (settings: unknown, source: string) => Promise<boolean>;
  /** Devices, names and zones into the fleet, the analytics and the store; resolves once committed. */
  readonly applyRegistry: (entries: ReadonlyArray<RegistryEntry>) => Promise<void>;
  /** Whether an operator set a PIN at a sign-in (the database's copy). */
  readonly hasStoredPin?: (name: string) => boolean;
  readonly log?: { info(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void };
  /**
   * Told after a section is saved, recorded and journaled (applied or waiting for a restart), so the
   * host can push `settings.changed` and every screen draws against the thresholds now in effect.
   */
  readonly changed?: (change: SettingsChange) => void;
}

/** One saved settings change, as `changed` is told it. */
export interface SettingsChange {
  readonly section: SettingsSection;
  readonly applied: boolean;
  readonly restart_required: ReadonlyArray<SettingsSection>;
}

export const SETTINGS_SOURCE = 'settings screen';
const MAX_COMMENT = 500;
/** 20,000 devices at about 50 characters a line, with room to spare. */
const MAX_IMPORT_CHARS = 2_000_000;

function invalid(issues: ReadonlyArray<SettingsFieldIssue>): ProtocolError {
  const first = issues.slice(0, 3).map((i) => `${i.field} ${i.message}`).join('; ');
  return new ProtocolError('BAD_REQUEST', `settings not saved: ${first}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`, 'INVALID_SETTINGS', issues);
}

/** The section's own check and the schema may both see a field; the screen shows one message beside it. */
function onePerField(issues: ReadonlyArray<SettingsFieldIssue>): ReadonlyArray<SettingsFieldIssue> {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.field) && seen.add(i.field) !== undefined);
}

/** settings.json as it is on disk, without defaults; a missing file is `{}`. */
function readFileSettings(dataDir: string): Record<string, unknown> {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below as a field error: a broken file is not overwritten by a screen that never read it.
  }
  throw invalid([{ field: '(file)', message: `${file} is not a JSON object; fix it by hand first` }]);
}

/** Temp file, fsync, rename: a crash leaves the old secret or the new one; only this user may read it. */
function writeSecret(secret: SecretFile): void {
  mkdirSync(dirname(secret.file), { recursive: true, mode: 0o700 });
  const temp = `${secret.file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, secret.content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, secret.file);
}

/** The names whose PIN the change removes. */
function clearedPins(changes: unknown): ReadonlyArray<string> {
  const list = typeof changes === 'object' && changes !== null ? (changes as { list?: unknown }).list : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter((o): o is { name: string; clear_pin: true; pin?: unknown } => typeof o === 'object' && o !== null && o.clear_pin === true && typeof o.name === 'string')
    .filter((o) => o.pin === undefined || o.pin === '')
    .map((o) => o.name.trim());
}

function journalComment(section: SettingsSection, comment: string | undefined, applied: boolean): string {
  const what = `changed: ${SECTION_PATHS[section]} (${SETTINGS_SOURCE}${applied ? '' : ', applies after a restart'})`;
  return comment === undefined ? what : `${what}: ${comment}`;
}

export function createSettingsHandlers(ctx: SettingsHandlersContext): SettingsHandlers {
  let current = ctx.initial;
  const restartRequired = new Set<SettingsSection>();
  // One change at a time: each reads the file the previous one wrote.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const snapshot = (): MethodResult<'settings.get'> =>
    settingsSnapshot(current, {
      file: settingsPath(ctx.dataDir),
      connectionsOverriddenBy: ctx.connectionsOverriddenBy,
      languageOverriddenBy: ctx.languageOverriddenBy ?? null,
      restartRequired: [...restartRequired].sort(),
      hasStoredPin: ctx.hasStoredPin ?? (() => false),
    });

  const applyLive = async (section: SettingsSection, settings: Settings, changes: unknown): Promise<boolean> => {
    switch (section) {
      case 'thresholds':
        if (!ctx.apply.thresholds) return false;
        ctx.apply.thresholds(settings.scoring);
        return true;
      case 'retention':
        if (!ctx.apply.retention) return false;
        ctx.apply.retention(settings.storage);
        return true;
      case 'operators':
        if (!ctx.apply.operators) return false;
        await ctx.apply.operators(settings.alarms, clearedPins(changes));
        return true;
      case 'connections':
        if (!ctx.apply.connections || ctx.connectionsOverriddenBy !== null) return false;
        await ctx.apply.connections(settings.mqtt.connections);
        return true;
      case 'language':
        if (!ctx.apply.language || (ctx.languageOverriddenBy ?? null) !== null) return false;
        ctx.apply.language(settings.ui.language);
        return true;
    }
  };

  const update = async (params: MethodParams<'settings.update'>): Promise<MethodResult<'settings.update'>> => {
    const given = (params ?? {}) as unknown as Record<string, unknown>;
    const section = given.section;
    if (!isSettingsSection(section)) throw new ProtocolError('BAD_REQUEST', `section must be one of connections, thresholds, retention, operators, language`);
    if (!('changes' in given)) throw new ProtocolError('BAD_REQUEST', 'changes are required');
    const comment = optionalText('comment', given.comment, MAX_COMMENT);
    const actor = await ctx.authority.requireSupervisor(given);
    const patch = await patchSettings(readFileSettings(ctx.dataDir), section, given.changes, ctx.dataDir);
    const issues = onePerField([...patch.issues, ...validateAgainstSchema(SETTINGS_SCHEMA, patch.next)]);
    if (issues.length > 0) throw invalid(issues);
    for (const secret of patch.secrets) writeSecret(secret);
    try {
      saveSettings(ctx.dataDir, patch.next as unknown as Settings);
    } catch (error) {
      if (error instanceof SettingsError) throw invalid(error.issues);
      throw error;
    }
    // Read back what was written: the settings in effect are the file's, defaults filled as at a start.
    const saved = loadSettings(ctx.dataDir);
    let applied = false;
    try {
      applied = await applyLive(section, saved, given.changes);
    } catch (error) {
      // Saved but not taken up: it will be at the next start, and the screen says a restart is due.
      ctx.log?.error('settings: a saved change could not be applied now', { section, error: error instanceof Error ? error.message : String(error) });
    }
    if (applied) restartRequired.delete(section);
    else restartRequired.add(section);
    current = saved;
    ctx.log?.info('settings changed', { section, operator: actor.operator, station: actor.station, applied });
    // Recorded first, so the next start sees these settings as already journaled.
    await ctx.record?.(saved, SETTINGS_SOURCE);
    await ctx.authority.journalSettingsChange(actor, journalComment(section, comment, applied));
    const restart_required = [...restartRequired].sort();
    try {
      ctx.changed?.({ section, applied, restart_required });
    } catch (error) {
      // The change is saved and in effect; a listener's failure must not turn it into an error.
      ctx.log?.error('settings: telling the screens of a change failed', { section, error: error instanceof Error ? error.message : String(error) });
    }
    return { section, applied, restart_required, settings: snapshot() };
  };

  const importRegistry = async (params: MethodParams<'registry.import'>): Promise<MethodResult<'registry.import'>> => {
    const given = (params ?? {}) as unknown as Record<string, unknown>;
    const text = given.text;
    if (typeof text !== 'string' || text.trim() === '') throw new ProtocolError('BAD_REQUEST', 'text must hold the CSV or JSON of the registry');
    if (text.length > MAX_IMPORT_CHARS) throw new ProtocolError('BAD_REQUEST', `text must be at most ${MAX_IMPORT_CHARS} characters`);
    const format = given.format;
    if (format !== undefined && format !== 'csv' && format !== 'json') throw new ProtocolError('BAD_REQUEST', 'format must be csv or json');
    const comment = optionalText('comment', given.comment, MAX_COMMENT);
    // A dry run changes nothing, so anyone at a console may check a file before a supervisor imports it.
    const actor = given.dry_run === true ? null : await ctx.authority.requireSupervisor(given);
    const parsed = parseRegistryImport(text, format);
    if (!parsed.ok) {
      const first = parsed.issues.slice(0, 3).map((i) => `line ${i.line}: ${i.field} ${i.message}`).join('; ');
      throw new ProtocolError('BAD_REQUEST', `registry not imported: ${first}${parsed.issues.length > 3 ? ` (and ${parsed.issues.length - 3} more)` : ''}`, 'INVALID_REGISTRY', parsed.issues);
    }
    const zones = new Set(parsed.entries.map((e) => e.zone)).size;
    if (actor === null) return { applied: false, format: parsed.format, devices: parsed.entries.length, zones };
    await ctx.applyRegistry(parsed.entries);
    ctx.log?.info('device registry imported', { devices: parsed.entries.length, zones, operator: actor.operator });
    const what = `registry import (${SETTINGS_SOURCE}): ${parsed.entries.length} devices in ${zones} zones`;
    await ctx.authority.journalSettingsChange(actor, comment === undefined ? what : `${what}: ${comment}`);
    return { applied: true, format: parsed.format, devices: parsed.entries.length, zones };
  };

  return {
    'settings.get': async () => snapshot(),
    'settings.update': (params) => serial(() => update(params)),
    'registry.import': (params) => serial(() => importRegistry(params)),
  };
}

/** Where a console has no settings write path (tests of the service alone). */
export const NO_SETTINGS_HANDLERS: SettingsHandlers = {
  'settings.get': async () => {
    throw new ProtocolError('UNAVAILABLE', 'settings are not available in this console');
  },
  'settings.update': async () => {
    throw new ProtocolError('UNAVAILABLE', 'settings are not available in this console');
  },
  'registry.import': async () => {
    throw new ProtocolError('UNAVAILABLE', 'settings are not available in this console');
  },
};
