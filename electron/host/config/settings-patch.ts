import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { SettingsFieldIssue, SettingsSection } from '../../../shared/protocol';
import { mergeScoringConfig } from '../../../shared/scoring';
import { hashPin, MAX_PIN_LENGTH } from '../alarms/pin-hash';

// One section of the settings screen laid over settings.json as it is on disk (not the defaulted
// copy, so the file keeps only what someone chose). Every problem is named by its settings.json
// path, so the screen can show it beside its field. Secrets given here never go into the file:
// a broker password goes to a file of its own (only the console's user may read it) and a PIN
// becomes an scrypt hash.

type Json = Record<string, unknown>;

/** A secret to write beside settings.json once the change is known to be good. */
export interface SecretFile {
  readonly file: string;
  readonly content: string;
}

export interface SettingsPatch {
  readonly next: Json;
  readonly issues: ReadonlyArray<SettingsFieldIssue>;
  readonly secrets: ReadonlyArray<SecretFile>;
}

/** The part of settings.json each section of the screen changes (and the name the journal gives it). */
export const SECTION_PATHS: Readonly<Record<SettingsSection, string>> = {
  connections: 'mqtt.connections',
  thresholds: 'scoring.thresholds',
  retention: 'storage',
  operators: 'alarms.operators',
  language: 'ui.language',
};

const VALID_URL_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(root: Json, key: string): Json {
  const value = root[key];
  return isObject(value) ? value : {};
}

function unknownKeys(value: Json, known: ReadonlyArray<string>, path: string, issues: SettingsFieldIssue[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) issues.push({ field: `${path}.${key}`, message: 'is not a known setting' });
}

/** A password file's name from the connection id, kept to safe characters. */
export function passwordFile(dataDir: string, connectionId: string): string {
  return join(dataDir, 'secrets', `mqtt-${connectionId.replace(/[^A-Za-z0-9_-]/g, '_')}.password`);
}

const CONNECTION_KEYS = ['id', 'url', 'client_id', 'username', 'password', 'clear_password', 'topics', 'qos', 'ca_file', 'cert_file', 'key_file', 'alpn'];
const FILE_KEYS = ['ca_file', 'cert_file', 'key_file'] as const;

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function patchConnections(file: Json, changes: unknown, dataDir: string, issues: SettingsFieldIssue[], secrets: SecretFile[]): Json {
  const base = 'mqtt.connections';
  if (!Array.isArray(changes)) {
    issues.push({ field: base, message: 'must be a list of connections' });
    return file;
  }
  const mqtt = objectAt(file, 'mqtt');
  const saved = Array.isArray(mqtt.connections) ? (mqtt.connections as unknown[]).filter(isObject) : [];
  const ids = new Set<string>();
  const list = changes.map((change: unknown, i): Json => {
    const path = `${base}[${i}]`;
    if (!isObject(change)) {
      issues.push({ field: path, message: 'must be an object' });
      return {};
    }
    unknownKeys(change, CONNECTION_KEYS, path, issues);
    const id = typeof change.id === 'string' ? change.id.trim() : '';
    if (id === '') issues.push({ field: `${path}.id`, message: 'must not be empty' });
    else if (ids.has(id)) issues.push({ field: `${path}.id`, message: `repeats ${JSON.stringify(id)}` });
    ids.add(id);
    const previous = saved.find((c) => c.id === id) ?? {};
    // Settings the screen does not show (keepalive, session expiry, rate limit…) stay as they were.
    const next: Json = { ...previous, id };
    const url = typeof change.url === 'string' ? change.url.trim() : change.url;
    next.url = url;
    if (typeof url === 'string') {
      let protocol = '';
      try {
        protocol = new URL(url).protocol;
      } catch {
        issues.push({ field: `${path}.url`, message: `is not a URL: ${JSON.stringify(url)}` });
      }
      if (protocol !== '' && !VALID_URL_PROTOCOLS.includes(protocol)) {
        issues.push({ field: `${path}.url`, message: 'must start with mqtt://, mqtts://, ws:// or wss://' });
      }
    }
    for (const key of ['client_id', 'username', ...FILE_KEYS] as const) {
      if (!(key in change)) continue;
      const value = change[key];
      if (value === null || (typeof value === 'string' && value.trim() === '')) delete next[key];
      else next[key] = typeof value === 'string' ? value.trim() : value;
    }
    for (const key of ['topics', 'qos', 'alpn'] as const) if (key in change) next[key] = change[key];
    for (const key of FILE_KEYS) {
      const value = next[key];
      if (typeof value === 'string' && !readable(value)) issues.push({ field: `${path}.${key}`, message: `cannot be read on this machine: ${value}` });
    }
    if ((next.cert_file === undefined) !== (next.key_file === undefined)) {
      issues.push({ field: `${path}.${next.cert_file === undefined ? 'cert_file' : 'key_file'}`, message: 'a client certificate needs its private key, and a key its certificate' });
    }
    if (Array.isArray(next.topics) && next.topics.length === 0) issues.push({ field: `${path}.topics`, message: 'must name at least one topic' });
    if (change.clear_password === true) delete next.password_file;
    if (change.password !== undefined) {
      if (typeof change.password !== 'string' || change.password === '') issues.push({ field: `${path}.password`, message: 'must be text' });
      else if (id !== '') {
        const target = passwordFile(dataDir, id);
        secrets.push({ file: target, content: change.password });
        next.password_file = target;
      }
    }
    return next;
  });
  return { ...file, mqtt: { ...mqtt, connections: list } };
}

const THRESHOLD_KEYS = ['temperatureC', 'overvoltageV', 'undervoltageV', 'overcurrentA', 'leakageMa', 'coPpm', 'vocUgM3', 'powerFactorMin'];

function patchThresholds(file: Json, changes: unknown, issues: SettingsFieldIssue[]): Json {
  const base = 'scoring.thresholds';
  if (!isObject(changes)) {
    issues.push({ field: base, message: 'must be an object' });
    return file;
  }
  unknownKeys(changes, THRESHOLD_KEYS, base, issues);
  const scoring = objectAt(file, 'scoring');
  const thresholds = objectAt(scoring, 'thresholds');
  const next: Json = { ...thresholds, ...changes };
  if (isObject(changes.temperatureC)) next.temperatureC = { ...objectAt(thresholds, 'temperatureC'), ...changes.temperatureC };
  for (const [key, value] of Object.entries(changes)) {
    if (key !== 'temperatureC' && THRESHOLD_KEYS.includes(key) && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      issues.push({ field: `${base}.${key}`, message: 'must be a number of at least 0' });
    }
  }
  const nextScoring = { ...scoring, thresholds: next };
  // The scoring engine's own check: names the field and keeps the temperature bands in order.
  const merged = mergeScoringConfig(nextScoring);
  if (!merged.ok) {
    for (const error of merged.errors) {
      const space = error.indexOf(' ');
      issues.push({ field: error.slice(0, space), message: error.slice(space + 1) });
    }
  }
  return { ...file, scoring: nextScoring };
}

const RETENTION_KEYS = ['raw_days', 'rollup_days', 'events_days', 'quarantine_days', 'size_cap_gb'];

function patchRetention(file: Json, changes: unknown, issues: SettingsFieldIssue[]): Json {
  if (!isObject(changes)) {
    issues.push({ field: 'storage', message: 'must be an object' });
    return file;
  }
  unknownKeys(changes, RETENTION_KEYS, 'storage', issues);
  return { ...file, storage: { ...objectAt(file, 'storage'), ...changes } };
}

async function patchOperators(file: Json, changes: unknown, issues: SettingsFieldIssue[]): Promise<Json> {
  if (!isObject(changes)) {
    issues.push({ field: 'alarms.operators', message: 'must be an object' });
    return file;
  }
  unknownKeys(changes, ['list', 'default_role'], 'alarms', issues);
  const alarms = { ...objectAt(file, 'alarms') };
  if ('default_role' in changes) alarms.default_role = changes.default_role;
  if ('list' in changes) {
    if (!Array.isArray(changes.list)) {
      issues.push({ field: 'alarms.operators', message: 'must be a list of operators' });
      return { ...file, alarms };
    }
    const saved = Array.isArray(alarms.operators) ? (alarms.operators as unknown[]).filter(isObject) : [];
    const names = new Set<string>();
    const list: Json[] = [];
    for (const [i, change] of (changes.list as unknown[]).entries()) {
      const path = `alarms.operators[${i}]`;
      if (!isObject(change)) {
        issues.push({ field: path, message: 'must be an object' });
        continue;
      }
      unknownKeys(change, ['name', 'role', 'pin', 'clear_pin', 'has_pin'], path, issues);
      const name = typeof change.name === 'string' ? change.name.trim() : '';
      if (name === '') issues.push({ field: `${path}.name`, message: 'must not be empty' });
      else if (name.length > 100) issues.push({ field: `${path}.name`, message: 'must be at most 100 characters' });
      else if (names.has(name.toLowerCase())) issues.push({ field: `${path}.name`, message: `repeats ${JSON.stringify(name)}` });
      names.add(name.toLowerCase());
      const previous = saved.find((o) => typeof o.name === 'string' && o.name.trim().toLowerCase() === name.toLowerCase());
      const next: Json = { name, role: change.role };
      if (change.clear_pin !== true && typeof previous?.pin_hash === 'string') next.pin_hash = previous.pin_hash;
      if (change.pin !== undefined && change.pin !== '') {
        if (typeof change.pin !== 'string' || change.pin.length > MAX_PIN_LENGTH) issues.push({ field: `${path}.pin`, message: `must be text of at most ${MAX_PIN_LENGTH} characters` });
        else next.pin_hash = await hashPin(change.pin);
      }
      list.push(next);
    }
    // Without a supervisor nobody could open this screen's write path again.
    if (list.length > 0 && !list.some((o) => o.role === 'supervisor')) {
      issues.push({ field: 'alarms.operators', message: 'must keep at least one supervisor' });
    }
    alarms.operators = list;
  }
  return { ...file, alarms };
}

function patchLanguage(file: Json, changes: unknown): Json {
  return { ...file, ui: { ...objectAt(file, 'ui'), language: changes } };
}

/** Lays one section's change over the file's content; the schema check comes after, over the whole file. */
export async function patchSettings(file: Json, section: SettingsSection, changes: unknown, dataDir: string): Promise<SettingsPatch> {
  const issues: SettingsFieldIssue[] = [];
  const secrets: SecretFile[] = [];
  let next: Json;
  switch (section) {
    case 'connections':
      next = patchConnections(file, changes, dataDir, issues, secrets);
      break;
    case 'thresholds':
      next = patchThresholds(file, changes, issues);
      break;
    case 'retention':
      next = patchRetention(file, changes, issues);
      break;
    case 'operators':
      next = await patchOperators(file, changes, issues);
      break;
    case 'language':
      next = patchLanguage(file, changes);
      break;
  }
  return { next, issues, secrets };
}
